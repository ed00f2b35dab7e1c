package dev.berth.node.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SystemCpuTest {

    @Test
    void parse_sumsTheFirstSevenFiguresOfTheCpuLine_asNanoseconds() {
        // user nice system idle iowait irq softirq | steal guest guest_nice (not counted, as Docker)
        String stat = "cpu  81543 1 11807 1076631 937 2 212 37 5 6\ncpu0 40355 0 5220 539730 220 0 53 16 0 0\n"
                + "intr 1 2 3\n";

        long ticks = 81543 + 1 + 11807 + 1076631 + 937 + 2 + 212;
        assertThat(SystemCpu.parse(stat)).isEqualTo(ticks * 10_000_000L);
    }

    @Test
    void parse_withoutCpuLine_fails() {
        assertThatThrownBy(() -> SystemCpu.parse("intr 1\n")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void ticksToNanos_userHzIsAHundredth() {
        assertThat(SystemCpu.ticksToNanos(27)).isEqualTo(270_000_000L);
    }
}
