package dev.berth.image.remove;

import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.berth.common.error.BerthException;

/**
 * The filters of {@code docker image prune}: {@code dangling} (true by default: only untagged
 * images), {@code label=key[=value]} (all must hold) and {@code label!=key[=value]} (none may).
 */
record PruneFilters(boolean danglingOnly, List<String> labels, List<String> notLabels) {

    private static final Set<String> KEYS = Set.of("dangling", "label", "label!");

    static PruneFilters of(Map<String, List<String>> filters) {
        for (String key : filters.keySet()) {
            if (!KEYS.contains(key)) {
                throw BerthException.invalid("invalid filter '" + key + "'");
            }
        }
        boolean danglingOnly = true;
        for (String value : filters.getOrDefault("dangling", List.of())) {
            danglingOnly = switch (value.toLowerCase()) {
                case "true", "1" -> true;
                case "false", "0" -> false;
                default -> throw BerthException.invalid("invalid filter 'dangling=" + value + "'");
            };
        }
        return new PruneFilters(danglingOnly, filters.getOrDefault("label", List.of()),
                filters.getOrDefault("label!", List.of()));
    }

    boolean matchesLabels(Map<String, String> imageLabels) {
        Map<String, String> present = imageLabels == null ? Map.of() : imageLabels;
        return labels.stream().allMatch(label -> has(present, label))
                && notLabels.stream().noneMatch(label -> has(present, label));
    }

    private static boolean has(Map<String, String> labels, String label) {
        int equals = label.indexOf('=');
        if (equals < 0) {
            return labels.containsKey(label);
        }
        return label.substring(equals + 1).equals(labels.get(label.substring(0, equals)));
    }
}
