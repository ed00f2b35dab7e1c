package dev.berth.container.events;

import java.util.Locale;
import java.util.Map;

/** Docker's kill event names the signal by its Linux number ("15"); names are accepted with or without SIG. */
public final class SignalNumbers {

    private static final Map<String, Integer> LINUX = Map.ofEntries(
            Map.entry("HUP", 1), Map.entry("INT", 2), Map.entry("QUIT", 3), Map.entry("ILL", 4),
            Map.entry("TRAP", 5), Map.entry("ABRT", 6), Map.entry("IOT", 6), Map.entry("BUS", 7),
            Map.entry("FPE", 8), Map.entry("KILL", 9), Map.entry("USR1", 10), Map.entry("SEGV", 11),
            Map.entry("USR2", 12), Map.entry("PIPE", 13), Map.entry("ALRM", 14), Map.entry("TERM", 15),
            Map.entry("STKFLT", 16), Map.entry("CHLD", 17), Map.entry("CONT", 18), Map.entry("STOP", 19),
            Map.entry("TSTP", 20), Map.entry("TTIN", 21), Map.entry("TTOU", 22), Map.entry("URG", 23),
            Map.entry("XCPU", 24), Map.entry("XFSZ", 25), Map.entry("VTALRM", 26), Map.entry("PROF", 27),
            Map.entry("WINCH", 28), Map.entry("IO", 29), Map.entry("PWR", 30), Map.entry("SYS", 31));

    private SignalNumbers() {
    }

    /** The number as text; a number stays as given, an unknown name too. */
    public static String of(String signal) {
        String name = signal.toUpperCase(Locale.ROOT);
        if (name.startsWith("SIG")) {
            name = name.substring(3);
        }
        Integer number = LINUX.get(name);
        return number != null ? number.toString() : signal;
    }
}
