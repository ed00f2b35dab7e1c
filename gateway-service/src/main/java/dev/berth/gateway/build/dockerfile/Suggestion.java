package dev.berth.gateway.build.dockerfile;

import java.util.Collection;
import java.util.Locale;
import java.util.TreeSet;

/**
 * Docker's {@code (did you mean X?)} hint after an unknown instruction or flag: the closest known name within an edit
 * distance of two.
 */
final class Suggestion {

    private static final int FARTHEST = 2;

    private Suggestion() {
    }

    /** {@code " (did you mean X?)"}, or {@code ""} when no known name is close enough. */
    static String didYouMean(String value, Collection<String> known, boolean caseSensitive) {
        String wanted = caseSensitive ? value : value.toLowerCase(Locale.ROOT);
        String best = null;
        int bestDistance = FARTHEST + 1;
        // Docker walks a Go map, in no fixed order; a sorted walk keeps ties reproducible.
        for (String option : new TreeSet<>(known)) {
            String candidate = caseSensitive ? option : option.toLowerCase(Locale.ROOT);
            if (candidate.equals(wanted)) {
                return "";
            }
            int distance = distance(wanted, candidate);
            if (distance < bestDistance) {
                best = caseSensitive ? candidate : inCaseOf(value, candidate);
                bestDistance = distance;
            }
        }
        return best == null ? "" : " (did you mean " + best + "?)";
    }

    /** The suggestion written in the case the user wrote: {@code FORM} gets {@code FROM}, {@code form} gets {@code from}. */
    private static String inCaseOf(String written, String suggestion) {
        if (written.equals(written.toLowerCase(Locale.ROOT))) {
            return suggestion.toLowerCase(Locale.ROOT);
        }
        if (written.equals(written.toUpperCase(Locale.ROOT))) {
            return suggestion.toUpperCase(Locale.ROOT);
        }
        return suggestion;
    }

    /** Levenshtein distance: insertions, deletions and substitutions all count one. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
