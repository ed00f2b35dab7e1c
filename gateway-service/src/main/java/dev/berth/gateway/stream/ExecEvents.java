package dev.berth.gateway.stream;

import dev.berth.common.events.ExecActions;
import dev.berth.gateway.backend.NodeChannels;
import dev.berth.gateway.events.GatewayEvents;
import dev.berth.proto.v1.ExecRoute;
import dev.berth.proto.v1.NodeExecInfo;
import dev.berth.proto.v1.NodeExecRef;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * exec_create, exec_start and exec_die: the create once the node has the exec, the start when the node has the attachment (or is asked to start a
 * detached exec), the exit once an attached exec's stream ended (its exit is recorded by then).
 * The node reports no exec exits of its own, so a detached exec is polled until it has exited,
 * less often the longer it runs; a gateway restart forgets those polls (no exec_die then).
 * Publishing is off the request's path, on one thread: an exec's create, start and exit stay in
 * that order, and nobody waits for the store.
 */
@Component
public class ExecEvents implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ExecEvents.class);
    private static final long FIRST_POLL_MILLIS = 100;
    private static final long MAX_POLL_MILLIS = 5_000;

    private final GatewayEvents events;
    private final NodeChannels nodes;
    private final ScheduledExecutorService polls = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "exec-exit-poll");
        thread.setDaemon(true);
        return thread;
    });
    private final ExecutorService publications = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "exec-events");
        thread.setDaemon(true);
        return thread;
    });

    ExecEvents(GatewayEvents events, NodeChannels nodes) {
        this.events = events;
        this.nodes = nodes;
    }

    /** After a detached start: exec_die once the node has the exit. */
    public void watchDetached(ExecRoute route) {
        schedule(route, FIRST_POLL_MILLIS);
    }

    private void schedule(ExecRoute route, long delayMillis) {
        try {
            polls.schedule(() -> poll(route, delayMillis), delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            log.debug("exec {} no longer watched: shutting down", route.getExecId());
        }
    }

    private void poll(ExecRoute route, long delayMillis) {
        NodeExecInfo info;
        try {
            info = inspect(route);
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
                return;
            }
            schedule(route, Math.min(delayMillis * 2, MAX_POLL_MILLIS));
            return;
        }
        if (info.hasExitCode()) {
            publish(() -> died(route, info.getExitCode()));
        } else if (info.getRunning() || info.getPid() == 0) {
            schedule(route, Math.min(delayMillis * 2, MAX_POLL_MILLIS));
        }
    }

    @Override
    public void destroy() throws InterruptedException {
        polls.shutdownNow();
        publications.shutdown();
        publications.awaitTermination(5, TimeUnit.SECONDS);
    }

    public void created(ExecRoute route) {
        publish(route, ExecActions.create(route.getConfig().getCmdList()), Map.of("execID", route.getExecId()));
    }

    public void started(ExecRoute route) {
        publish(route, ExecActions.start(route.getConfig().getCmdList()), Map.of("execID", route.getExecId()));
    }

    /** After an attached exec's stream ended: its exit is recorded by then. */
    void ended(ExecRoute route) {
        publish(() -> {
            NodeExecInfo info;
            try {
                info = inspect(route);
            } catch (StatusRuntimeException e) {
                return;
            }
            if (info.hasExitCode()) {
                died(route, info.getExitCode());
            }
        });
    }

    private NodeExecInfo inspect(ExecRoute route) {
        return nodes.nodeExec(route.getNodeAddress()).withDeadlineAfter(10, TimeUnit.SECONDS)
                .inspectExec(NodeExecRef.newBuilder().setExecId(route.getExecId()).build());
    }

    private void died(ExecRoute route, int exitCode) {
        events.container(route.getContainerId(), ExecActions.DIE,
                Map.of("execID", route.getExecId(), "exitCode", Integer.toString(exitCode)));
    }

    private void publish(ExecRoute route, String action, Map<String, String> attributes) {
        publish(() -> events.container(route.getContainerId(), action, attributes));
    }

    private void publish(Runnable publication) {
        try {
            publications.execute(publication);
        } catch (RejectedExecutionException e) {
            log.debug("exec event not published: shutting down");
        }
    }
}
