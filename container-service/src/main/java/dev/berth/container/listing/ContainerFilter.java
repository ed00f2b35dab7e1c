package dev.berth.container.listing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import dev.berth.common.error.BerthException;
import dev.berth.container.lifecycle.State;
import dev.berth.proto.v1.Filter;

/**
 * Docker's list filters with Docker's matching rules: {@code id} and {@code name} values
 * are unanchored regular expressions (so an id prefix matches; a name matches with or
 * without its "/"), any value may match; every {@code label} value (key or key=value) must
 * match; {@code status} is an exact state, any value may match, and implies {@code all};
 * {@code ancestor} names images (any reference), resolved to ids by the caller, and any may
 * match the container's image.
 */
public final class ContainerFilter {

    private final List<String> ids = new ArrayList<>();
    private final List<String> names = new ArrayList<>();
    private final List<String> labels = new ArrayList<>();
    private final List<String> statuses = new ArrayList<>();
    private final List<String> ancestors = new ArrayList<>();
    private Set<String> ancestorIds = Set.of();

    private ContainerFilter() {
    }

    /** INVALID_ARGUMENT "invalid filter 'key'" or "invalid filter 'status=value'". */
    public static ContainerFilter parse(List<Filter> filters) {
        ContainerFilter parsed = new ContainerFilter();
        for (Filter filter : filters) {
            List<String> target = switch (filter.getKey()) {
                case "id" -> parsed.ids;
                case "name" -> parsed.names;
                case "label" -> parsed.labels;
                case "status" -> parsed.statuses;
                case "ancestor" -> parsed.ancestors;
                default -> throw BerthException.invalid("invalid filter '" + filter.getKey() + "'");
            };
            if (target == parsed.statuses) {
                for (String status : filter.getValuesList()) {
                    if (State.parseOrNull(status) == null) {
                        throw BerthException.invalid("invalid filter 'status=" + status + "'");
                    }
                }
            }
            target.addAll(filter.getValuesList());
        }
        return parsed;
    }

    /** The image references of the {@code ancestor} filter, for the caller to resolve. */
    public List<String> ancestorReferences() {
        return List.copyOf(ancestors);
    }

    /** The ids the ancestor references resolved to (an unknown image resolves to none). */
    public void resolveAncestors(Set<String> imageIds) {
        ancestorIds = Set.copyOf(imageIds);
    }

    public boolean impliesAll() {
        return !statuses.isEmpty();
    }

    public boolean matches(String id, String name, String status, String imageId,
            Map<String, String> containerLabels) {
        return (ids.isEmpty() || anyMatches(ids, id))
                && (ancestors.isEmpty() || ancestorIds.contains(imageId))
                && (names.isEmpty() || anyMatches(names, "/" + name) || anyMatches(names, name))
                && labels.stream().allMatch(label -> labelMatches(label, containerLabels))
                && (statuses.isEmpty() || statuses.contains(status));
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

    private static boolean labelMatches(String label, Map<String, String> containerLabels) {
        int eq = label.indexOf('=');
        if (eq < 0) {
            return containerLabels.containsKey(label);
        }
        String value = containerLabels.get(label.substring(0, eq));
        return value != null && value.equals(label.substring(eq + 1));
    }
}
