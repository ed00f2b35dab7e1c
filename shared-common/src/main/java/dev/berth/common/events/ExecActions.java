package dev.berth.common.events;

import java.util.List;

/**
 * Docker's actions of exec events: {@code exec_create} and {@code exec_start} carry the command
 * as the entrypoint, a space, and the arguments joined by spaces ("exec_create: sh -c exit 5";
 * "exec_start: true " for a command without arguments); {@code exec_die} carries none.
 */
public final class ExecActions {

    public static final String DIE = "exec_die";

    private ExecActions() {
    }

    public static String create(List<String> cmd) {
        return "exec_create: " + command(cmd);
    }

    public static String start(List<String> cmd) {
        return "exec_start: " + command(cmd);
    }

    private static String command(List<String> cmd) {
        if (cmd.isEmpty()) {
            return " ";
        }
        return cmd.get(0) + " " + String.join(" ", cmd.subList(1, cmd.size()));
    }
}
