package dev.berth.container.lifecycle;

import java.time.OffsetDateTime;

import dev.berth.container.store.Times;
import dev.berth.proto.v1.NodeExit;

/**
 * How a process ended. A lost exit code (monitor gone, no exit file) is recorded as 255 with
 * an error saying so: the code is unknown, and Docker uses 255 for "exited abnormally".
 */
public record Exit(int code, OffsetDateTime finishedAt, boolean oomKilled, String error) {

    public static final int LOST_CODE = 255;
    public static final String LOST_ERROR = "exit code lost: the container's monitor disappeared";

    public static Exit fromNode(NodeExit exit) {
        OffsetDateTime at = Times.fromProtoOrNow(exit.getFinishedAt());
        if (exit.getExitCodeLost()) {
            return lost(at);
        }
        return new Exit(exit.getExitCode(), at, exit.getOomKilled(), "");
    }

    public static Exit lost(OffsetDateTime at) {
        return new Exit(LOST_CODE, at, false, LOST_ERROR);
    }
}
