package dev.berth.container.api;

import java.util.function.Supplier;

import dev.berth.common.error.GrpcStatuses;
import io.grpc.stub.StreamObserver;

/** One answer or one error status for a unary gRPC call, for every service of container-service. */
public final class UnaryCalls {

    private UnaryCalls() {
    }

    public static <T> void unary(StreamObserver<T> response, Supplier<T> call) {
        T answer;
        try {
            answer = call.get();
        } catch (RuntimeException e) {
            response.onError(GrpcStatuses.toStatus(e));
            return;
        }
        response.onNext(answer);
        response.onCompleted();
    }
}
