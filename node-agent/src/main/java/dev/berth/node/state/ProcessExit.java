package dev.berth.node.state;

import java.time.Instant;

/**
 * How one process under conmon ended. {@code code} is null when it is lost: conmon disappeared
 * without writing an exit file, and the node says so rather than invent one.
 */
public record ProcessExit(Integer code, Instant finishedAt, boolean oomKilled) {

    public static ProcessExit lost(Instant noticedAt) {
        return new ProcessExit(null, noticedAt, false);
    }

    public boolean codeLost() {
        return code == null;
    }
}
