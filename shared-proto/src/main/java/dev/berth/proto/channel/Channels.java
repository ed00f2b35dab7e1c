package dev.berth.proto.channel;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ConnectivityState;
import io.grpc.ForwardingClientCall;
import io.grpc.ForwardingClientCallListener;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;

import org.springframework.grpc.client.ChannelBuilderOptions;
import org.springframework.grpc.client.GrpcChannelFactory;

/**
 * Channels between Berth's services, made by spring-grpc's {@link GrpcChannelFactory} (so its
 * configuration, credentials and global interceptors apply), with one interceptor of ours for
 * two habits gRPC lacks by default:
 * <ul>
 * <li>A peer that cannot be reached is named in the UNAVAILABLE status ("node-agent at
 * 127.0.0.1:9103 is unavailable (...)"), so the user learns which service is down. Only
 * failures of this channel's own transport are named: an UNAVAILABLE that the peer itself
 * answered (relaying a third service's outage) passes through unchanged.</li>
 * <li>gRPC retries a lost peer after a backoff that grows to minutes, so a service back after
 * a long outage would stay unreachable long after it is up: a call that starts on, or fails
 * with, an unreachable peer makes the channel retry at once.</li>
 * </ul>
 */
public final class Channels {

    private static final Duration RECONNECT_WAIT = Duration.ofSeconds(1);

    private Channels() {
    }

    /**
     * A channel to {@code target} of the service called {@code peer}: a host:port, or the name
     * of a channel configured under {@code spring.grpc.client.channels}.
     */
    public static ManagedChannel create(GrpcChannelFactory factory, String peer, String target) {
        AtomicReference<ManagedChannel> self = new AtomicReference<>();
        PeerHealth health = new PeerHealth(peer, self);
        ManagedChannel channel = factory.createChannel(target,
                ChannelBuilderOptions.defaults().withInterceptors(List.of(health)));
        self.set(channel);
        return channel;
    }

    private static final class PeerHealth implements ClientInterceptor {

        private final String peer;
        private final AtomicReference<ManagedChannel> channel;

        PeerHealth(String peer, AtomicReference<ManagedChannel> channel) {
            this.peer = peer;
            this.channel = channel;
        }

        @Override
        public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
            ManagedChannel managed = channel.get();
            if (managed.getState(false) == ConnectivityState.TRANSIENT_FAILURE) {
                reconnectNow(managed);
            }
            return new ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(method, options)) {
                @Override
                public void start(Listener<R> listener, Metadata headers) {
                    super.start(new ForwardingClientCallListener.SimpleForwardingClientCallListener<>(listener) {
                        @Override
                        public void onClose(Status status, Metadata trailers) {
                            super.onClose(named(status, managed), trailers);
                        }
                    }, headers);
                }
            };
        }

        /**
         * A call started in TRANSIENT_FAILURE fails at once, even when the peer is back: have
         * the channel reconnect, and wait (briefly) until it is CONNECTING, where calls are
         * held until the connection is up or fails.
         */
        private static void reconnectNow(ManagedChannel managed) {
            CountDownLatch left = new CountDownLatch(1);
            managed.notifyWhenStateChanged(ConnectivityState.TRANSIENT_FAILURE, left::countDown);
            managed.resetConnectBackoff();
            try {
                left.await(RECONNECT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private Status named(Status status, ManagedChannel managed) {
            // The transport's own failures carry their cause; statuses the peer sent carry none.
            if (status.getCode() != Status.Code.UNAVAILABLE || status.getCause() == null) {
                return status;
            }
            managed.resetConnectBackoff();
            return status.withDescription(peer + " at " + managed.authority() + " is unavailable ("
                    + status.getDescription() + ")");
        }
    }
}
