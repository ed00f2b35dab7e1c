package dev.berth.container.waiting;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.berth.proto.v1.WaitCondition;
import dev.berth.proto.v1.WaitResult;

class WaitRegistryTest {

    private final WaitRegistry registry = new WaitRegistry();
    private final WaitResult seven = WaitResult.newBuilder().setExitCode(7).build();

    @Test
    void exited_answersNotRunningAndNextExitButNotRemoved() {
        WaitRegistry.Waiter notRunning = registry.register("c", WaitCondition.WAIT_CONDITION_UNSPECIFIED);
        WaitRegistry.Waiter nextExit = registry.register("c", WaitCondition.WAIT_CONDITION_NEXT_EXIT);
        WaitRegistry.Waiter removed = registry.register("c", WaitCondition.WAIT_CONDITION_REMOVED);

        registry.exited("c", seven);

        assertThat(notRunning.condition()).isEqualTo(WaitCondition.WAIT_CONDITION_NOT_RUNNING);
        assertThat(notRunning.result()).isCompletedWithValue(seven);
        assertThat(nextExit.result()).isCompletedWithValue(seven);
        assertThat(removed.result()).isNotDone();
        assertThat(registry.count("c")).isEqualTo(1);
    }

    @Test
    void removed_answersEveryWaiter() {
        WaitRegistry.Waiter nextExit = registry.register("c", WaitCondition.WAIT_CONDITION_NEXT_EXIT);
        WaitRegistry.Waiter removed = registry.register("c", WaitCondition.WAIT_CONDITION_REMOVED);

        registry.removed("c", seven);

        assertThat(nextExit.result()).isCompletedWithValue(seven);
        assertThat(removed.result()).isCompletedWithValue(seven);
        assertThat(registry.count("c")).isZero();
    }

    @Test
    void cancel_forgetsTheWaiter() {
        WaitRegistry.Waiter waiter = registry.register("c", WaitCondition.WAIT_CONDITION_NEXT_EXIT);

        registry.cancel(waiter);
        registry.exited("c", seven);

        assertThat(waiter.result()).isNotDone();
        assertThat(registry.count("c")).isZero();
    }

    @Test
    void exited_otherContainersAreUntouched() {
        WaitRegistry.Waiter other = registry.register("d", WaitCondition.WAIT_CONDITION_NEXT_EXIT);

        registry.exited("c", seven);

        assertThat(other.result()).isNotDone();
    }
}
