package dev.berth.gateway.container;

import dev.berth.proto.v1.Container;
import dev.berth.proto.v1.ContainerConfig;
import dev.berth.proto.v1.DeviceMapping;
import dev.berth.proto.v1.HostConfig;
import dev.berth.proto.v1.PathList;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Inspect's security fields, in dockerd's shapes (checked against dockerd 20.10 on this host). */
class ContainerViewsSecurityTest {

    @SuppressWarnings("unchecked")
    private static Map<String, Object> hostConfig(Map<String, Object> inspect) {
        return (Map<String, Object>) inspect.get("HostConfig");
    }

    private static Map<String, Object> inspect(HostConfig host) {
        return ContainerViews.inspect(Container.newBuilder().setId("0123456789abcdef").setName("c")
                .setConfig(ContainerConfig.newBuilder().addCmd("true")).setHostConfig(host).build());
    }

    @Test
    void inspect_nothingSet_nullsAndAnEmptyDeviceList() {
        Map<String, Object> host = hostConfig(inspect(HostConfig.getDefaultInstance()));
        assertThat(host.get("Privileged")).isEqualTo(false);
        assertThat(host).containsEntry("CapAdd", null).containsEntry("CapDrop", null).containsEntry("SecurityOpt", null)
                .containsEntry("MaskedPaths", null).containsEntry("ReadonlyPaths", null);
        assertThat(host.get("Devices")).isEqualTo(List.of());
    }

    @Test
    void inspect_whatWasSet() {
        Map<String, Object> inspect = inspect(HostConfig.newBuilder().setPrivileged(true).addCapAdd("CAP_NET_ADMIN")
                .addCapDrop("CAP_MKNOD").addSecurityOpt("no-new-privileges").addSecurityOpt("apparmor=mine")
                .addDevices(DeviceMapping.newBuilder().setPathOnHost("/dev/null").setPathInContainer("/dev/mynull")
                        .setCgroupPermissions("rwm"))
                .setMaskedPaths(PathList.newBuilder().addPaths("/proc/kcore")).build());
        Map<String, Object> host = hostConfig(inspect);
        assertThat(host.get("Privileged")).isEqualTo(true);
        assertThat(host.get("CapAdd")).isEqualTo(List.of("CAP_NET_ADMIN"));
        assertThat(host.get("CapDrop")).isEqualTo(List.of("CAP_MKNOD"));
        assertThat(host.get("SecurityOpt")).isEqualTo(List.of("no-new-privileges", "apparmor=mine"));
        assertThat(host.get("Devices")).isEqualTo(List.of(
                Map.of("PathOnHost", "/dev/null", "PathInContainer", "/dev/mynull", "CgroupPermissions", "rwm")));
        assertThat(host.get("MaskedPaths")).isEqualTo(List.of("/proc/kcore"));
        assertThat(inspect.get("AppArmorProfile")).isEqualTo("mine");
    }
}
