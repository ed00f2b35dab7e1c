package dev.berth.container.listing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.berth.common.error.BerthException;
import dev.berth.container.lifecycle.State;
import dev.berth.proto.v1.Filter;
import dev.berth.proto.v1.NetworkState;
import dev.berth.proto.v1.PublishedPort;

class ContainerFilterTest {

    private static final String ID = "abcdef" + "0".repeat(58);
    private static final Map<String, String> LABELS = Map.of("tier", "web", "env", "prod");
    private static final String IMAGE_ID = "sha256:" + "c".repeat(64);

    private static ContainerFilter filter(String key, String... values) {
        return ContainerFilter.parse(List.of(Filter.newBuilder().setKey(key).addAllValues(List.of(values)).build()));
    }

    private static final ListedContainer RUNNING = new ListedContainer(ID, "web-1", State.RUNNING, true, 0,
            IMAGE_ID, LABELS, List.of("80/tcp", "53/udp"), "host", List.of(), "none", NetworkState.getDefaultInstance(), List.of(), List.of());
    private static final ListedContainer EXITED_3 = new ListedContainer(ID, "web-1", State.EXITED, true, 3,
            IMAGE_ID, LABELS, List.of(), "", List.of(), "none", NetworkState.getDefaultInstance(), List.of(), List.of());
    private static final ListedContainer CREATED = new ListedContainer(ID, "web-1", State.CREATED, false, 0,
            IMAGE_ID, LABELS, List.of(), "none", List.of(), "none", NetworkState.getDefaultInstance(), List.of(), List.of());

