package dev.berth.gateway.events;

import dev.berth.gateway.api.DockerApiException;
import dev.berth.gateway.container.ListFilters;
import dev.berth.proto.v1.EngineEventFilter;
import dev.berth.proto.v1.Filter;
import dev.berth.proto.v1.WatchEngineEventsRequest;

import java.math.BigDecimal;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * GET /events' query: {@code since} and {@code until} as the CLI sends them (unix seconds with
 * an optional fraction, already converted from durations and dates), and {@code filters}.
 * dockerd ignores filter keys it does not know; Berth refuses them, in the words Docker uses
 * for its other filters, so that a typo does not silently match everything.
 */
final class EventQuery {

    static final Set<String> KEYS = Set.of("config", "container", "daemon", "event", "image", "label",
            "network", "node", "plugin", "scope", "secret", "service", "type", "volume");

    private static final Pattern TIMESTAMP = Pattern.compile("^-?[0-9]+(\\.[0-9]{1,9})?$");

    private EventQuery() {
    }

    static WatchEngineEventsRequest parse(String since, String until, String filters) {
        long sinceNano = timestamp(since);
        long untilNano = timestamp(until);
        if (untilNano > 0 && untilNano < sinceNano) {
            throw DockerApiException.badRequest("`since` time (" + since + ") cannot be after `until` time ("
                    + until + ")");
        }
        WatchEngineEventsRequest.Builder request = WatchEngineEventsRequest.newBuilder()
                .setSinceNano(sinceNano).setUntilNano(untilNano);
        for (Filter filter : ListFilters.parse(filters)) {
            if (!KEYS.contains(filter.getKey())) {
                throw DockerApiException.badRequest("invalid filter '" + filter.getKey() + "'");
            }
            request.addFilters(EngineEventFilter.newBuilder().setKey(filter.getKey())
                    .addAllValues(filter.getValuesList()));
        }
        return request.build();
    }

    /**
     * Nanoseconds since the epoch; 0 for none. "0" is the epoch itself in Docker (everything
     * stored), so it becomes 1 ns, which no event precedes.
     */
    static long timestamp(String value) {
        if (value == null || value.isEmpty()) {
            return 0;
        }
        if (!TIMESTAMP.matcher(value).matches()) {
            throw DockerApiException.badRequest("strconv.ParseInt: parsing \"" + value + "\": invalid syntax");
        }
        long nanos = new BigDecimal(value).movePointRight(9).longValue();
        return Math.max(nanos, 1);
    }
}
