package dev.berth.gateway.archive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.common.time.ProtoTimes;
import dev.berth.proto.v1.PathStat;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class PathStatHeaderTest {

    private static final PathStat DIRECTORY = PathStat.newBuilder().setName("etc").setSize(4096)
            .setMode((1 << 31) | 0755).setMtime(ProtoTimes.timestamp(Instant.parse("2024-05-06T07:08:09.120Z")))
            .build();

    @Test
    void theJsonIsGosPathStat() {
        assertThat(PathStatHeader.json(DIRECTORY)).isEqualTo(
                "{\"name\":\"etc\",\"size\":4096,\"mode\":2147484141,\"mtime\":\"2024-05-06T07:08:09.12Z\",\"linkTarget\":\"\"}");
    }

    @Test
    void theHeaderIsTheJsonInStandardBase64() {
        String decoded = new String(Base64.getDecoder().decode(PathStatHeader.encode(DIRECTORY)), StandardCharsets.UTF_8);
        assertThat(decoded).isEqualTo(PathStatHeader.json(DIRECTORY));
    }

    @Test
    void flagsAreTrueUnlessDockerSaysFalse() {
        assertThat(QueryFlag.isSet("1")).isTrue();
        assertThat(QueryFlag.isSet("True")).isTrue();
        assertThat(QueryFlag.isSet("yes")).isTrue();
        assertThat(QueryFlag.isSet(null)).isFalse();
        assertThat(QueryFlag.isSet("")).isFalse();
        assertThat(QueryFlag.isSet(" false ")).isFalse();
        assertThat(QueryFlag.isSet("0")).isFalse();
        assertThat(QueryFlag.isSet("none")).isFalse();
    }
}
