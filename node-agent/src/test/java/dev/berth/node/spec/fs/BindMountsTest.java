package dev.berth.node.spec.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.proto.v1.HostConfig;
import org.junit.jupiter.api.Test;

class BindMountsTest {

    @Test
    void parsesSourceDestinationAndMode() {
        assertThat(BindMounts.parse("/srv/data/:/data:ro"))
                .isEqualTo(new BindMounts.Bind("/srv/data", "/data", true, "rprivate"));
        assertThat(BindMounts.parse("/a:/b:rw,rshared"))
                .isEqualTo(new BindMounts.Bind("/a", "/b", false, "rshared"));
        assertThat(BindMounts.parse("/a:/b").readonly()).isFalse();
    }

    @Test
    void refusesBadSpecsInDockersWords() {
        assertThatThrownBy(() -> BindMounts.parse("/a")).hasMessage("invalid volume specification: '/a'");
        assertThatThrownBy(() -> BindMounts.parse("/a:/")).hasMessage("invalid specification: destination can't be '/'");
        assertThatThrownBy(() -> BindMounts.parse("/a:rel")).hasMessageContaining("mount path must be absolute");
        assertThatThrownBy(() -> BindMounts.parse("/a:/b:xx")).hasMessage("invalid mode: xx");
        assertThatThrownBy(() -> BindMounts.parse("vol:/b")).hasMessageContaining("named volumes are not supported yet");
    }

    @Test
    void refusesDuplicateMountPoints() {
        HostConfig host = HostConfig.newBuilder().addBinds("/a:/data").addBinds("/b:/data/").build();
        assertThatThrownBy(() -> BindMounts.check(host)).hasMessage("Duplicate mount point: /data");
    }
}
