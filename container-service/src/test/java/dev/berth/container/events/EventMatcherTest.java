package dev.berth.container.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.berth.proto.v1.EngineEvent;
import dev.berth.proto.v1.EngineEventFilter;

class EventMatcherTest {

    private static final EngineEvent DIE = EngineEvent.newBuilder().setType("container").setAction("die")
            .setActorId("abc123").putAllAttributes(Map.of("name", "web", "image", "busybox:latest",
                    "tier", "front", "exitCode", "3")).build();
    private static final EngineEvent EXEC = DIE.toBuilder().setAction("exec_start: sh -c exit 5").build();
    private static final EngineEvent TAG = EngineEvent.newBuilder().setType("image").setAction("tag")
            .setActorId("sha256:feed").putAttributes("name", "docker.io/library/busybox:1").build();

    @Test
    void matches_withoutFilters_everything() {
        assertThat(matcher().matches(DIE)).isTrue();
        assertThat(matcher().matches(TAG)).isTrue();
    }

    @Test
    void matches_type_exactly() {
        assertThat(matcher("type", "container").matches(DIE)).isTrue();
        assertThat(matcher("type", "container").matches(TAG)).isFalse();
        assertThat(matcher("type", "contain").matches(DIE)).isFalse();
    }

    @Test
    void matches_valuesOfOneKey_anyOf() {
        assertThat(matcher("type", "image", "container").matches(DIE)).isTrue();
    }

    @Test
    void matches_event_exactly_orByPrefixForExecEvents() {
        assertThat(matcher("event", "die").matches(DIE)).isTrue();
        assertThat(matcher("event", "di").matches(DIE)).isFalse();
        assertThat(matcher("event", "exec_start").matches(EXEC)).isTrue();
        assertThat(matcher("event", "exec_start: sh -c exit 5").matches(EXEC)).isTrue();
        assertThat(matcher("event", "exec_create").matches(EXEC)).isFalse();
    }

    @Test
    void matches_container_byIdOrNamePrefix() {
        assertThat(matcher("container", "abc").matches(DIE)).isTrue();
        assertThat(matcher("container", "web").matches(DIE)).isTrue();
        assertThat(matcher("container", "other").matches(DIE)).isFalse();
        assertThat(matcher("container", "web").matches(TAG)).isFalse();
    }

    @Test
    void matches_image_byNameWithOrWithoutTag_andById() {
        assertThat(matcher("image", "busybox").matches(DIE)).isTrue();
        assertThat(matcher("image", "busybox:latest").matches(DIE)).isTrue();
        assertThat(matcher("image", "busybox").matches(TAG)).isTrue();
        assertThat(matcher("image", "sha256:feed").matches(TAG)).isTrue();
        assertThat(matcher("image", "alpine").matches(TAG)).isFalse();
    }

    @Test
    void matches_labels_allOfThem_byKeyOrKeyValue() {
        assertThat(matcher("label", "tier").matches(DIE)).isTrue();
        assertThat(matcher("label", "tier=front").matches(DIE)).isTrue();
        assertThat(matcher("label", "tier=back").matches(DIE)).isFalse();
        assertThat(matcher("label", "tier", "zone").matches(DIE)).isFalse();
    }

    @Test
    void matches_acrossKeys_allMustMatch() {
        EventMatcher both = new EventMatcher(List.of(filter("type", "container"), filter("event", "start")));
        assertThat(both.matches(DIE)).isFalse();
    }

    @Test
    void matches_scope_local() {
        assertThat(matcher("scope", "local").matches(DIE)).isTrue();
        assertThat(matcher("scope", "swarm").matches(DIE)).isFalse();
    }

    @Test
    void withoutTag_givesTheFamiliarName() {
        assertThat(EventMatcher.withoutTag("docker.io/library/busybox:latest")).isEqualTo("busybox");
        assertThat(EventMatcher.withoutTag("127.0.0.1:5000/bb:1")).isEqualTo("127.0.0.1:5000/bb");
        assertThat(EventMatcher.withoutTag("127.0.0.1:5000/bb")).isEqualTo("127.0.0.1:5000/bb");
        assertThat(EventMatcher.withoutTag("bb@sha256:00")).isEqualTo("bb");
        assertThat(EventMatcher.withoutTag("sha256:feed")).isEqualTo("sha256:feed");
    }

    private static EventMatcher matcher(String key, String... values) {
        return new EventMatcher(List.of(filter(key, values)));
    }

    private static EngineEventFilter filter(String key, String... values) {
        return EngineEventFilter.newBuilder().setKey(key).addAllValues(List.of(values)).build();
    }

    private static EventMatcher matcher() {
        return new EventMatcher(List.of());
    }
}
