package dev.berth.gateway.stream;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

import java.util.concurrent.atomic.AtomicInteger;

/** Gauges of the long-lived requests in flight: attach, wait and log streams. */
@Component
public class ActiveStreams {

    private final AtomicInteger attaches = new AtomicInteger();
    private final AtomicInteger waits = new AtomicInteger();
    private final AtomicInteger logs = new AtomicInteger();

    public ActiveStreams(MeterRegistry registry) {
        Gauge.builder("berth.gateway.attach.active", attaches, AtomicInteger::get)
                .description("Attach streams open").register(registry);
        Gauge.builder("berth.gateway.wait.active", waits, AtomicInteger::get)
                .description("Wait requests pending").register(registry);
        Gauge.builder("berth.gateway.logs.active", logs, AtomicInteger::get)
                .description("Log streams open").register(registry);
    }

    public AtomicInteger attaches() {
        return attaches;
    }

    public AtomicInteger waits() {
        return waits;
    }

    public AtomicInteger logs() {
        return logs;
    }
}
