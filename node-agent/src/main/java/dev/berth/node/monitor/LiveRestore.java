package dev.berth.node.monitor;

import dev.berth.node.task.TaskService;
import dev.berth.node.nativ.Native;
import dev.berth.node.state.Container;
import dev.berth.node.state.ContainerState;
import dev.berth.node.state.ContainerStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * At start-up, re-adopts the containers recorded in state.json files: running ones whose conmon is
 * alive get their output reconnected; exits written while the agent was down are collected by the
 * monitor's first rescan; a dead conmon without an exit file is reported as exit code lost.
 */
@Component
class LiveRestore implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(LiveRestore.class);

    private final ContainerStore store;
    private final TaskService tasks;
    private final ExitMonitor monitor;

    LiveRestore(ContainerStore store, TaskService tasks, ExitMonitor monitor) {
        this.store = store;
        this.tasks = tasks;
        this.monitor = monitor;
    }

    @Override
    public void afterSingletonsInstantiated() {
        int adopted = 0;
        for (ContainerState state : store.loadPersisted()) {
            Container container = store.newContainer(state);
            store.register(container);
            if (state.isRunning() && Native.isAlive(state.conmonPid())) {
                tasks.adopt(container);
                adopted++;
            }
        }
        monitor.rescan();
        log.info("live restore: {} containers known, {} re-adopted", store.all().size(), adopted);
    }
}
