package dev.berth.gateway.container;

import dev.berth.gateway.api.DockerApiException;
import dev.berth.proto.v1.WaitCondition;
import dev.berth.proto.v1.WaitResult;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WaitConditionTest {

    @Test
    void condition_knownNames() {
        assertThat(WaitController.condition("")).isEqualTo(WaitCondition.WAIT_CONDITION_NOT_RUNNING);
        assertThat(WaitController.condition("not-running")).isEqualTo(WaitCondition.WAIT_CONDITION_NOT_RUNNING);
        assertThat(WaitController.condition("next-exit")).isEqualTo(WaitCondition.WAIT_CONDITION_NEXT_EXIT);
        assertThat(WaitController.condition("removed")).isEqualTo(WaitCondition.WAIT_CONDITION_REMOVED);
    }

    @Test
    void condition_unknown_isDockersText() {
        assertThatThrownBy(() -> WaitController.condition("foo"))
                .isInstanceOf(DockerApiException.class).hasMessage("invalid condition: \"foo\"");
    }

    @Test
    void body_errorIsNullOrAMessage() {
        Map<String, Object> ok = new LinkedHashMap<>();
        ok.put("StatusCode", 0);
        ok.put("Error", null);

        assertThat(WaitController.body(WaitResult.newBuilder().build())).isEqualTo(ok);
        assertThat(WaitController.body(WaitResult.newBuilder().setExitCode(137).setError("lost").build()))
                .isEqualTo(Map.of("StatusCode", 137, "Error", Map.of("Message", "lost")));
    }
}
