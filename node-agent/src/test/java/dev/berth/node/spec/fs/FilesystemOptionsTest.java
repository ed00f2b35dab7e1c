package dev.berth.node.spec.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.node.spec.OciSpec;
import dev.berth.node.spec.OciSpecFactory;
import dev.berth.proto.v1.HostConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

class FilesystemOptionsTest {

    private static OciSpec.Mount mountAt(OciSpec spec, String destination) {
        return spec.mounts().stream().filter(m -> m.destination().equals(destination)).findFirst().orElseThrow();
    }

    @Test
    void shmSize_setsTheTmpfsSize() {
        OciSpec spec = OciSpecFactory.build(List.of(ShmSize.of(16L * 1024 * 1024)));
        assertThat(mountAt(spec, "/dev/shm")).isEqualTo(new OciSpec.Mount("/dev/shm", "tmpfs", "shm",
                List.of("nosuid", "noexec", "nodev", "mode=1777", "size=16777216")));
    }

    @Test
    void shmSize_adapt_fillsDockersDefault_andRefusesNegative() {
        assertThat(ShmSize.adapt(HostConfig.newBuilder()).getShmSize()).isEqualTo(67108864);
        assertThat(ShmSize.adapt(HostConfig.newBuilder().setShmSize(1024)).getShmSize()).isEqualTo(1024);
        assertThatThrownBy(() -> ShmSize.adapt(HostConfig.newBuilder().setShmSize(-1)))
                .hasMessage("SHM size can not be less than 0");
    }

    @Test
    void readonlyRootfs_marksTheRootReadOnly() {
        OciSpec spec = OciSpecFactory.build(List.of(s -> s.root(new OciSpec.Root("/b/rootfs", false)),
                ReadonlyRootfs.of(true)));
        assertThat(spec.root()).isEqualTo(new OciSpec.Root("/b/rootfs", true));
        OciSpec writable = OciSpecFactory.build(List.of(s -> s.root(new OciSpec.Root("/b/rootfs", false)),
                ReadonlyRootfs.of(false)));
        assertThat(writable.root().readonly()).isFalse();
    }

    @Test
    void tmpfs_mountsEachPathWithDockersDefaultsFirst() {
        HostConfig host = HostConfig.newBuilder().putTmpfs("/tmp", "").putTmpfs("/run", "rw,exec,size=1m").build();

        OciSpec spec = OciSpecFactory.build(List.of(TmpfsMounts.of(host)));

        assertThat(mountAt(spec, "/tmp")).isEqualTo(new OciSpec.Mount("/tmp", "tmpfs", "tmpfs",
                List.of("noexec", "nosuid", "nodev", "rprivate")));
        assertThat(mountAt(spec, "/run").options()).containsExactly("nosuid", "nodev", "rprivate", "rw", "exec", "size=1m");
    }

    @Test
    void tmpfs_merge_laterOptionOfAKindWins() {
        assertThat(TmpfsMounts.merge("size=1m,mode=1777,size=2m,suid,shared"))
                .containsExactly("noexec", "nodev", "mode=1777", "size=2m", "suid", "shared");
    }

    @Test
    void tmpfs_check_dockersMessages() {
        assertThatThrownBy(() -> TmpfsMounts.check(HostConfig.newBuilder().putTmpfs("/", "").build()))
                .hasMessage("invalid specification: destination can't be '/'");
        assertThatThrownBy(() -> TmpfsMounts.check(HostConfig.newBuilder().putTmpfs("tmp", "").build()))
                .hasMessage("invalid mount path: 'tmp' mount path must be absolute");
        assertThatThrownBy(() -> TmpfsMounts.check(HostConfig.newBuilder().putTmpfs("/tmp", "colour=red").build()))
                .hasMessage("invalid tmpfs option [\"colour=red\"]");
    }
}
