package dev.berth.container.lifecycle;

import java.time.OffsetDateTime;

import dev.berth.container.store.Times;
import dev.berth.proto.v1.NodeExit;

/**
 * How the main process of one run ended; {@code runId} is the node's id of that run. A lost
 * exit code (monitor gone, no exit file) is recorded as 255 with an error saying so: the code
 * is unknown, and Docker uses 255 for "exited abnormally".
 */
public record Exit(long runId, int code, OffsetDateTime finishedAt, boolean oomKilled, String error) {

    public static final int LOST_CODE = 255;
    public static final String LOST_ERROR = "exit code lost: the container's monitor disappeared";

    public static Exit fromNode(NodeExit exit) {
        OffsetDateTime at = Times.fromProtoOrNow(exit.getFinishedAt());
        if (exit.getExitCodeLost()) {
            return lost(exit.getRunId(), at);
        }
        return new Exit(exit.getRunId(), exit.getExitCode(), at, exit.getOomKilled(), "");
    }

    public static Exit lost(long runId, OffsetDateTime at) {
        return new Exit(runId, LOST_CODE, at, false, LOST_ERROR);
    }
}
