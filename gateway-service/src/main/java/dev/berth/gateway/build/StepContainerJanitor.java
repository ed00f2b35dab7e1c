package dev.berth.gateway.build;

import io.grpc.StatusRuntimeException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Once the gateway is up, removes the step containers its killed predecessor left behind; while
 * container-service does not answer yet, tries again a little later, until it has done so once.
 */
@Component
class StepContainerJanitor {

    private static final Logger log = LoggerFactory.getLogger(StepContainerJanitor.class);
    private static final long RETRY_SECONDS = 5;

    private final StepContainers containers;
    private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "build-janitor");
        thread.setDaemon(true);
        return thread;
    });

    StepContainerJanitor(StepContainers containers) {
        this.containers = containers;
    }

    @EventListener(ApplicationReadyEvent.class)
    void cleanUp() {
        retries.execute(this::attempt);
    }

    private void attempt() {
        try {
            int removed = containers.removeLeftovers();
            if (removed > 0) {
                log.info("removed {} build step containers left by the gateway's last run", removed);
            }
            retries.shutdown();
        } catch (StatusRuntimeException e) {
            log.debug("container-service not reachable yet for the build cleanup: {}", e.getStatus());
            retries.schedule(this::attempt, RETRY_SECONDS, TimeUnit.SECONDS);
        }
    }
}
