package dev.berth.gateway.container;

import dev.berth.gateway.api.DockerApiException;
import dev.berth.proto.v1.DeviceMapping;
import dev.berth.proto.v1.HostConfig;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecurityReaderTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static HostConfig read(String hostConfigJson) {
        HostConfig.Builder out = HostConfig.newBuilder();
        SecurityReader.read(JSON.readTree(hostConfigJson), out);
        return out.build();
    }

    @Test
    void read_cliDefaults_leaveEverythingUnset() {
        HostConfig host = read("{\"CapAdd\":null,\"CapDrop\":null,\"Privileged\":false,\"SecurityOpt\":null,"
                + "\"Devices\":[],\"MaskedPaths\":null,\"ReadonlyPaths\":null}");
        assertThat(host).isEqualTo(HostConfig.getDefaultInstance());
    }

    @Test
    void read_securityOptions_asSent() {
        HostConfig host = read("{\"Privileged\":true,\"CapAdd\":[\"NET_ADMIN\",\"cap_sys_time\"],\"CapDrop\":[\"ALL\"],"
                + "\"SecurityOpt\":[\"seccomp=unconfined\",\"no-new-privileges\"],"
                + "\"Devices\":[{\"PathOnHost\":\"/dev/null\",\"PathInContainer\":\"/dev/mynull\",\"CgroupPermissions\":\"rwm\"}]}");
        assertThat(host.getPrivileged()).isTrue();
        assertThat(host.getCapAddList()).containsExactly("NET_ADMIN", "cap_sys_time");
        assertThat(host.getCapDropList()).containsExactly("ALL");
        assertThat(host.getSecurityOptList()).containsExactly("seccomp=unconfined", "no-new-privileges");
        assertThat(host.getDevicesList()).containsExactly(DeviceMapping.newBuilder().setPathOnHost("/dev/null")
                .setPathInContainer("/dev/mynull").setCgroupPermissions("rwm").build());
    }

    @Test
    void read_emptyMaskedPaths_isKeptApartFromAbsent() {
        // --security-opt systempaths=unconfined: the CLI sends empty lists.
        HostConfig host = read("{\"MaskedPaths\":[],\"ReadonlyPaths\":[]}");
        assertThat(host.hasMaskedPaths()).isTrue();
        assertThat(host.getMaskedPaths().getPathsList()).isEmpty();
        assertThat(host.hasReadonlyPaths()).isTrue();
    }

    @Test
    void read_capAddNotAList_isBadRequest() {
        assertThatThrownBy(() -> read("{\"CapAdd\":\"NET_ADMIN\"}")).isInstanceOf(DockerApiException.class)
                .hasMessage("invalid JSON: HostConfig.CapAdd must be an array of strings");
    }
}
