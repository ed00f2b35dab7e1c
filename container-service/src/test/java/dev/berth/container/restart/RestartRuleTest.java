package dev.berth.container.restart;

import dev.berth.container.store.StopIntent;
import dev.berth.proto.v1.RestartPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class RestartRuleTest {

    private static RestartRule rule(String name, int retries) {
        return RestartRule.of(RestartPolicy.newBuilder().setName(name).setMaximumRetryCount(retries).build());
    }

    @ParameterizedTest
    @CsvSource({
            // policy, retries, exit code, intent, restarts so far, restarts?
            "'',             0, 1, NONE,    0, false",
            "no,             0, 1, NONE,    0, false",
            "always,         0, 0, NONE,    7, true",
            "always,         0, 1, MANUAL,  0, true",
            "always,         0, 1, STOPPED, 0, false",
            "unless-stopped, 0, 0, NONE,    3, true",
            "unless-stopped, 0, 1, MANUAL,  0, false",
            "unless-stopped, 0, 1, STOPPED, 0, false",
            "on-failure,     0, 0, NONE,    0, false",
            "on-failure,     0, 1, NONE,    100, true",
            "on-failure,     2, 1, NONE,    1, true",
            "on-failure,     2, 1, NONE,    2, false",
            "on-failure,     2, 137, MANUAL, 0, true",
            "on-failure,     2, 137, STOPPED, 0, false",
    })
    void restartsAfter_followsDockersPolicies(String name, int retries, int exitCode, StopIntent intent, int count,
            boolean expected) {
        assertThat(rule(name, retries).restartsAfter(exitCode, intent, count)).isEqualTo(expected);
    }

    @Test
    void of_retriesCountOnlyForOnFailure() {
        assertThat(rule("always", 3).maximumRetries()).isZero();
        assertThat(rule("on-failure", 3).maximumRetries()).isEqualTo(3);
        assertThat(rule("sometimes", 0).kind()).isEqualTo(RestartRule.Kind.NO);
    }
}
