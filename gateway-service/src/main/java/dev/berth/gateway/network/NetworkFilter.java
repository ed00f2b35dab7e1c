package dev.berth.gateway.network;

import dev.berth.gateway.api.DockerApiException;
import dev.berth.gateway.container.ListFilters;
import dev.berth.proto.v1.Filter;
import dev.berth.proto.v1.Network;
import java.util.List;
import java.util.Set;

/**
 * GET /networks' filters, as Docker applies them: {@code name} (a part of the name), {@code id}
 * (a prefix), {@code label}, {@code driver}, {@code type} (custom, builtin), {@code scope} (local)
 * and {@code dangling} (no running container; built-in networks are never dangling). Values of
 * one key: any may match; keys: all must.
 */
final class NetworkFilter {

    private static final Set<String> KEYS = Set.of("name", "id", "label", "driver", "type", "scope", "dangling");

    private final List<Filter> filters;

    NetworkFilter(List<Filter> filters) {
        for (Filter f : filters) {
            if (!KEYS.contains(f.getKey())) {
                throw DockerApiException.badRequest("invalid filter '" + f.getKey() + "'");
            }
            if (f.getKey().equals("type")) {
                f.getValuesList().stream().filter(v -> !v.equals("custom") && !v.equals("builtin")).findFirst()
                        .ifPresent(v -> {
                            throw DockerApiException.badRequest("invalid filter: 'type'='" + v + "'");
                        });
            }
        }
        this.filters = filters;
    }

    boolean matches(Network n) {
        return filters.stream().allMatch(f -> f.getKey().equals("label")
                ? f.getValuesList().stream().allMatch(v -> ListFilters.labelMatches(v, n.getLabelsMap()))
                : f.getValuesList().stream().anyMatch(v -> matches(f.getKey(), v, n)));
    }

    private static boolean matches(String key, String value, Network n) {
        return switch (key) {
            case "name" -> n.getName().contains(value);
            case "id" -> n.getId().startsWith(value);
            case "driver" -> n.getDriver().equals(value);
            case "type" -> value.equals("builtin") == n.getBuiltin();
            case "scope" -> value.equals("local");
            case "dangling" -> (value.equals("true") || value.equals("1"))
                    == (!n.getBuiltin() && n.getMembersCount() == 0);
            default -> false;
        };
    }
}
