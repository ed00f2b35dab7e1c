package dev.berth.container.lifecycle;

/** Docker's wording and exit code for a start the runtime refused. */
public final class StartFailure {

    private StartFailure() {
    }

    /** Docker's full text around runc's message. */
    public static String dockerMessage(String runcText) {
        return "failed to create task for container: failed to create shim task: OCI runtime create failed: "
                + runcText + ": unknown";
    }

    /** 127 command not found, 126 command not runnable, else 128 (as dockerd decides). */
    public static int exitCode(String message) {
        if (message.contains("executable file not found") || message.contains("no such file or directory")) {
            return 127;
        }
        if (message.contains("permission denied") || message.contains("is a directory")) {
            return 126;
        }
        return 128;
    }
}
