package dev.berth.container.listing;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import dev.berth.common.error.BerthException;
import dev.berth.container.lifecycle.State;
import dev.berth.container.network.RunNetworks;
import dev.berth.proto.v1.Filter;
import dev.berth.proto.v1.NetworkState;

/**
 * Docker's list filters with Docker's matching rules. Values of one key are alternatives
 * (any may match) except {@code label}, where every value must match:
 * <ul>
 * <li>{@code id}, {@code name}: unanchored regular expressions (an id prefix matches; a name
 * with or without its "/").</li>
 * <li>{@code label}: {@code key} or {@code key=value}; {@code label!} (the CLI's
 * {@code label!=...}) excludes the containers that match all its values, as Docker's prune.</li>
 * <li>{@code exited}: the exit code of a container that ran and is not running.</li>
 * <li>{@code status}: one of Docker's states; implies {@code all}.</li>
 * <li>{@code ancestor}: image references, resolved by the caller to the ids of those images and
 * of the images built on them.</li>
 * <li>{@code before}, {@code since}: a container's name or id, resolved and applied by the caller
 * (the last value given counts).</li>
 * <li>{@code expose}: ports or port ranges of Config.ExposedPorts; {@code publish}: of the
 * container ports a running container publishes.</li>
 * <li>{@code volume}: a volume's name, or the destination of any of its mounts.</li>
 * <li>{@code network}: the network a container is on, by name (its NetworkMode, "bridge" for the
 * default) or, while it runs, by the network's id.</li>
 * <li>{@code health}: the healthcheck's status of a running container, {@code none} without one.</li>
 * <li>{@code is-task}: no container is a swarm task.</li>
 * </ul>
 * Parse errors are INVALID_ARGUMENT with Docker's messages.
 */
public final class ContainerFilter {

    private static final Set<String> HEALTH_STATES = Set.of("starting", "healthy", "unhealthy", "none");

    private final List<String> ids = new ArrayList<>();
    private final List<String> names = new ArrayList<>();
    private final List<String> labels = new ArrayList<>();
    private final List<String> notLabels = new ArrayList<>();
    private final List<Integer> exitCodes = new ArrayList<>();
    private final List<String> statuses = new ArrayList<>();
    private final List<String> ancestors = new ArrayList<>();
    private final List<String> networks = new ArrayList<>();
    private final List<String> healths = new ArrayList<>();
    private final List<String> volumes = new ArrayList<>();
    private Set<String> exposed = Set.of();
    private Set<String> published = Set.of();
    private Boolean isTask;
    private String before;
    private String since;
    private Set<String> ancestorIds = Set.of();

    private ContainerFilter() {
    }

    /** INVALID_ARGUMENT "invalid filter 'key'" and the like, as Docker words them. */
    public static ContainerFilter parse(List<Filter> filters) {
        ContainerFilter parsed = new ContainerFilter();
        for (Filter filter : filters) {
            parsed.add(filter.getKey(), filter.getValuesList());
        }
        return parsed;
    }

    private void add(String key, List<String> values) {
        switch (key) {
            case "id" -> ids.addAll(values);
            case "name" -> names.addAll(values);
            case "label" -> labels.addAll(values);
            case "label!" -> notLabels.addAll(values);
            case "exited" -> values.forEach(v -> exitCodes.add(exitCode(v)));
            case "status" -> {
                for (String status : values) {
                    if (State.parseOrNull(status) == null) {
                        throw BerthException.invalid("invalid filter 'status=" + status + "'");
                    }
                }
                statuses.addAll(values);
            }
            case "ancestor" -> ancestors.addAll(values);
            case "before" -> before = last(values, before);
            case "since" -> since = last(values, since);
            case "expose" -> exposed = union(exposed, PortFilterValues.parse(key, values));
            case "publish" -> published = union(published, PortFilterValues.parse(key, values));
            case "volume" -> volumes.addAll(values);
            case "network" -> networks.addAll(values);
            case "health" -> {
                for (String health : values) {
                    if (!HEALTH_STATES.contains(health)) {
                        throw BerthException.invalid("Unrecognised filter value for health: " + health);
                    }
                }
                healths.addAll(values);
            }
            case "is-task" -> isTask = isTask(values);
            default -> throw BerthException.invalid("invalid filter '" + key + "'");
        }
    }

