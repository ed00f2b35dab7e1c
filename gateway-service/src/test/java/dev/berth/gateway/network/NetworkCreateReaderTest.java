package dev.berth.gateway.network;

import dev.berth.gateway.api.DockerApiException;
import dev.berth.proto.v1.CreateNetworkRequest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NetworkCreateReaderTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static CreateNetworkRequest read(String body) {
        return NetworkCreateReader.read(JSON.readTree(body));
    }

    /** The docker CLI's body for `docker network create --subnet ... --gateway ... --label a=b app`. */
    @Test
    void theCliBody_givesNameSubnetGatewayAndLabels() {
        CreateNetworkRequest request = read("""
                {"Name":"app","CheckDuplicate":true,"Driver":"bridge","Scope":"","EnableIPv6":false,
                 "IPAM":{"Driver":"default","Options":{},"Config":[{"Subnet":"10.9.0.0/24","Gateway":"10.9.0.1"}]},
                 "Internal":false,"Attachable":false,"Ingress":false,"ConfigOnly":false,"ConfigFrom":null,
                 "Options":{},"Labels":{"a":"b"}}
                """);
        assertThat(request.getName()).isEqualTo("app");
        assertThat(request.getSubnet()).isEqualTo("10.9.0.0/24");
        assertThat(request.getGateway()).isEqualTo("10.9.0.1");
        assertThat(request.getLabelsMap()).containsEntry("a", "b");
        assertThat(request.getAttachable()).isFalse();
    }

    /** docker-compose 1.29 makes its networks attachable. */
    @Test
    void attachable_isKept() {
        assertThat(read("{\"Name\":\"a\",\"Attachable\":true}").getAttachable()).isTrue();
    }

    @Test
    void whatBerthDoesNotApply_isRefusedByItsFlag() {
        assertThatThrownBy(() -> read("{\"Name\":\"a\",\"Internal\":true}"))
                .isInstanceOf(DockerApiException.class).hasMessageContaining("--internal");
        assertThatThrownBy(() -> read("{\"Name\":\"a\",\"EnableIPv6\":true}")).hasMessageContaining("--ipv6");
        assertThatThrownBy(() -> read("{\"Name\":\"a\",\"Driver\":\"overlay\"}")).hasMessageContaining("overlay");
        assertThatThrownBy(() -> read("{\"Name\":\"a\",\"Options\":{\"com.docker.network.driver.mtu\":\"1400\"}}"))
                .hasMessageContaining("--opt com.docker.network.driver.mtu");
        assertThatThrownBy(() -> read("{\"Name\":\"a\",\"IPAM\":{\"Config\":[{\"Subnet\":\"10.1.0.0/16\",\"IPRange\":\"10.1.1.0/24\"}]}}"))
                .hasMessageContaining("--ip-range");
        assertThatThrownBy(() -> read("{\"Name\":\"a\",\"IPAM\":{\"Config\":[{\"Subnet\":\"10.1.0.0/16\"},{\"Subnet\":\"10.2.0.0/16\"}]}}"))
                .hasMessageContaining("more than one --subnet");
    }
}
