package dev.berth.node.spec.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.proto.v1.HostConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

class CapabilityRulesTest {

    /** This kind of node: capabilities 0-40 but CAP_SYS_RESOURCE (24). */
    private static final HostCapabilities NODE = HostCapabilities.ofMask(0x1fffeffffffL);

    private static long mask(List<String> names) {
        long mask = 0;
        for (String name : names) {
            mask |= 1L << CapabilityNames.number(name);
        }
        return mask;
    }

    @Test
    void resolve_noOptions_isDockersDefaultSet() {
        List<String> caps = CapabilityRules.resolve(HostConfig.getDefaultInstance(), NODE);
        assertThat(caps).isEqualTo(CapabilityNames.DOCKER_DEFAULT);
        // What /proc/self/status shows in a Docker container.
        assertThat(Long.toHexString(mask(caps))).isEqualTo("a80425fb");
    }

    @Test
    void resolve_addAndDrop_withOrWithoutPrefix() {
        List<String> caps = CapabilityRules.resolve(HostConfig.newBuilder().addCapAdd("net_admin")
                .addCapAdd("CAP_SYS_TIME").addCapDrop("chown").addCapDrop("CAP_KILL").build(), NODE);
        assertThat(caps).contains("CAP_NET_ADMIN", "CAP_SYS_TIME").doesNotContain("CAP_CHOWN", "CAP_KILL").hasSize(14);
    }

    @Test
    void resolve_dropAll_keepsOnlyTheAdded() {
        assertThat(CapabilityRules.resolve(HostConfig.newBuilder().addCapDrop("ALL").addCapAdd("KILL").build(), NODE))
                .containsExactly("CAP_KILL");
    }

    @Test
    void resolve_addAll_isTheHostsSetButTheDropped() {
        List<String> caps = CapabilityRules.resolve(HostConfig.newBuilder().addCapAdd("all").addCapDrop("NET_RAW").build(), NODE);
        assertThat(mask(caps)).isEqualTo(0x1fffeffffffL & ~(1L << 13));
    }

    @Test
    void resolve_privileged_isTheHostsBoundingSet() {
        List<String> caps = CapabilityRules.resolve(HostConfig.newBuilder().setPrivileged(true).build(), NODE);
        assertThat(mask(caps)).isEqualTo(0x1fffeffffffL);
        assertThat(caps).doesNotContain("CAP_SYS_RESOURCE").contains("CAP_SYS_ADMIN", "CAP_CHECKPOINT_RESTORE");
    }

    @Test
    void resolve_unknownName_isRefusedInDockersWords() {
        assertThatThrownBy(() -> CapabilityRules.resolve(HostConfig.newBuilder().addCapAdd("foo").build(), NODE))
                .hasMessage("invalid CapAdd: unknown capability: \"CAP_FOO\"");
        assertThatThrownBy(() -> CapabilityRules.resolve(HostConfig.newBuilder().addCapDrop("CAP_BAR").build(), NODE))
                .hasMessage("invalid CapDrop: unknown capability: \"CAP_BAR\"");
    }

    @Test
    void resolve_capabilityTheNodeLacks_isRefusedBeforeRuncFails() {
        assertThatThrownBy(() -> CapabilityRules.resolve(HostConfig.newBuilder().addCapAdd("SYS_RESOURCE").build(), NODE))
                .hasMessage("invalid CapAdd: capability not supported by your kernel or not available in the"
                        + " current environment: \"CAP_SYS_RESOURCE\"");
    }
}
