package dev.berth.container.metrics;

import org.springframework.stereotype.Component;

import dev.berth.container.lifecycle.State;
import dev.berth.container.store.ContainerRepository;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/** {@code berth_containers{state="running"}} and so on, counted in the database at scrape time. */
@Component
class ContainerStateMeters implements MeterBinder {

    private final ContainerRepository containers;

    ContainerStateMeters(ContainerRepository containers) {
        this.containers = containers;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (State state : State.values()) {
            Gauge.builder("berth.containers", containers, repo -> repo.countByStatus(state.dockerName()))
                    .description("Containers by state")
                    .tag("state", state.dockerName())
                    .register(registry);
        }
    }
}
