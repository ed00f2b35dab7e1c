package dev.berth.container.lifecycle;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class LifecycleConfiguration {

    /** Work that must not hold up a node's event stream: auto-removals. */
    @Bean(destroyMethod = "shutdownNow")
    ExecutorService lifecycleExecutor() {
        AtomicInteger count = new AtomicInteger();
        return Executors.newFixedThreadPool(4, runnable -> {
            Thread thread = new Thread(runnable, "lifecycle-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }
}
