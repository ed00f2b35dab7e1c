package dev.berth.image.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class AuthChallengeTest {

    @Test
    void parse_dockerHubBearer_givesRealmServiceAndScope() {
        List<AuthChallenge> challenges = AuthChallenge.parse("Bearer realm=\"https://auth.docker.io/token\","
                + "service=\"registry.docker.io\",scope=\"repository:library/busybox:pull\"");

        assertThat(challenges).containsExactly(new AuthChallenge("bearer", Map.of(
                "realm", "https://auth.docker.io/token",
                "service", "registry.docker.io",
                "scope", "repository:library/busybox:pull")));
    }

    @Test
    void parse_basic_givesSchemeAndRealm() {
        assertThat(AuthChallenge.parse("Basic realm=\"Registry Realm\""))
                .containsExactly(new AuthChallenge("basic", Map.of("realm", "Registry Realm")));
    }

    @Test
    void parse_twoChallengesInOneHeader_givesBoth() {
        List<AuthChallenge> challenges = AuthChallenge.parse(
                "Basic realm=\"r\", Bearer realm=\"http://127.0.0.1:1/token\",service=\"s\"");

        assertThat(challenges).extracting(AuthChallenge::scheme).containsExactly("basic", "bearer");
        assertThat(challenges.get(1).parameter("realm")).isEqualTo("http://127.0.0.1:1/token");
        assertThat(challenges.get(1).parameter("service")).isEqualTo("s");
    }

    @Test
    void parse_unquotedValuesSpacesAndEscapes_areUnderstood() {
        List<AuthChallenge> challenges = AuthChallenge.parse(
                "BEARER  Realm = http://127.0.0.1:1/token , error=\"insufficient_scope\", "
                        + "error_description=\"say \\\"hi\\\", please\"");

        assertThat(challenges).containsExactly(new AuthChallenge("bearer", Map.of(
                "realm", "http://127.0.0.1:1/token",
                "error", "insufficient_scope",
                "error_description", "say \"hi\", please")));
    }

    @Test
    void parse_missingOrGarbage_givesNoParametersAndNeverFails() {
        assertThat(AuthChallenge.parse(null)).isEmpty();
        assertThat(AuthChallenge.parse("")).isEmpty();
        assertThat(AuthChallenge.parse("Bearer realm=\"unterminated"))
                .containsExactly(new AuthChallenge("bearer", Map.of("realm", "unterminated")));
    }
}
