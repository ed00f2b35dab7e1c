package dev.berth.node.spec.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.node.spec.OciSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostDevicesTest {

    @Test
    void mapping_devNull_isCharacterDevice1_3AtTheContainerPath() {
        assertThat(HostDevices.mapping("/dev/null", "/dev/mynull"))
                .containsExactly(new OciSpec.Device("/dev/mynull", "c", 1, 3, 0666, 0, 0));
    }

    @Test
    void mapping_missing_isDockersMessage() {
        assertThatThrownBy(() -> HostDevices.mapping("/dev/berth-none", "/dev/x"))
                .hasMessage("error gathering device information while adding custom device \"/dev/berth-none\":"
                        + " no such file or directory");
    }

    @Test
    void mapping_regularFile_isNotADevice(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("f"), "x");
        assertThatThrownBy(() -> HostDevices.mapping(file.toString(), "/dev/f"))
                .hasMessageContaining("not a device node");
    }

    @Test
    void majorMinor_ofLargeNumbers_asGlibcSplitsThem() {
        // makedev(259, 300): major 259 (0x103), minor 300 (0x12c).
        long rdev = ((300L & 0xff) | ((259L & 0xfff) << 8) | ((300L & ~0xffL) << 12) | ((259L & ~0xfffL) << 32));
        assertThat(HostDevices.major(rdev)).isEqualTo(259);
        assertThat(HostDevices.minor(rdev)).isEqualTo(300);
    }

    @Test
    void all_listsTheHostsDevicesButConsoleAndPts() {
        List<OciSpec.Device> all = HostDevices.all();
        assertThat(all).extracting(OciSpec.Device::path).contains("/dev/null", "/dev/zero")
                .doesNotContain("/dev/console").noneMatch(p -> p.startsWith("/dev/pts/"));
    }
}
