package dev.berth.container.restart;

import java.util.Locale;
import java.util.Map;

import dev.berth.container.store.StopIntent;

/** What a user's kill says of the next exit, as Docker reads it. */
public final class StopIntents {

    private static final Map<String, String> NUMBERS = Map.of("1", "HUP", "2", "INT", "3", "QUIT", "6", "ABRT",
            "9", "KILL", "10", "USR1", "12", "USR2", "14", "ALRM", "15", "TERM");

    private StopIntents() {
    }

    /**
     * SIGKILL, or the container's stop signal (any signal when it has none), ends the restart
     * policy for the next exit; another signal only marks the container as stopped by the user.
     */
    public static StopIntent ofKill(String signal, String stopSignal) {
        String sent = signal.isEmpty() ? "KILL" : canonical(signal);
        if (sent.equals("KILL") || stopSignal.isEmpty() || sent.equals(canonical(stopSignal))) {
            return StopIntent.STOPPED;
        }
        return StopIntent.MANUAL;
    }

    static String canonical(String signal) {
        String upper = signal.trim().toUpperCase(Locale.ROOT);
        String name = upper.startsWith("SIG") ? upper.substring(3) : upper;
        return NUMBERS.getOrDefault(name, name);
    }
}
