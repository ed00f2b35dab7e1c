package dev.berth.container.restart;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import dev.berth.container.lifecycle.ContainerStart;
import dev.berth.container.lifecycle.State;
import dev.berth.container.store.ContainerRepository;
import dev.berth.container.store.ContainerRow;
import dev.berth.container.store.ProtoJson;

/**
 * Restart policies: decides at each recorded exit whether the policy brings the process back, and
 * starts it again after Docker's back-off. The decision is taken in the same write as the exit
 * (the row goes straight to {@code restarting}); a pending restart that a crash of this service
 * interrupted is found by its state when the service is up again.
 */
@Component
public class PolicyRestarts implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(PolicyRestarts.class);

    private final ContainerRepository containers;
    private final ContainerStart starter;
    private final Map<String, RestartBackoff> backoffs = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "policy-restarts");
        thread.setDaemon(true);
        return thread;
    });

    public PolicyRestarts(ContainerRepository containers, ContainerStart starter) {
        this.containers = containers;
        this.starter = starter;
    }

    /** Whether the exit just recorded in {@code exited} (not yet saved) is to be restarted. */
    public boolean restartsAfter(ContainerRow exited) {
        RestartRule rule = RestartRule.of(ProtoJson.readHostConfig(exited.hostConfig()).getRestartPolicy());
        boolean restarts = rule.restartsAfter(exited.exitCode(), exited.stopIntent(), exited.restartCount());
        if (!restarts) {
            backoffs.remove(exited.id());
        }
        return restarts;
    }

    /** Schedules the start of a container saved as {@code restarting}; called under its guard. */
    public void schedule(ContainerRow restarting) {
        if (restarting.restartCount() == 0) {
            // The run a user started: the back-off starts over, as Docker's new restart manager does.
            backoffs.remove(restarting.id());
        }
        Duration ranFor = restarting.startedAt() == null || restarting.finishedAt() == null ? Duration.ZERO
                : Duration.between(restarting.startedAt(), restarting.finishedAt());
        Duration delay = backoffs.computeIfAbsent(restarting.id(), id -> new RestartBackoff()).next(ranFor);
        later(restarting.id(), delay);
    }

    private void later(String containerId, Duration delay) {
        timers.schedule(() -> restart(containerId), delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void restart(String containerId) {
        try {
            ContainerStart.PolicyStart outcome = starter.startByPolicy(containerId);
            if (outcome == ContainerStart.PolicyStart.NODE_UNAVAILABLE) {
                later(containerId, Duration.ofSeconds(1));
            } else if (outcome != ContainerStart.PolicyStart.STARTED) {
                backoffs.remove(containerId);
            }
        } catch (RuntimeException e) {
            log.warn("restart of container {} failed", containerId, e);
        }
    }

    /** Pending restarts that a stop of this service interrupted go ahead once it is up. */
    @EventListener(ApplicationReadyEvent.class)
    public void resumePending() {
        for (ContainerRow row : containers.findByStatus(State.RESTARTING.dockerName())) {
            later(row.id(), RestartBackoff.FIRST);
        }
    }

    @Override
    public void destroy() {
        timers.shutdownNow();
    }
}
