package dev.berth.gateway.container;

import dev.berth.gateway.api.DockerApiException;
import dev.berth.proto.v1.HostConfig;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NetworkingConfigReaderTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HostConfig ON_APP = HostConfig.newBuilder().setNetworkMode("app").build();

    private static JsonNode json(String text) {
        return JSON.readTree(text);
    }

    /** What the docker CLI sends for `--network app --network-alias db`: empty read-only fields too. */
    @Test
    void theCliEndpoint_givesItsAliases() {
        HostConfig host = NetworkingConfigReader.read(json("""
                {"EndpointsConfig":{"app":{"IPAMConfig":null,"Links":null,"Aliases":["db","db"],
                 "NetworkID":"","EndpointID":"","Gateway":"","IPAddress":"","IPPrefixLen":0,"MacAddress":"","DriverOpts":null}}}
                """), ON_APP);
        assertThat(host.getNetworkAliasesList()).containsExactly("db");
        assertThat(host.getNetworkMode()).isEqualTo("app");
    }

    /** The docker CLI sends --link in the endpoint of a user-defined network. */
    @Test
    void endpointLinks_areTheContainersLinks() {
        HostConfig host = NetworkingConfigReader.read(json("{\"EndpointsConfig\":{\"app\":{\"Links\":[\"db:store\"]}}}"), ON_APP);
        assertThat(host.getLinksList()).containsExactly("db:store");
    }

    @Test
    void noEndpoint_changesNothing() {
        assertThat(NetworkingConfigReader.read(json("{}"), ON_APP)).isEqualTo(ON_APP);
        assertThat(NetworkingConfigReader.read(json("{\"EndpointsConfig\":null}"), ON_APP)).isEqualTo(ON_APP);
    }

    @Test
    void endpointSettingsBerthDoesNotApply_areRefusedByTheirFlag() {
        assertThatThrownBy(() -> NetworkingConfigReader.read(json(
                "{\"EndpointsConfig\":{\"app\":{\"IPAMConfig\":{\"IPv4Address\":\"10.0.0.9\"}}}}"), ON_APP))
                .isInstanceOf(DockerApiException.class).hasMessageContaining("--ip");
        assertThatThrownBy(() -> NetworkingConfigReader.read(json(
                "{\"EndpointsConfig\":{\"other\":{\"DriverOpts\":{\"a\":\"b\"}}}}"), ON_APP))
                .hasMessageContaining("--driver-opt");
    }

    @Test
    void endpointsOfOtherNetworks_areJoinedBesides_withTheirAliasesAndLinks() {
        HostConfig host = NetworkingConfigReader.read(json(
                "{\"EndpointsConfig\":{\"app\":{}, \"back\":{\"Aliases\":[\"db\"],\"Links\":[\"cache:c\"]}}}"), ON_APP);
        assertThat(host.getConnectedNetworksList()).singleElement().satisfies(endpoint -> {
            assertThat(endpoint.getNetwork()).isEqualTo("back");
            assertThat(endpoint.getAliasesList()).containsExactly("db");
            assertThat(endpoint.getLinksList()).containsExactly("cache:c");
        });
        assertThatThrownBy(() -> NetworkingConfigReader.read(json("{\"EndpointsConfig\":{\"back\":{}}}"),
                HostConfig.newBuilder().setNetworkMode("none").build()))
                .hasMessage("container cannot be connected to multiple networks with one of the networks in private (none) mode");
        assertThatThrownBy(() -> NetworkingConfigReader.read(json("{\"EndpointsConfig\":{\"back\":{}}}"),
                HostConfig.newBuilder().setNetworkMode("host").build()))
                .hasMessage("container cannot be disconnected from host network or connected to host network");
    }

    @Test
    void aliases_needAUserNetwork_andSafeNames() {
        assertThatThrownBy(() -> NetworkingConfigReader.read(json(
                "{\"EndpointsConfig\":{\"bridge\":{\"Aliases\":[\"x\"]}}}"), HostConfig.getDefaultInstance()))
                .hasMessage("network-scoped alias is supported only for containers in user defined networks");
        assertThatThrownBy(() -> NetworkingConfigReader.read(json(
                "{\"EndpointsConfig\":{\"app\":{\"Aliases\":[\"x\\n10.0.0.1 evil\"]}}}"), ON_APP))
                .hasMessageContaining("invalid network alias");
    }
}
