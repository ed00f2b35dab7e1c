package dev.berth.node.monitor;

import dev.berth.node.config.NodeProperties;
import dev.berth.node.nativ.Native;
import dev.berth.node.state.Container;
import dev.berth.node.state.ContainerProcess;
import dev.berth.node.state.ContainerStore;
import dev.berth.node.state.ProcessExit;
import dev.berth.node.supervisor.Supervisor;
import dev.berth.node.task.TaskService;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Turns conmon's exit files into exits: a WatchService on the exit dir, plus a periodic rescan as a
 * safety net that also notices a conmon that died without writing one (exit code lost). Each exit
 * found is recorded by a task on the supervisor's workers, for the process it was found for.
 */
@Component
public class ExitMonitor {

    private static final Logger log = LoggerFactory.getLogger(ExitMonitor.class);

    private final NodeProperties properties;
    private final ContainerStore store;
    private final TaskService tasks;
    private final Supervisor supervisor;
    private final ScheduledExecutorService rescans = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "exit-rescan"));
    private WatchService watcher;
    private Thread watchThread;

    public ExitMonitor(NodeProperties properties, ContainerStore store, TaskService tasks, Supervisor supervisor) {
        this.properties = properties;
        this.store = store;
        this.tasks = tasks;
        this.supervisor = supervisor;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void start() throws IOException {
        Files.createDirectories(properties.exitDir());
        watcher = properties.exitDir().getFileSystem().newWatchService();
        properties.exitDir().register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
        watchThread = daemon(this::watch, "exit-watch");
        watchThread.start();
        rescans.scheduleWithFixedDelay(this::rescan, 1, 1, TimeUnit.SECONDS);
    }

    private void watch() {
        try {
            while (true) {
                WatchKey key = watcher.take();
                for (WatchEvent<?> event : key.pollEvents()) {
                    if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
                        rescan();
                    } else if (event.context() instanceof Path name) {
                        check(name.toString());
                    }
                }
                key.reset();
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // shutting down
        }
    }

    /** Checks every running container (also used once by the live restore). */
    public void rescan() {
        for (Container container : store.all()) {
            try {
                ContainerProcess main = container.mainProcess();
                if (container.state().isRunning() && main != null) {
                    checkRunning(container, main);
                }
            } catch (RuntimeException e) {
                log.warn("exit check of {} failed: {}", container.id(), e.getMessage());
            }
        }
    }

    /** An exit file appeared: its name is conmon's id of the process, the container id for a main process. */
    private void check(String conmonId) {
        Container container = store.find(conmonId);
        ContainerProcess main = container == null ? null : container.mainProcess();
        if (main != null && main.conmonId().equals(conmonId)) {
            collectExitFile(container, main);
        }
    }

    private void checkRunning(Container container, ContainerProcess process) {
        if (collectExitFile(container, process)) {
            return;
        }
        int conmonPid = container.state().conmonPid();
        // conmon writes the exit file before it exits: dead first, then no file, means the code is lost.
        if (conmonPid > 0 && !Native.isAlive(conmonPid) && !collectExitFile(container, process)) {
            report(container, process, ProcessExit.lost(Instant.now()));
        }
    }

    /** True when an exit file with a code was found and reported. */
    private boolean collectExitFile(Container container, ContainerProcess process) {
        if (process.hasExited()) {
            return true;
        }
        for (Path file : process.exitFiles()) {
            try {
                if (!Files.isRegularFile(file)) {
                    continue;
                }
                String text = Files.readString(file).trim();
                if (text.isEmpty()) {
                    continue; // being written: the MODIFY event or the rescan comes back
                }
                int code = Integer.parseInt(text);
                boolean oom = Files.exists(process.oomFile());
                Instant finished = Files.getLastModifiedTime(file).toInstant();
                report(container, process, new ProcessExit(code, finished, oom));
                return true;
            } catch (IOException | NumberFormatException e) {
                log.debug("unreadable exit file {}: {}", file, e.getMessage());
            }
        }
        return false;
    }

    /** Exit handling is a task like any other; a refused one (queue full) is retried by the next rescan. */
    private void report(Container container, ContainerProcess process, ProcessExit exit) {
        supervisor.submit(() -> {
            tasks.exited(container, process, exit);
            return null;
        }).exceptionally(failure -> {
            log.warn("exit of {} not recorded yet: {}", container.id(), failure.getMessage());
            return null;
        });
    }

    @PreDestroy
    public void stop() throws IOException {
        rescans.shutdownNow();
        if (watcher != null) {
            watcher.close();
        }
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }
}
