package dev.berth.node.exec;

import dev.berth.common.error.BerthException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/** The execs of this node, in memory: like Docker's, they end with the daemon. */
@Component
public class ExecStore {

    private final Map<String, Exec> execs = new ConcurrentHashMap<>();

    void add(Exec exec) {
        execs.put(exec.id(), exec);
    }

    Exec get(String id) {
        Exec exec = execs.get(id);
        if (exec == null) {
            throw BerthException.notFound("No such exec instance: " + id);
        }
        return exec;
    }

    Exec find(String id) {
        return execs.get(id);
    }

    void remove(String id) {
        execs.remove(id);
    }

    /** Forgets the execs of a removed container. */
    public void forgetContainer(String containerId) {
        execs.values().removeIf(exec -> exec.containerId().equals(containerId));
    }
}
