package dev.berth.gateway.backend;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.ForwardingClientCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;

/**
 * Names the backend in UNAVAILABLE failures ("container-service at 127.0.0.1:9102 is unavailable"),
 * so a user who sees it in the docker CLI knows which service to look at.
 */
final class UnavailableNaming implements ClientInterceptor {

    private final String backend;

    UnavailableNaming(String service, String address) {
        this.backend = service + " at " + address;
    }

    @Override
    public <Q, A> ClientCall<Q, A> interceptCall(MethodDescriptor<Q, A> method, CallOptions options, Channel next) {
        return new ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(method, options)) {
            @Override
            public void start(Listener<A> listener, Metadata headers) {
                super.start(new ForwardingClientCallListener.SimpleForwardingClientCallListener<>(listener) {
                    @Override
                    public void onClose(Status status, Metadata trailers) {
                        super.onClose(status.getCode() == Status.Code.UNAVAILABLE
                                ? status.withDescription(backend + " is unavailable (" + status.getDescription() + ")")
                                : status, trailers);
                    }
                }, headers);
            }
        };
    }
}
