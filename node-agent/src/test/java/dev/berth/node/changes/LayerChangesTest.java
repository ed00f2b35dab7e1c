package dev.berth.node.changes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Needs root for mknod and trusted.* xattrs (as the agent itself). */
class LayerChangesTest {

    private static final MountPoints ENGINE_MOUNTS = MountPoints.of(List.of("/proc", "/dev", "/dev/pts", "/sys",
            "/sys/fs/cgroup", "/etc/hosts", "/etc/hostname", "/etc/resolv.conf", "/data"));

    @TempDir
    Path tmp;
    Layers base;
    Layers upper;

    @BeforeEach
    void setUp() throws IOException {
        base = new Layers(tmp.resolve("layer0"))
                .dir("bin").file("bin/sh", "sh").dir("proc").dir("sys").dir("dev")
                .file("etc/passwd", "root:x:0:0\n").file("etc/old.conf", "old").file("etc/keep.conf", "keep")
                .file("opt/a", "a").file("opt/b/c", "c").file("opt/z", "z");
        upper = new Layers(tmp.resolve("upper"));
    }

    private List<String> changes(Layers... lowersTopFirst) throws IOException {
        List<Path> lowers = java.util.Arrays.stream(lowersTopFirst).map(Layers::root).toList();
        return LayerChanges.of(upper.root(), lowers, ENGINE_MOUNTS).stream()
                .map(change -> "CAD".charAt(change.kind().code()) + " " + change.path()).toList();
    }

    @Test
    void of_freshContainer_theRuntimesMountPointsAreNoChange() throws IOException {
        // what runc leaves in the upper dir: files to bind onto (their directory copied up), a volume's directory
        upper.dir("etc").file("etc/hosts", "").file("etc/hostname", "").file("etc/resolv.conf", "")
                .dir("data").dir("proc").dir("dev/pts");
        assertThat(changes(base)).isEmpty();
    }

    @Test
    void of_addedModifiedDeleted_inTreeOrder() throws IOException {
        upper.file("etc/passwd", "root:x:0:0\napp:x:1000:1000\n").file("etc/app.conf", "x=1")
                .whiteout("etc/old.conf").file("etc/hosts", "")
                .file("srv/app/run.sh", "run").file("srv/app/conf/app.yml", "a: 1");
        assertThat(changes(base)).containsExactly(
                "C /etc", "A /etc/app.conf", "D /etc/old.conf", "C /etc/passwd",
                "A /srv", "A /srv/app", "A /srv/app/conf", "A /srv/app/conf/app.yml", "A /srv/app/run.sh");
    }

    @Test
    void of_aDeletedDirectory_isOneDeletion() throws IOException {
        upper.dir("opt").whiteout("opt/b");
        assertThat(changes(base)).containsExactly("C /opt", "D /opt/b");
    }

    @Test
    void of_aWhiteoutOfWhatTheImageLacks_isNoChange() throws IOException {
        upper.dir("etc").whiteout("etc/never-there");
        assertThat(changes(base)).isEmpty();
    }

    @Test
    void of_aDirectoryIsChangedByItsModeOrOwnerNotByItsTimes() throws IOException {
        upper.dir("bin", 0700).dir("opt").chown("opt", 1000, 1000).dir("dev");
        java.nio.file.Files.setLastModifiedTime(upper.root().resolve("dev"), java.nio.file.attribute.FileTime.fromMillis(0));
        assertThat(changes(base)).containsExactly("C /bin", "C /opt");
    }

    @Test
    void of_anOpaqueDirectory_isChangedAndWhatItHidesIsDeleted() throws IOException {
        // rm -rf /opt; mkdir -p /opt/b; echo A > /opt/a
        upper.opaque("opt").file("opt/a", "A").dir("opt/b");
        assertThat(changes(base)).containsExactly("C /opt", "C /opt/a", "C /opt/b", "D /opt/b/c", "D /opt/z");
    }

    @Test
    void of_theImagesOwnWhiteoutsAndOpaqueDirectoriesHideItsLowerLayers() throws IOException {
        Layers top = new Layers(tmp.resolve("layer1")).whiteout("etc/old.conf").opaque("opt").file("opt/new", "n");
        upper.file("etc/old.conf", "again").file("opt/b/c", "c").file("opt/new", "changed");
        assertThat(changes(top, base)).containsExactly(
                "C /etc", "A /etc/old.conf", "C /opt", "A /opt/b", "A /opt/b/c", "C /opt/new");
    }

    @Test
    void of_aFileReplacedByADirectory_isChangedAndItsContentAdded() throws IOException {
        upper.opaque("opt/z").file("opt/z/inside", "i");
        assertThat(changes(base)).containsExactly("C /opt", "C /opt/z", "A /opt/z/inside");
    }

    @Test
    void of_linksAreListedNeverFollowed() throws IOException {
        upper.symlink("escape", "/").symlink("bin", "/usr/bin");
        assertThat(changes(base)).containsExactly("C /bin", "A /escape");
    }

    @Test
    void of_whatIsBelowAMountPointIsLeftOut() throws IOException {
        upper.file("data/db/file", "volume data under the mount").file("dev/pts/0", "");
        assertThat(changes(base)).isEmpty();
    }

    @Test
    void of_childrenFollowTheirParentBeforeLaterNames() throws IOException {
        upper.file("a/b", "").file("a-b", "").file("a.b/c", "");
        assertThat(changes(base)).containsExactly("A /a", "A /a/b", "A /a-b", "A /a.b", "A /a.b/c");
    }
}
