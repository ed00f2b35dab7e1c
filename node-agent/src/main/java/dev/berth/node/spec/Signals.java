package dev.berth.node.spec;

import dev.berth.common.error.BerthException;
import java.util.Locale;
import java.util.Map;

/** Signal names and numbers as Docker accepts them ("KILL", "SIGKILL", "9"); Linux x86_64 numbering. */
public final class Signals {

    public static final int SIGKILL = 9;
    public static final int SIGTERM = 15;

    private static final Map<String, Integer> NUMBERS = Map.ofEntries(
            Map.entry("HUP", 1), Map.entry("INT", 2), Map.entry("QUIT", 3), Map.entry("ILL", 4),
            Map.entry("TRAP", 5), Map.entry("ABRT", 6), Map.entry("IOT", 6), Map.entry("BUS", 7),
            Map.entry("FPE", 8), Map.entry("KILL", 9), Map.entry("USR1", 10), Map.entry("SEGV", 11),
            Map.entry("USR2", 12), Map.entry("PIPE", 13), Map.entry("ALRM", 14), Map.entry("TERM", 15),
            Map.entry("STKFLT", 16), Map.entry("CHLD", 17), Map.entry("CONT", 18), Map.entry("STOP", 19),
            Map.entry("TSTP", 20), Map.entry("TTIN", 21), Map.entry("TTOU", 22), Map.entry("URG", 23),
            Map.entry("XCPU", 24), Map.entry("XFSZ", 25), Map.entry("VTALRM", 26), Map.entry("PROF", 27),
            Map.entry("WINCH", 28), Map.entry("IO", 29), Map.entry("POLL", 29), Map.entry("PWR", 30),
            Map.entry("SYS", 31));

    private Signals() {
    }

    /** The signal's number; blank gives {@code defaultSignal}; anything unknown is INVALID_ARGUMENT. */
    public static int parse(String signal, int defaultSignal) {
        if (signal == null || signal.isBlank()) {
            return defaultSignal;
        }
        String text = signal.trim();
        if (text.chars().allMatch(Character::isDigit)) {
            try {
                int number = Integer.parseInt(text);
                if (number >= 1 && number <= 64) {
                    return number;
                }
            } catch (NumberFormatException e) {
                // falls through to the error
            }
            throw BerthException.invalid("Invalid signal: " + signal);
        }
        String name = text.toUpperCase(Locale.ROOT);
        if (name.startsWith("SIG")) {
            name = name.substring(3);
        }
        Integer number = NUMBERS.get(name);
        if (number != null) {
            return number;
        }
        if (name.startsWith("RTMIN") || name.startsWith("RTMAX")) {
            return realtime(name, signal);
        }
        throw BerthException.invalid("Invalid signal: " + signal);
    }

    private static int realtime(String name, String original) {
        int base = name.startsWith("RTMIN") ? 34 : 64;
        String rest = name.substring(5);
        if (rest.isEmpty()) {
            return base;
        }
        try {
            int offset = Integer.parseInt(rest);
            int number = base + offset;
            if (number >= 34 && number <= 64) {
                return number;
            }
        } catch (NumberFormatException e) {
            // falls through
        }
        throw BerthException.invalid("Invalid signal: " + original);
    }
}