    /** Go's strconv.Atoi message, which Docker answers. */
    private static int exitCode(String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw BerthException.invalid("strconv.Atoi: parsing \"" + value + "\": invalid syntax");
        }
    }

    private static Boolean isTask(List<String> values) {
        if (values.size() == 1 && (values.get(0).equals("true") || values.get(0).equals("false"))) {
            return Boolean.valueOf(values.get(0));
        }
        throw BerthException.invalid("invalid filter 'is-task=[" + String.join(" ", values) + "]'");
    }

    private static String last(List<String> values, String previous) {
        return values.isEmpty() ? previous : values.get(values.size() - 1);
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new LinkedHashSet<>(a);
        all.addAll(b);
        return all;
    }

    /** The image references of the {@code ancestor} filter, for the caller to resolve. */
    public List<String> ancestorReferences() {
        return List.copyOf(ancestors);
    }

    /** The ids the ancestor references resolved to (an unknown image resolves to none). */
    public void resolveAncestors(Set<String> imageIds) {
        ancestorIds = Set.copyOf(imageIds);
    }

    /** The container named by {@code before}: only older ones are listed. */
    public Optional<String> beforeReference() {
        return Optional.ofNullable(before);
    }

    /** The container named by {@code since}: only newer ones are listed. */
    public Optional<String> sinceReference() {
        return Optional.ofNullable(since);
    }

    /** Whether the health of the containers is needed (it comes from their nodes). */
    public boolean filtersHealth() {
        return !healths.isEmpty();
    }

    public boolean impliesAll() {
        return !statuses.isEmpty();
    }

    boolean matches(ListedContainer c) {
        return (ids.isEmpty() || anyMatches(ids, c.id()))
                && (names.isEmpty() || anyMatches(names, "/" + c.name()) || anyMatches(names, c.name()))
                && labels.stream().allMatch(label -> labelMatches(label, c.labels()))
                && (notLabels.isEmpty() || !notLabels.stream().allMatch(label -> labelMatches(label, c.labels())))
                && (exitCodes.isEmpty() || exitedWithOneOf(c))
                && (statuses.isEmpty() || statuses.contains(c.state().dockerName()))
                && (ancestors.isEmpty() || ancestorIds.contains(c.imageId()))
                && (exposed.isEmpty() || c.exposedPorts().stream().map(ContainerFilter::withProto)
                        .anyMatch(exposed::contains))
                && (published.isEmpty() || c.network().getPortsList().stream()
                        .map(p -> p.getContainerPort() + "/" + p.getProtocol()).anyMatch(published::contains))
                && (volumes.isEmpty() || volumes.stream().anyMatch(v -> c.volumes().contains(v)
                        || c.destinations().stream().anyMatch(d -> d.equals(v))))
                && (networks.isEmpty() || networks.contains(networkName(c))
                        || c.connectedNetworks().stream().anyMatch(networks::contains)
                        || RunNetworks.all(c.network()).stream().map(NetworkState::getNetworkId)
                                .anyMatch(id -> !id.isEmpty() && networks.contains(id)))
                && (healths.isEmpty() || healths.contains(c.health()))
                && (isTask == null || !isTask);
    }

    private boolean exitedWithOneOf(ListedContainer c) {
        return c.everStarted() && !c.state().hasProcess() && exitCodes.contains(c.exitCode());
    }

    /** The default network is Docker's "bridge". */
    private static String networkName(ListedContainer c) {
        String mode = c.networkMode();
        return mode.isEmpty() || mode.equals("default") ? "bridge" : mode;
    }

    private static String withProto(String port) {
        return port.contains("/") ? port : port + "/tcp";
    }

    private static boolean anyMatches(List<String> patterns, String value) {
        for (String pattern : patterns) {
            if (pattern.equals(value)) {
                return true;
            }
            try {
                if (Pattern.compile(pattern).matcher(value).find()) {
                    return true;
                }
            } catch (PatternSyntaxException e) {
                // Docker skips values that are not valid expressions.
            }
        }
        return false;
    }

    /** Docker's label filter value, key or key=value, against a set of labels. */
    public static boolean labelMatches(String label, Map<String, String> containerLabels) {
        int eq = label.indexOf('=');
        if (eq < 0) {
            return containerLabels.containsKey(label);
        }
        String value = containerLabels.get(label.substring(0, eq));
        return value != null && value.equals(label.substring(eq + 1));
    }
}
