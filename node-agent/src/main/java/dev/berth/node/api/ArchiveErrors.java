package dev.berth.node.api;

import dev.berth.common.error.BerthException;
import dev.berth.common.error.GrpcStatuses;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;

/** Failures of `docker cp`, diff and export as gRPC statuses, a missing file or container in Docker's words. */
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

    /**
     * For what works on a whole container (diff, export): an unknown container, or one whose files
     * went away with its removal meanwhile, is "No such container", named as the client named it.
     */
    static StatusRuntimeException forContainer(Throwable failure, String containerRef) {
        Throwable cause = failure instanceof UncheckedIOException unchecked ? unchecked.getCause() : failure;
        boolean unknown = cause instanceof BerthException berth && berth.kind() == BerthException.Kind.NOT_FOUND;
        if (unknown || cause instanceof NoSuchFileException) {
            return GrpcStatuses.toStatus(BerthException.notFound("No such container: " + containerRef));
        }
        if (cause instanceof IOException io) {
            return GrpcStatuses.toStatus(BerthException.internal(String.valueOf(io.getMessage()), io));
        }
        return GrpcStatuses.toStatus(cause);
    }
}
