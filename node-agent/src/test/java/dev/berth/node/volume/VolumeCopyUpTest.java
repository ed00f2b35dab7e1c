package dev.berth.node.volume;

import dev.berth.node.config.NodeProperties;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VolumeCopyUpTest {

    @TempDir
    Path dir;

    private Path rootfsWithData() throws Exception {
        Path rootfs = dir.resolve("rootfs");
        Path data = Files.createDirectories(rootfs.resolve("srv/data/sub"));
        Files.setPosixFilePermissions(rootfs.resolve("srv/data"), PosixFilePermissions.fromString("rwxr-x---"));
        Files.writeString(rootfs.resolve("srv/data/config"), "a=1\n");
        Files.writeString(data.resolve("nested"), "deep\n");
        Files.createSymbolicLink(rootfs.resolve("srv/data/link"), Path.of("/etc/shadow"));
        return rootfs;
    }

    @Test
    void anEmptyVolume_getsTheImageContent_withModesAndLinksAsLinks() throws Exception {
        Path rootfs = rootfsWithData();
        Path volume = Files.createDirectories(dir.resolve("vol/_data"));

        assertThat(VolumeCopyUp.fill(rootfs, "/srv/data", volume)).isTrue();

        assertThat(volume.resolve("config")).hasContent("a=1");
        assertThat(volume.resolve("sub/nested")).hasContent("deep");
        assertThat(Files.isSymbolicLink(volume.resolve("link"))).isTrue();
        assertThat(Files.readSymbolicLink(volume.resolve("link"))).isEqualTo(Path.of("/etc/shadow"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(volume, LinkOption.NOFOLLOW_LINKS)))
                .isEqualTo("rwxr-x---");
    }

    @Test
    void aVolumeWithData_isLeftAsItIs() throws Exception {
        Path rootfs = rootfsWithData();
        Path volume = Files.createDirectories(dir.resolve("vol/_data"));
        Files.writeString(volume.resolve("mine"), "kept\n");

        assertThat(VolumeCopyUp.fill(rootfs, "/srv/data", volume)).isFalse();
        assertThat(volume.resolve("config")).doesNotExist();
    }

    @Test
    void aDestinationThatLinksOutOfTheRoot_staysInside() throws Exception {
        Path rootfs = Files.createDirectories(dir.resolve("rootfs"));
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Files.writeString(outside.resolve("secret"), "host\n");
        Files.createSymbolicLink(rootfs.resolve("data"), outside);
        Path volume = Files.createDirectories(dir.resolve("vol/_data"));

        VolumeCopyUp.fill(rootfs, "/data", volume);

        assertThat(volume.resolve("secret")).doesNotExist();
    }

    @Test
    void volumeNames_cannotLeaveTheVolumesDirectory() {
        NodeVolumes volumes = new NodeVolumes(new NodeProperties(dir, dir.resolve("run"), 1, 1, "runc", "conmon",
                java.time.Duration.ofSeconds(1), "local", "127.0.0.1:1", dir.resolve("init")));
        assertThat(volumes.dataOf("data.v1")).isEqualTo(dir.resolve("volumes/data.v1/_data"));
        for (String bad : new String[] {"..", "../x", "a/b", "x", "-x", ".hidden", ""}) {
            assertThatThrownBy(() -> volumes.dataOf(bad)).as(bad).hasMessageContaining("invalid characters");
        }
    }
}
