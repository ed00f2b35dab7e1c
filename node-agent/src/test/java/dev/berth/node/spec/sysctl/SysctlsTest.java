package dev.berth.node.spec.sysctl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.node.spec.OciSpecFactory;
import dev.berth.proto.v1.HostConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SysctlsTest {

    private static HostConfig sysctl(String name, String value) {
        return HostConfig.newBuilder().putSysctls(name, value).build();
    }

    @Test
    void of_writesThemIntoTheSpec() {
        HostConfig host = HostConfig.newBuilder().putSysctls("kernel.shmmax", "1048576")
                .putSysctls("net.ipv4.ip_forward", "1").build();

        assertThat(OciSpecFactory.build(List.of(Sysctls.of(host))).linux().sysctl())
                .isEqualTo(Map.of("kernel.shmmax", "1048576", "net.ipv4.ip_forward", "1"));
    }

    @Test
    void of_none_leavesTheFieldOut() {
        assertThat(OciSpecFactory.build(List.of(Sysctls.of(HostConfig.getDefaultInstance()))).linux().sysctl()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"kernel.shmmax", "kernel.shm_rmid_forced", "kernel.msgmnb", "kernel.sem",
            "fs.mqueue.msg_max", "net.ipv4.ip_forward", "net/ipv4/ip_forward", "kernel.domainname"})
    void check_namespaced_pass(String name) {
        assertThatCode(() -> Sysctls.check(sysctl(name, "1"), false)).doesNotThrowAnyException();
    }

    @Test
    void check_notNamespaced_isRuncsMessage() {
        assertThatThrownBy(() -> Sysctls.check(sysctl("kernel.panic", "1"), false))
                .hasMessage("sysctl \"kernel.panic\" is not in a separate kernel namespace");
        assertThatThrownBy(() -> Sysctls.check(sysctl("vm.swappiness", "1"), false))
                .hasMessage("sysctl \"vm.swappiness\" is not in a separate kernel namespace");
    }

    @Test
    void check_netWithHostNetwork_isRuncsMessage() {
        assertThatThrownBy(() -> Sysctls.check(sysctl("net.ipv4.ip_forward", "1"), true))
                .hasMessage("sysctl \"net.ipv4.ip_forward\" not allowed in host network namespace");
        assertThatCode(() -> Sysctls.check(sysctl("kernel.shmmax", "1"), true)).doesNotThrowAnyException();
    }

    @Test
    void check_hostname_pointsAtTheHostnameOption() {
        assertThatThrownBy(() -> Sysctls.check(sysctl("kernel.hostname", "x"), false))
                .hasMessage("sysctl \"kernel.hostname\" is not allowed as it conflicts with the OCI \"hostname\" field");
    }

    @Test
    void dotted_swapsSeparatorsOnlyWhenSlashComesFirst() {
        assertThat(Sysctls.dotted("net/ipv4/conf/eth0.100/rp_filter")).isEqualTo("net.ipv4.conf.eth0/100.rp_filter");
        assertThat(Sysctls.dotted("net.ipv4.ip_forward")).isEqualTo("net.ipv4.ip_forward");
    }
}
