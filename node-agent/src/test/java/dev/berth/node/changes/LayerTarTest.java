package dev.berth.node.changes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.node.snapshot.LayerExtractor;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Needs root for mknod and trusted.* xattrs (as the agent itself). */
class LayerTarTest {

    @TempDir
    Path tmp;
    Layers base;
    Layers upper;
    final Map<String, String> contents = new HashMap<>();

    @BeforeEach
    void setUp() throws IOException {
        base = new Layers(tmp.resolve("layer0")).dir("proc")
                .file("etc/passwd", "root\n").file("etc/old.conf", "old").file("opt/a", "a").file("opt/b/c", "c");
        upper = new Layers(tmp.resolve("upper"));
    }

    private Map<String, TarArchiveEntry> layerTar() throws IOException {
        return Layers.entries(tarBytes(), contents);
    }

    private byte[] tarBytes() throws IOException {
        List<Change> changes = LayerChanges.of(upper.root(), List.of(base.root()), MountPoints.of(List.of("/proc", "/etc/hosts")));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LayerTar.write(upper.root(), changes, out);
        return out.toByteArray();
    }

    @Test
    void write_changesAsRelativeEntries_deletionsAsWhiteoutFiles() throws IOException {
        upper.file("etc/passwd", "root\napp\n").file("etc/app.conf", "x=1").whiteout("etc/old.conf")
                .file("etc/hosts", "").chmod("etc/app.conf", 0640).chown("etc/app.conf", 1000, 50);
        Map<String, TarArchiveEntry> entries = layerTar();

        assertThat(entries.keySet()).containsExactly("etc/", "etc/app.conf", "etc/.wh.old.conf", "etc/passwd");
        assertThat(contents).containsEntry("etc/app.conf", "x=1").containsEntry("etc/passwd", "root\napp\n")
                .containsEntry("etc/.wh.old.conf", "");
        TarArchiveEntry conf = entries.get("etc/app.conf");
        assertThat(conf.getMode() & 07777).isEqualTo(0640);
        assertThat(conf.getLongUserId()).isEqualTo(1000);
        assertThat(conf.getLongGroupId()).isEqualTo(50);
        TarArchiveEntry whiteout = entries.get("etc/.wh.old.conf");
        assertThat(whiteout.isFile()).isTrue();
        assertThat(whiteout.getSize()).isZero();
        assertThat(whiteout.getMode() & 07777).isEqualTo(0600);
    }

    @Test
    void write_anOpaqueDirectory_hasTheMarkerInsteadOfWhiteoutsForWhatItHides() throws IOException {
        upper.opaque("opt").file("opt/new", "n");
        Map<String, TarArchiveEntry> entries = layerTar();

        assertThat(entries.keySet()).containsExactly("opt/", "opt/.wh..wh..opq", "opt/new");
        assertThat(entries.get("opt/").isDirectory()).isTrue();
        assertThat(entries.get("opt/.wh..wh..opq").isFile()).isTrue();
        assertThat(entries.get("opt/.wh..wh..opq").getSize()).isZero();
    }

    @Test
    void write_linksAndAddedDirectories_asTheyAre() throws IOException {
        upper.file("srv/app/run.sh", "#!/bin/sh\n").symlink("srv/current", "/etc/passwd");
        Files.createLink(upper.root().resolve("srv/app/start.sh"), upper.root().resolve("srv/app/run.sh"));
        Map<String, TarArchiveEntry> entries = layerTar();

        assertThat(entries.keySet()).containsExactly("srv/", "srv/app/", "srv/app/run.sh", "srv/app/start.sh", "srv/current");
        assertThat(entries.get("srv/current").isSymbolicLink()).isTrue();
        assertThat(entries.get("srv/current").getLinkName()).isEqualTo("/etc/passwd");
        assertThat(entries.get("srv/app/start.sh").isLink()).isTrue();
        assertThat(entries.get("srv/app/start.sh").getLinkName()).isEqualTo("srv/app/run.sh");
    }

    @Test
    void write_unpackedOverTheImage_givesTheContainersView() throws IOException {
        upper.whiteout("etc/old.conf").file("etc/app.conf", "x=1").opaque("opt").file("opt/new", "n");
        Path layer = Files.createDirectories(tmp.resolve("committed"));
        new LayerExtractor(layer).extract(new ByteArrayInputStream(tarBytes()));

        // as an upper dir, the unpacked layer changes the image the way the container's did
        assertThat(LayerChanges.of(layer, List.of(base.root()), MountPoints.of(List.of())))
                .isEqualTo(LayerChanges.of(tmp.resolve("upper"), List.of(base.root()), MountPoints.of(List.of())));
        assertThat(FileStat.lstat(layer.resolve("etc/old.conf")).isWhiteout()).isTrue();
        assertThat(OpaqueDirectories.isOpaque(layer.resolve("opt"))).isTrue();
    }

    @Test
    void write_aFileGoneSinceTheListing_isLeftOut() throws IOException {
        upper.file("etc/app.conf", "x=1").file("etc/gone", "g");
        List<Change> changes = LayerChanges.of(upper.root(), List.of(base.root()), MountPoints.of(List.of()));
        Files.delete(upper.root().resolve("etc/gone"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LayerTar.write(upper.root(), changes, out);
        assertThat(Layers.entries(out.toByteArray(), contents).keySet()).containsExactly("etc/", "etc/app.conf");
    }
}
