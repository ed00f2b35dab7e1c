package dev.berth.node.spec.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostCapabilitiesTest {

    @Test
    void read_capBndOfStatus(@TempDir Path dir) throws IOException {
        Path status = Files.writeString(dir.resolve("status"),
                "Name:\tjava\nCapInh:\t0000000000000000\nCapBnd:\t000001fffeffffff\nCapAmb:\t0000000000000000\n");
        HostCapabilities caps = HostCapabilities.read(status);
        assertThat(caps.mask()).isEqualTo(0x1fffeffffffL);
        assertThat(caps.has("CAP_SYS_ADMIN")).isTrue();
        assertThat(caps.has("CAP_SYS_RESOURCE")).isFalse();
        assertThat(caps.names()).hasSize(40).startsWith("CAP_CHOWN").endsWith("CAP_CHECKPOINT_RESTORE");
    }

    @Test
    void read_unreadable_isDockersDefaultSet(@TempDir Path dir) {
        HostCapabilities caps = HostCapabilities.read(dir.resolve("missing"));
        assertThat(caps.names()).containsExactlyInAnyOrderElementsOf(CapabilityNames.DOCKER_DEFAULT);
    }
}
