package dev.berth.node.health;

import dev.berth.common.time.ProtoTimes;
import dev.berth.node.bundle.Bundles;
import dev.berth.node.exec.CommandRunner;
import dev.berth.node.state.Container;
import dev.berth.node.state.ContainerState;
import dev.berth.node.state.ContainerStore;
import dev.berth.node.supervisor.EventBus;
import dev.berth.proto.v1.Health;
import dev.berth.proto.v1.HealthConfig;
import dev.berth.proto.v1.HealthLog;
import dev.berth.proto.v1.NodeEventType;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Runs the healthchecks of the containers running on this node, as dockerd does for its own:
 * from each start (and for the containers re-adopted after a restart of the agent) until the
 * exit, one probe at a time, as an exec of the container's HealthConfig command. The node runs
 * them because it owns the process and its execs: no network hop per probe, and exactly one
 * prober per container however many container-service replicas there are. The health lives in
 * memory, per run: a new start, or a restarted agent, begins again at "starting".
 */
@Component
public class HealthMonitor implements EventBus.Subscriber {

    private static final Logger log = LoggerFactory.getLogger(HealthMonitor.class);
    /** Docker keeps this much of a probe's output. */
    static final int MAX_OUTPUT_BYTES = 4096;

    private final ContainerStore store;
    private final EventBus events;
    private final CommandRunner runner;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "healthchecks");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, Check> checks = new ConcurrentHashMap<>();

    HealthMonitor(ContainerStore store, EventBus events, CommandRunner runner) {
        this.store = store;
        this.events = events;
        this.runner = runner;
    }

    @EventListener(ApplicationReadyEvent.class)
    void watch() {
        events.subscribe(this, () -> store.all().stream().map(Container::state).toList());
    }

    @PreDestroy
    void close() {
        events.unsubscribe(this);
        scheduler.shutdownNow();
    }

    @Override
    public void event(NodeEventType type, ContainerState state) {
        switch (type) {
            case NODE_EVENT_TYPE_SNAPSHOT, NODE_EVENT_TYPE_STARTED -> {
                if (state.isRunning()) {
                    begin(state);
                }
            }
            case NODE_EVENT_TYPE_EXITED -> end(state.id());
            default -> {
            }
        }
    }

    /** The health of those of {@code ids} that run a healthcheck here. */
    public Map<String, Health> health(Collection<String> ids) {
        Map<String, Health> out = new LinkedHashMap<>();
        for (String id : ids) {
            Check check = checks.get(id);
            if (check != null) {
                out.put(id, check.record.toProto());
            }
        }
        return out;
    }

    private void begin(ContainerState state) {
        Container container = store.find(state.id());
        if (container == null) {
            return;
        }
        HealthConfig config = Bundles.healthcheck(container);
        HealthSettings settings = config == null ? null : HealthSettings.of(config);
        if (settings == null) {
            return;
        }
        Check check = new Check(state.id(), settings, startedAt(state));
        Check previous = checks.put(state.id(), check);
        if (previous != null) {
            previous.cancel();
        }
        check.scheduleNext();
    }

    private void end(String id) {
        Check check = checks.remove(id);
        if (check != null) {
            check.cancel();
        }
    }

    private static Instant startedAt(ContainerState state) {
        try {
            return state.startedAt() == null ? Instant.now() : Instant.parse(state.startedAt());
        } catch (DateTimeParseException e) {
            return Instant.now();
        }
    }

    /** The healthcheck of one run: a probe, its result, the next probe. */
    private final class Check {
        private final String id;
        private final HealthSettings settings;
        private final Instant startedAt;
        private final HealthRecord record;
        private volatile boolean cancelled;
        private ScheduledFuture<?> next;

        Check(String id, HealthSettings settings, Instant startedAt) {
            this.id = id;
            this.settings = settings;
            this.startedAt = startedAt;
            this.record = new HealthRecord(settings.retries());
        }

        synchronized void scheduleNext() {
            if (cancelled) {
                return;
            }
            boolean starting = HealthRecord.STARTING.equals(record.status()) && withinStartPeriod(Instant.now());
            Duration delay = starting ? settings.startInterval() : settings.interval();
            next = scheduler.schedule(this::probe, delay.toNanos(), TimeUnit.NANOSECONDS);
        }

        synchronized void cancel() {
            cancelled = true;
            if (next != null) {
                next.cancel(false);
            }
        }

        private boolean withinStartPeriod(Instant at) {
            return Duration.between(startedAt, at).compareTo(settings.startPeriod()) < 0;
        }

        private void probe() {
            if (cancelled) {
                return;
            }
            Instant start = Instant.now();
            try {
                runner.run(id, settings.command(), MAX_OUTPUT_BYTES, settings.timeout())
                        .whenComplete((result, failure) -> {
                            if (failure != null) {
                                finish(start, -1, rootMessage(failure));
                            } else if (result.timedOut()) {
                                finish(start, -1, "Health check exceeded timeout (" + HealthSettings.goDuration(settings.timeout()) + ")");
                            } else if (result.exitCode() == null) {
                                finish(start, -1, "the probe's exit code was lost");
                            } else {
                                finish(start, result.exitCode(), result.output());
                            }
                        });
            } catch (RuntimeException e) {
                Container container = store.find(id);
                if (container == null || !container.state().isRunning()) {
                    return; // exited meanwhile: its EXITED event ends this check
                }
                finish(start, -1, rootMessage(e));
            }
        }

        private void finish(Instant start, int exitCode, String output) {
            if (cancelled) {
                return;
            }
            record.record(HealthLog.newBuilder().setStart(ProtoTimes.timestamp(start))
                    .setEnd(ProtoTimes.timestamp(Instant.now())).setExitCode(exitCode).setOutput(output).build(),
                    withinStartPeriod(start));
            log.debug("healthcheck of {}: exit {}, {}", id, exitCode, record.status());
            scheduleNext();
        }

        private String rootMessage(Throwable failure) {
            Throwable t = failure;
            while (t.getCause() != null && (t instanceof java.util.concurrent.CompletionException
                    || t instanceof java.util.concurrent.ExecutionException)) {
                t = t.getCause();
            }
            return String.valueOf(t.getMessage());
        }
    }
}
