package dev.berth.container.listing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.berth.common.error.BerthException;
import dev.berth.proto.v1.Filter;

class ContainerFilterTest {

    private static final String ID = "abcdef" + "0".repeat(58);
    private static final Map<String, String> LABELS = Map.of("tier", "web", "env", "prod");
    private static final String IMAGE_ID = "sha256:" + "c".repeat(64);

    private static ContainerFilter filter(String key, String... values) {
        return ContainerFilter.parse(List.of(Filter.newBuilder().setKey(key).addAllValues(List.of(values)).build()));
    }

    private static boolean matches(ContainerFilter filter) {
        return filter.matches(ID, "web-1", "running", IMAGE_ID, LABELS);
    }

    @Test
    void parse_noFiltersMatchesEverything() {
        assertThat(matches(ContainerFilter.parse(List.of()))).isTrue();
    }

    @Test
    void ancestor_matchesTheResolvedImageIdsOnly() {
        ContainerFilter byImage = filter("ancestor", "busybox", "nosuch");
        assertThat(byImage.ancestorReferences()).containsExactly("busybox", "nosuch");
        assertThat(matches(byImage)).as("nothing resolved yet").isFalse();

        byImage.resolveAncestors(Set.of(IMAGE_ID));
        assertThat(matches(byImage)).isTrue();
        byImage.resolveAncestors(Set.of("sha256:" + "d".repeat(64)));
        assertThat(matches(byImage)).isFalse();
    }

    @Test
    void id_prefixOrAnyValueMatches() {
        assertThat(matches(filter("id", "abcd"))).isTrue();
        assertThat(matches(filter("id", "ffff", ID))).isTrue();
        assertThat(matches(filter("id", "ffff"))).isFalse();
    }

    @Test
    void name_substringRegexWithOrWithoutSlash() {
        assertThat(matches(filter("name", "web"))).isTrue();
        assertThat(matches(filter("name", "^/web-1$"))).isTrue();
        assertThat(matches(filter("name", "^web"))).isTrue();
        assertThat(matches(filter("name", "db"))).isFalse();
        assertThat(matches(filter("name", "[unclosed"))).isFalse();
    }

    @Test
    void label_keyOrKeyValueAndAllMustMatch() {
        assertThat(matches(filter("label", "tier"))).isTrue();
        assertThat(matches(filter("label", "tier=web", "env=prod"))).isTrue();
        assertThat(matches(filter("label", "tier=web", "env=dev"))).isFalse();
        assertThat(matches(filter("label", "owner"))).isFalse();
    }

    @Test
    void status_exactAnyValueAndImpliesAll() {
        assertThat(matches(filter("status", "exited", "running"))).isTrue();
        assertThat(matches(filter("status", "exited"))).isFalse();
        assertThat(filter("status", "exited").impliesAll()).isTrue();
        assertThat(filter("name", "x").impliesAll()).isFalse();
    }

    @Test
    void parse_invalidStatusIsInvalidArgument() {
        assertThatThrownBy(() -> filter("status", "xyz")).isInstanceOfSatisfying(BerthException.class, e -> {
            assertThat(e.kind()).isEqualTo(BerthException.Kind.INVALID_ARGUMENT);
            assertThat(e.getMessage()).isEqualTo("invalid filter 'status=xyz'");
        });
    }

    @Test
    void parse_unknownKeyIsInvalidArgument() {
        assertThatThrownBy(() -> filter("foo", "bar")).isInstanceOfSatisfying(BerthException.class, e -> {
            assertThat(e.kind()).isEqualTo(BerthException.Kind.INVALID_ARGUMENT);
            assertThat(e.getMessage()).isEqualTo("invalid filter 'foo'");
        });
    }
}
