package dev.berth.container.restart;

import dev.berth.container.events.SignalNumbers;
import dev.berth.container.store.StopIntent;

/** What a user's kill says of the next exit, as Docker reads it. */
public final class StopIntents {

    private StopIntents() {
    }

    /**
     * SIGKILL, or the container's stop signal (any signal when it has none), ends the restart
     * policy for the next exit; another signal only marks the container as stopped by the user.
     */
    public static StopIntent ofKill(String signal, String stopSignal) {
        String sent = signal.isEmpty() ? "9" : SignalNumbers.of(signal.trim());
        if (sent.equals("9") || stopSignal.isEmpty() || sent.equals(SignalNumbers.of(stopSignal.trim()))) {
            return StopIntent.STOPPED;
        }
        return StopIntent.MANUAL;
    }
}
