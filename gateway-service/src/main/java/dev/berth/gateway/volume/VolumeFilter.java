package dev.berth.gateway.volume;

import dev.berth.gateway.api.DockerApiException;
import dev.berth.gateway.container.ListFilters;
import dev.berth.proto.v1.Filter;
import dev.berth.proto.v1.Volume;
import java.util.List;
import java.util.Set;

/**
 * GET /volumes' filters, as Docker applies them: {@code name} (a part of the name), {@code label},
 * {@code driver} and {@code dangling} (no container mounts it).
 */
final class VolumeFilter {

    private static final Set<String> KEYS = Set.of("name", "label", "driver", "dangling");

    private final List<Filter> filters;

    VolumeFilter(List<Filter> filters) {
        for (Filter f : filters) {
            if (!KEYS.contains(f.getKey())) {
                throw DockerApiException.badRequest("invalid filter '" + f.getKey() + "'");
            }
        }
        this.filters = filters;
    }

    boolean matches(Volume v) {
        return filters.stream().allMatch(f -> f.getKey().equals("label")
                ? f.getValuesList().stream().allMatch(value -> ListFilters.labelMatches(value, v.getLabelsMap()))
                : f.getValuesList().stream().anyMatch(value -> matches(f.getKey(), value, v)));
    }

    private static boolean matches(String key, String value, Volume v) {
        return switch (key) {
            case "name" -> v.getName().contains(value);
            case "driver" -> v.getDriver().equals(value);
            case "dangling" -> (value.equals("true") || value.equals("1")) == (v.getUsersCount() == 0);
            default -> false;
        };
    }
}
