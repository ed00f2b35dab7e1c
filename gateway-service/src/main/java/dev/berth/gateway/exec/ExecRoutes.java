package dev.berth.gateway.exec;

import dev.berth.proto.v1.ExecRoute;
import dev.berth.proto.v1.ExecRouterGrpc;
import dev.berth.proto.v1.LocateExecRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Where an exec lives. An exec never moves: the route from its create answer is remembered, so
 * start and inspect go straight to its node; another gateway replica (or this one, after the
 * route was evicted or a restart) asks container-service to locate it. A remembered exec that
 * is gone since gets its node's own NOT_FOUND, the answer the locate would have given.
 */
@Component
public class ExecRoutes {

    static final int CAPACITY = 4096;

    private final Function<String, ExecRoute> locate;
    private final Map<String, ExecRoute> routes = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, ExecRoute> eldest) {
            return size() > CAPACITY;
        }
    };

    @Autowired
    ExecRoutes(ExecRouterGrpc.ExecRouterBlockingStub router) {
        this(execId -> router.locateExec(LocateExecRequest.newBuilder().setExecId(execId).build()));
    }

    ExecRoutes(Function<String, ExecRoute> locate) {
        this.locate = locate;
    }

    void remember(ExecRoute route) {
        synchronized (routes) {
            routes.put(route.getExecId(), route);
        }
    }

    /** The exec's route; NOT_FOUND (as a gRPC status) where no node has it. */
    public ExecRoute find(String execId) {
        synchronized (routes) {
            ExecRoute known = routes.get(execId);
            if (known != null) {
                return known;
            }
        }
        ExecRoute located = locate.apply(execId);
        remember(located);
        return located;
    }
}
