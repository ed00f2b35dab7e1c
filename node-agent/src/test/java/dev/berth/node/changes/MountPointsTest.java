package dev.berth.node.changes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MountPointsTest {

    @TempDir
    Path tmp;

    @Test
    void covers_theMountPointAndWhatIsBelowIt_notItsNamesakes() {
        MountPoints mountPoints = MountPoints.of(List.of("/etc/hosts", "/data/", "/srv/../var/log"));
        assertThat(mountPoints.covers("/etc/hosts")).isTrue();
        assertThat(mountPoints.covers("/data")).isTrue();
        assertThat(mountPoints.covers("/data/db/file")).isTrue();
        assertThat(mountPoints.covers("/var/log/app")).isTrue();
        assertThat(mountPoints.covers("/etc/hosts.allow")).isFalse();
        assertThat(mountPoints.covers("/database")).isFalse();
        assertThat(mountPoints.covers("/etc")).isFalse();
    }

    @Test
    void ofSpec_readsTheDestinationsOfTheOciConfig() throws IOException {
        Path config = Files.writeString(tmp.resolve("config.json"), """
                {"ociVersion": "1.0.2", "mounts": [
                  {"destination": "/proc", "type": "proc", "source": "proc"},
                  {"destination": "/etc/resolv.conf", "type": "bind", "source": "/b/resolv.conf"},
                  {"destination": "/cache", "type": "tmpfs", "source": "tmpfs"}]}
                """);
        MountPoints mountPoints = MountPoints.ofSpec(config);
        assertThat(mountPoints.under(Path.of("/rootfs")))
                .containsExactlyInAnyOrder(Path.of("/rootfs/proc"), Path.of("/rootfs/etc/resolv.conf"), Path.of("/rootfs/cache"));
        assertThat(mountPoints.covers("/cache/x")).isTrue();
    }

    @Test
    void of_theRootIsNeverAMountPointToLeaveOut() {
        assertThat(MountPoints.of(List.of("/", "/..")).covers("/etc")).isFalse();
    }
}
