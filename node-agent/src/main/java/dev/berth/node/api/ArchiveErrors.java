package dev.berth.node.api;

import dev.berth.common.error.BerthException;
import dev.berth.common.error.GrpcStatuses;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;

/** Failures of `docker cp` as gRPC statuses, a missing file in Docker's words. */
final class ArchiveErrors {

    private ArchiveErrors() {
    }

    static StatusRuntimeException toStatus(Throwable failure, String path, String containerRef) {
        Throwable cause = failure instanceof UncheckedIOException unchecked ? unchecked.getCause() : failure;
        if (cause instanceof NoSuchFileException) {
            // Docker answers any "does not exist" met on the way with this text, naming the path asked for
            return GrpcStatuses.toStatus(BerthException.notFound(
                    "Could not find the file " + path + " in container " + containerRef));
        }
        if (cause instanceof IOException io) {
            return GrpcStatuses.toStatus(BerthException.internal(String.valueOf(io.getMessage()), io));
        }
        return GrpcStatuses.toStatus(cause);
    }
}
