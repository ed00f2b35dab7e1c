package dev.berth.gateway.events;

import dev.berth.proto.v1.EngineEvent;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class EventMessagesTest {

    @Test
    void line_container_hasTheDeprecatedFieldsFirst_thenDockersOrder() {
        EngineEvent die = EngineEvent.newBuilder().setType("container").setAction("die").setActorId("abc")
                .putAttributes("name", "web").putAttributes("image", "bb:1").putAttributes("exitCode", "3")
                .setTimeNano(1_700_000_000_123_456_789L).setSeq(7).build();
        assertThat(new String(EventMessages.line(die), StandardCharsets.UTF_8)).isEqualTo(
                "{\"status\":\"die\",\"id\":\"abc\",\"from\":\"bb:1\",\"Type\":\"container\",\"Action\":\"die\","
                        + "\"Actor\":{\"ID\":\"abc\",\"Attributes\":{\"exitCode\":\"3\",\"image\":\"bb:1\","
                        + "\"name\":\"web\"}},\"scope\":\"local\",\"time\":1700000000,"
                        + "\"timeNano\":1700000000123456789}\n");
    }

    @Test
    void line_image_hasStatusAndId_butNoFrom() {
        EngineEvent tag = EngineEvent.newBuilder().setType("image").setAction("tag").setActorId("sha256:f")
                .putAttributes("name", "bb:2").setTimeNano(2_000_000_000L).build();
        assertThat(EventMessages.message(tag)).containsOnlyKeys(
                "status", "id", "Type", "Action", "Actor", "scope", "time", "timeNano");
    }

    @Test
    void line_otherTypes_haveNoDeprecatedFields() {
        EngineEvent network = EngineEvent.newBuilder().setType("network").setAction("connect").setActorId("n")
                .build();
        assertThat(EventMessages.message(network)).doesNotContainKeys("status", "id", "from");
    }
}
