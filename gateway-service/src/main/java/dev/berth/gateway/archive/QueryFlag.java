package dev.berth.gateway.archive;

import java.util.Locale;
import java.util.Set;

/** Docker's httputils.BoolValue: a query flag is true unless absent, empty, "0", "no", "false" or "none". */
final class QueryFlag {

    private static final Set<String> FALSE = Set.of("", "0", "no", "false", "none");

    private QueryFlag() {
    }

    static boolean isSet(String value) {
        return value != null && !FALSE.contains(value.trim().toLowerCase(Locale.ROOT));
    }
}
