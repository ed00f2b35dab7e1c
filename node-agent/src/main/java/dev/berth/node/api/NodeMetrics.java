package dev.berth.node.api;

import dev.berth.node.state.ContainerStore;
import dev.berth.node.supervisor.Supervisor;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.stereotype.Component;

/** Gauges for /actuator/prometheus: containers known and running, supervisor tasks queued and active. */
@Component
class NodeMetrics implements MeterBinder {

    private final ContainerStore store;
    private final Supervisor supervisor;

    NodeMetrics(ContainerStore store, Supervisor supervisor) {
        this.store = store;
        this.supervisor = supervisor;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("berth.node.containers", store, s -> s.all().size()).description("containers known").register(registry);
        Gauge.builder("berth.node.containers.running", store,
                s -> s.all().stream().filter(c -> c.state().isRunning()).count()).description("containers running").register(registry);
        Gauge.builder("berth.node.tasks.queued", supervisor, Supervisor::queuedTasks).description("tasks waiting for a worker").register(registry);
        Gauge.builder("berth.node.tasks.active", supervisor, Supervisor::activeTasks).description("tasks being executed").register(registry);
    }
}
