package dev.berth.node.spec.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SystemPathsTest {

    @Test
    void masked_addsTheThermalThrottleOfEachPossibleCpuThatHasOne(@TempDir Path cpu) throws IOException {
        Files.writeString(cpu.resolve("possible"), "0-2\n");
        Files.createDirectories(cpu.resolve("cpu0/thermal_throttle"));
        Files.createDirectories(cpu.resolve("cpu2/thermal_throttle"));
        Files.createDirectories(cpu.resolve("cpu1"));
        assertThat(SystemPaths.masked(cpu)).startsWith("/proc/asound", "/proc/acpi", "/proc/interrupts")
                .endsWith("/sys/devices/virtual/powercap", "/sys/devices/system/cpu/cpu0/thermal_throttle",
                        "/sys/devices/system/cpu/cpu2/thermal_throttle");
    }

    @Test
    void masked_noCpuList_isTheFixedList(@TempDir Path cpu) {
        assertThat(SystemPaths.masked(cpu)).isEqualTo(SystemPaths.MASKED);
    }
}
