package dev.berth.container.listing;

import java.util.LinkedHashSet;
import java.util.Set;

import dev.berth.common.error.BerthException;

/**
 * The values of the {@code expose} and {@code publish} filters: {@code port[/proto]} or
 * {@code start-end[/proto]}, tcp by default, each expanded to Docker's "port/proto" keys.
 */
final class PortFilterValues {

    private PortFilterValues() {
    }

    static Set<String> parse(String key, Iterable<String> values) {
        Set<String> ports = new LinkedHashSet<>();
        for (String value : values) {
            if (value.contains(":")) {
                throw BerthException.invalid("filter for '" + key + "' should not contain ':': " + value);
            }
            int slash = value.indexOf('/');
            String range = slash < 0 ? value : value.substring(0, slash);
            String proto = slash < 0 || slash == value.length() - 1 ? "tcp" : value.substring(slash + 1);
            int dash = range.indexOf('-');
            try {
                if (range.isEmpty()) {
                    throw new IllegalArgumentException("empty string specified for ports");
                }
                int start = port(dash < 0 ? range : range.substring(0, dash));
                int end = dash < 0 ? start : port(range.substring(dash + 1));
                if (end < start) {
                    throw new IllegalArgumentException("invalid range specified for port: " + range);
                }
                for (int port = start; port <= end; port++) {
                    ports.add(port + "/" + proto);
                }
            } catch (IllegalArgumentException e) {
                throw BerthException.invalid("error while looking up for " + key + " " + value + ": "
                        + e.getMessage());
            }
        }
        return ports;
    }

    /** Go's strconv.ParseUint(s, 10, 16), with its messages. */
    private static int port(String text) {
        if (text.isEmpty() || !text.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException("strconv.ParseUint: parsing \"" + text + "\": invalid syntax");
        }
        if (text.length() > 5 || Integer.parseInt(text) > 65535) {
            throw new IllegalArgumentException("strconv.ParseUint: parsing \"" + text + "\": value out of range");
        }
        return Integer.parseInt(text);
    }
}