    private static boolean matches(ContainerFilter filter) {
        return filter.matches(RUNNING);
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

    private static void assertInvalid(Runnable parse, String message) {
        assertThatThrownBy(parse::run).isInstanceOfSatisfying(BerthException.class, e -> {
            assertThat(e.kind()).isEqualTo(BerthException.Kind.INVALID_ARGUMENT);
            assertThat(e.getMessage()).isEqualTo(message);
        });
    }

    @Test
    void exited_matchesOnlyStoppedContainersThatRanWithThatCode() {
        assertThat(filter("exited", "3").matches(EXITED_3)).isTrue();
        assertThat(filter("exited", "0", "3").matches(EXITED_3)).isTrue();
        assertThat(filter("exited", "0").matches(EXITED_3)).isFalse();
        assertThat(filter("exited", "0").matches(RUNNING)).as("running, exit code 0").isFalse();
        assertThat(filter("exited", "0").matches(CREATED)).as("never ran").isFalse();
        assertThat(filter("exited", "3").impliesAll()).isFalse();
    }

    @Test
    void exited_notANumberIsDockersMessage() {
        assertInvalid(() -> filter("exited", "x"), "strconv.Atoi: parsing \"x\": invalid syntax");
    }

    @Test
    void labelNot_excludesContainersMatchingAllItsValues() {
        assertThat(matches(filter("label!", "tier"))).isFalse();
        assertThat(matches(filter("label!", "tier=db"))).isTrue();
        assertThat(matches(filter("label!", "tier=web", "env=dev"))).isTrue();
        assertThat(matches(filter("label!", "owner"))).isTrue();
    }

    @Test
    void health_matchesTheContainersHealth_andOtherValuesAreRefused() {
        assertThat(matches(filter("health", "none"))).isTrue();
        assertThat(matches(filter("health", "healthy"))).isFalse();
        ListedContainer healthy = new ListedContainer(ID, "web-1", State.RUNNING, true, 0, IMAGE_ID, LABELS, List.of(),
                "", List.of(), "healthy", NetworkState.getDefaultInstance(), List.of(), List.of());
        assertThat(filter("health", "healthy", "starting").matches(healthy)).isTrue();
        assertThat(filter("health", "none").matches(healthy)).isFalse();
        assertThat(filter("health", "none").filtersHealth()).isTrue();
        assertInvalid(() -> filter("health", "sick"), "Unrecognised filter value for health: sick");
    }

    @Test
    void isTask_trueMatchesNoneFalseMatchesAll() {
        assertThat(matches(filter("is-task", "true"))).isFalse();
        assertThat(matches(filter("is-task", "false"))).isTrue();
        assertInvalid(() -> filter("is-task", "x"), "invalid filter 'is-task=[x]'");
    }

    @Test
    void network_matchesTheNetworkModeByName() {
        assertThat(matches(filter("network", "host"))).isTrue();
        assertThat(matches(filter("network", "none", "host"))).isTrue();
        assertThat(filter("network", "none").matches(CREATED)).isTrue();
        assertThat(filter("network", "bridge").matches(EXITED_3)).as("the default is Docker's bridge").isTrue();
        assertThat(filter("network", "app").matches(ON_APP)).isTrue();
        assertThat(filter("network", "n".repeat(64)).matches(ON_APP)).as("by the id of the network it runs on").isTrue();
        assertThat(filter("network", "bridge").matches(ON_APP)).isFalse();
    }

    @Test
    void network_matchesTheNetworksItWasConnectedTo_configuredOrJoined() {
        ListedContainer stopped = new ListedContainer(ID, "web-1", State.EXITED, true, 0, IMAGE_ID, LABELS, List.of(),
                "app", List.of("back", "b".repeat(64)), "none", NetworkState.getDefaultInstance(), List.of(), List.of());
        assertThat(filter("network", "back").matches(stopped)).isTrue();
        assertThat(filter("network", "b".repeat(64)).matches(stopped)).isTrue();
        assertThat(filter("network", "front").matches(stopped)).isFalse();
        ListedContainer running = new ListedContainer(ID, "web-1", State.RUNNING, true, 0, IMAGE_ID, LABELS, List.of(),
                "app", List.of(), "none", NetworkState.newBuilder().setNetwork("app").setNetworkId("n".repeat(64))
                        .addConnected(NetworkState.newBuilder().setNetwork("late").setNetworkId("l".repeat(64))).build(),
                List.of(), List.of());
        assertThat(filter("network", "l".repeat(64)).matches(running)).as("joined by a connect while it runs").isTrue();
    }

    /** Running on network "app", publishing 8080/tcp, mounting volume "data" at /data and a bind at /srv. */
    private static final ListedContainer ON_APP = new ListedContainer(ID, "web-1", State.RUNNING, true, 0, IMAGE_ID,
            LABELS, List.of("8080/tcp"), "app", List.of(), "none",
            NetworkState.newBuilder().setNetwork("app").setNetworkId("n".repeat(64))
                    .addPorts(PublishedPort.newBuilder().setContainerPort(8080).setProtocol("tcp").setHostPort(32768)).build(),
            List.of("data"), List.of("/data", "/srv"));

    @Test
    void expose_portsRangesAndProtocols() {
        assertThat(matches(filter("expose", "80"))).isTrue();
        assertThat(matches(filter("expose", "80/tcp"))).isTrue();
        assertThat(matches(filter("expose", "79-81"))).isTrue();
        assertThat(matches(filter("expose", "53/udp"))).isTrue();
        assertThat(matches(filter("expose", "80/udp"))).isFalse();
        assertThat(filter("expose", "80").matches(EXITED_3)).isFalse();
    }

    @Test
    void expose_andPublish_refuseWhatDockerRefuses() {
        assertInvalid(() -> filter("expose", "1:80"), "filter for 'expose' should not contain ':': 1:80");
        assertInvalid(() -> filter("publish", "xx"),
                "error while looking up for publish xx: strconv.ParseUint: parsing \"xx\": invalid syntax");
        assertInvalid(() -> filter("expose", "90-80"),
                "error while looking up for expose 90-80: invalid range specified for port: 90-80");
    }

    @Test
    void publish_matchesPublishedContainerPorts_volume_namesAndDestinations() {
        assertThat(matches(filter("publish", "80"))).as("exposed but not published").isFalse();
        assertThat(filter("publish", "8080").matches(ON_APP)).isTrue();
        assertThat(filter("publish", "8000-8100/tcp").matches(ON_APP)).isTrue();
        assertThat(filter("publish", "8080/udp").matches(ON_APP)).isFalse();
        assertThat(filter("volume", "data").matches(ON_APP)).isTrue();
        assertThat(filter("volume", "/srv").matches(ON_APP)).isTrue();
        assertThat(filter("volume", "other").matches(ON_APP)).isFalse();
        assertThat(matches(filter("volume", "/data"))).isFalse();
    }

    @Test
    void beforeAndSince_areLeftToTheCallerLastValueCounting() {
        ContainerFilter cut = ContainerFilter.parse(List.of(
                Filter.newBuilder().setKey("before").addValues("a").addValues("b").build(),
                Filter.newBuilder().setKey("since").addValues("c").build()));
        assertThat(cut.beforeReference()).contains("b");
        assertThat(cut.sinceReference()).contains("c");
        assertThat(matches(cut)).isTrue();
        assertThat(ContainerFilter.parse(List.of()).beforeReference()).isEmpty();
    }
}
