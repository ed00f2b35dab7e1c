package dev.berth.node.spec.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SecurityOptionsTest {

    @Test
    void parse_none_isDefaultProfileWithPrivileges() {
        assertThat(SecurityOptions.parse(List.of())).isEqualTo(new SecurityOptions(false, null, null));
    }

    @Test
    void parse_noNewPrivileges_allSpellings() {
        assertThat(SecurityOptions.parse(List.of("no-new-privileges")).noNewPrivileges()).isTrue();
        assertThat(SecurityOptions.parse(List.of("no-new-privileges:true")).noNewPrivileges()).isTrue();
        assertThat(SecurityOptions.parse(List.of("no-new-privileges=1")).noNewPrivileges()).isTrue();
        assertThat(SecurityOptions.parse(List.of("no-new-privileges", "no-new-privileges=false")).noNewPrivileges()).isFalse();
    }

    @Test
    void parse_seccomp_unconfinedOrProfile() {
        assertThat(SecurityOptions.parse(List.of("seccomp=unconfined")).seccomp()).isEqualTo("unconfined");
        assertThat(SecurityOptions.parse(List.of("seccomp={\"defaultAction\":\"SCMP_ACT_ALLOW\"}")).seccomp())
                .isEqualTo("{\"defaultAction\":\"SCMP_ACT_ALLOW\"}");
        assertThat(SecurityOptions.parse(List.of("seccomp=builtin")).seccomp()).isNull();
    }

    @Test
    void parse_writableCgroups() {
        assertThat(SecurityOptions.parse(List.of("writable-cgroups")).writableCgroups()).isTrue();
        assertThat(SecurityOptions.parse(List.of("writable-cgroups=false")).writableCgroups()).isFalse();
        assertThat(SecurityOptions.parse(List.of()).writableCgroups()).isNull();
    }

    @Test
    void parse_apparmorAndLabel_acceptedAsOnANodeWithoutThem() {
        assertThat(SecurityOptions.parse(List.of("apparmor=docker-default", "label=disable", "label:type:svirt_t")))
                .isEqualTo(new SecurityOptions(false, null, null));
    }

    @Test
    void parse_badOptions_inDockersWords() {
        assertThatThrownBy(() -> SecurityOptions.parse(List.of("bogus")))
                .hasMessage("invalid --security-opt 1: \"bogus\"");
        assertThatThrownBy(() -> SecurityOptions.parse(List.of("bogus=1")))
                .hasMessage("invalid --security-opt 2: \"bogus=1\"");
        assertThatThrownBy(() -> SecurityOptions.parse(List.of("no-new-privileges=maybe")))
                .hasMessage("invalid --security-opt 2: \"no-new-privileges=maybe\"");
    }
}
