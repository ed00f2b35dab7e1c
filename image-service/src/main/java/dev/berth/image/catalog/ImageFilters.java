package dev.berth.image.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.berth.common.error.BerthException;
import dev.berth.image.reference.ImageReference;

/**
 * The filters of an image list, as Docker's {@code docker images --filter} takes them. Supported:
 * {@code reference=<glob>} (matched like Docker against {@code name:tag} and {@code name}, familiar
 * form), {@code dangling=true|false} (untagged or not) and {@code label=<key>} /
 * {@code label=<key>=<value>}. Values of one key are alternatives (OR), keys combine with AND.
 * Other keys Docker knows ({@code before}, {@code since}, {@code until}) are not supported yet and
 * are rejected like unknown keys.
 */
public final class ImageFilters {

    private static final Set<String> KEYS = Set.of("reference", "dangling", "label");

    private final List<GlobPattern> references;
    private final Boolean dangling;
    private final List<String> labels;

    private ImageFilters(List<GlobPattern> references, Boolean dangling, List<String> labels) {
        this.references = references;
        this.dangling = dangling;
        this.labels = labels;
    }

    public static ImageFilters none() {
        return new ImageFilters(List.of(), null, List.of());
    }

    public static ImageFilters of(Map<String, List<String>> filters) {
        List<GlobPattern> references = new ArrayList<>();
        Boolean dangling = null;
        List<String> labels = new ArrayList<>();
        for (Map.Entry<String, List<String>> filter : filters.entrySet()) {
            String key = filter.getKey();
            if (!KEYS.contains(key)) {
                throw BerthException.invalid("invalid filter '" + key + "'");
            }
            for (String value : filter.getValue()) {
                switch (key) {
                    case "reference" -> references.add(GlobPattern.compile(value));
                    case "dangling" -> dangling = parseDangling(value);
                    default -> labels.add(value);
                }
            }
        }
        return new ImageFilters(List.copyOf(references), dangling, List.copyOf(labels));
    }

    private static boolean parseDangling(String value) {
        return switch (value.toLowerCase()) {
            case "true", "1" -> true;
            case "false", "0" -> false;
            default -> throw BerthException.invalid(
                    "invalid filter 'dangling=" + value + "'");
        };
    }

    boolean matches(ImageDetails image) {
        boolean untagged = image.tags().isEmpty();
        if (dangling != null && dangling != untagged) {
            return false;
        }
        if (!references.isEmpty() && !matchesAnyReference(image.tags())) {
            return false;
        }
        return labels.isEmpty() || labels.stream().allMatch(label -> hasLabel(image, label));
    }

    private boolean matchesAnyReference(List<ImageReference> tags) {
        return tags.stream().anyMatch(tag -> references.stream()
                .anyMatch(glob -> glob.matches(tag.familiarString()) || glob.matches(tag.familiarName())));
    }

    private static boolean hasLabel(ImageDetails image, String label) {
        Map<String, String> imageLabels = image.config().config() == null ? null : image.config().config().labels();
        if (imageLabels == null) {
            return false;
        }
        int equals = label.indexOf('=');
        if (equals < 0) {
            return imageLabels.containsKey(label);
        }
        return label.substring(equals + 1).equals(imageLabels.get(label.substring(0, equals)));
    }
}
