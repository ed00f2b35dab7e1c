package dev.berth.gateway.container;

import dev.berth.gateway.api.DockerApiException;
import dev.berth.proto.v1.HostConfig;
import dev.berth.proto.v1.MountSpec;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MountsReaderTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static HostConfig read(String mounts) {
        HostConfig.Builder out = HostConfig.newBuilder();
        MountsReader.read(JSON.readTree("{\"Mounts\":" + mounts + "}"), out);
        return out.build();
    }

    /** What the docker CLI sends for --mount of each type. */
    @Test
    void theThreeTypes_asTheCliSendsThem() {
        HostConfig host = read("""
                [{"Type":"volume","Source":"data","Target":"/d","ReadOnly":true,"VolumeOptions":{"NoCopy":true,"Labels":{"a":"b"}}},
                 {"Type":"bind","Source":"/srv","Target":"/s","BindOptions":{"Propagation":"rshared"}},
                 {"Type":"tmpfs","Target":"/t","TmpfsOptions":{"SizeBytes":1048576,"Mode":448}}]
                """);
        assertThat(host.getMountsList()).containsExactly(
                MountSpec.newBuilder().setType("volume").setSource("data").setTarget("/d").setReadOnly(true)
                        .setVolumeNoCopy(true).putVolumeLabels("a", "b").build(),
                MountSpec.newBuilder().setType("bind").setSource("/srv").setTarget("/s").setPropagation("rshared").build(),
                MountSpec.newBuilder().setType("tmpfs").setTarget("/t").setTmpfsSize(1048576).setTmpfsMode(448).build());
    }

    @Test
    void dockersChecks_andWhatBerthDoesNotApply() {
        assertThatThrownBy(() -> read("[{\"Type\":\"bind\",\"Target\":\"/s\"}]")).isInstanceOf(DockerApiException.class)
                .hasMessage("invalid mount config for type \"bind\": field Source must not be empty");
        assertThatThrownBy(() -> read("[{\"Type\":\"volume\",\"Source\":\"v\"}]"))
                .hasMessage("invalid mount config for type \"volume\": field Target must not be empty");
        assertThatThrownBy(() -> read("[{\"Type\":\"tmpfs\",\"Source\":\"x\",\"Target\":\"/t\"}]"))
                .hasMessageContaining("source must not be specified");
        assertThatThrownBy(() -> read("[{\"Type\":\"npipe\",\"Source\":\"x\",\"Target\":\"/t\"}]"))
                .hasMessageContaining("type=npipe");
        assertThatThrownBy(() -> read("[{\"Type\":\"volume\",\"Target\":\"/t\",\"VolumeOptions\":{\"DriverConfig\":{\"Name\":\"nfs\"}}}]"))
                .hasMessageContaining("volume-driver");
        assertThatThrownBy(() -> read("[{\"Type\":\"bind\",\"Source\":\"/a\",\"Target\":\"/t\",\"BindOptions\":{\"NonRecursive\":true}}]"))
                .hasMessageContaining("bind-recursive");
    }
}
