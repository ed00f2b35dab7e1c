package dev.berth.gateway.stream;

import com.google.protobuf.ByteString;
import dev.berth.gateway.api.DockerApiException;
import dev.berth.gateway.api.GrpcErrors;
import dev.berth.gateway.backend.ReadyGate;
import dev.berth.proto.v1.AttachOpen;
import dev.berth.proto.v1.AttachRequest;
import dev.berth.proto.v1.AttachResponse;
import dev.berth.proto.v1.NodeAgentGrpc;
import dev.berth.proto.v1.TerminalSize;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;

import java.io.IOException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One attachment to a container through its node-agent. Output is queued from the moment the
 * node says `ready` (so nothing produced after that is lost while the client connection is still
 * being upgraded) and pumped to the client by {@link #pumpOutput}; at most {@link #WINDOW} chunks
 * wait in the queue, the rest is held back by gRPC flow control.
 */
final class AttachSession {

    private static final Logger log = LoggerFactory.getLogger(AttachSession.class);
    private static final int WINDOW = 16;
    private static final long READY_TIMEOUT_SECONDS = 30;
    private static final byte[] END = new byte[0];

    private final boolean tty;
    private final boolean stdin;
    private final boolean closeStdinAtEnd;
    private final DetachKeys detachKeys;
    private final BlockingQueue<byte[]> output = new LinkedBlockingQueue<>();
    private final CompletableFuture<Void> registered = new CompletableFuture<>();
    private volatile ClientCallStreamObserver<AttachRequest> requests;
    private volatile ReadyGate ready;
    private volatile boolean ended;
    private boolean requestsClosed;

    private AttachSession(boolean tty, boolean stdin, boolean closeStdinAtEnd, DetachKeys detachKeys) {
        this.tty = tty;
        this.stdin = stdin;
        this.closeStdinAtEnd = closeStdinAtEnd;
        this.detachKeys = detachKeys;
    }

    /**
     * Opens the node's attach stream and returns once the node has registered the attachment.
     * The client's end of input closes the container's stdin only where {@code closeStdinAtEnd}
     * (Docker's StdinOnce; always for an exec); {@code detachKeys} end the attachment alone.
     */
    static AttachSession open(NodeAgentGrpc.NodeAgentStub node, AttachOpen open, boolean tty,
                              boolean closeStdinAtEnd, DetachKeys detachKeys) {
        AttachSession session = new AttachSession(tty, open.getStdin(), closeStdinAtEnd, detachKeys);
        node.attach(session.new NodeObserver());
        session.requests.request(WINDOW);
        session.send(AttachRequest.newBuilder().setOpen(open).build());
        try {
            session.registered.get(READY_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw GrpcErrors.toDocker(e.getCause());
        } catch (TimeoutException | InterruptedException e) {
            session.cancel();
            throw new DockerApiException(HttpStatus.INTERNAL_SERVER_ERROR,
                    "node-agent did not accept the attachment to " + open.getContainerId());
        }
        return session;
    }

    /** Copies output to the client until the node's stream ends, then closes the client side. */
    void pumpOutput(RawSocket client) {
        try {
            for (byte[] chunk = output.take(); chunk != END; chunk = output.take()) {
                client.write(chunk);
                requests.request(1);
            }
        } catch (IOException e) {
            log.debug("attach client went away: {}", e.toString());
            cancel();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cancel();
        } finally {
            client.close();
        }
    }

    /**
     * Copies the client's bytes to the container's stdin. The client's end of stream closes stdin
     * where the attachment owns it (StdinOnce, or an exec, without a TTY) and ends the attachment
     * otherwise. The detach keys end the attachment and leave stdin open.
     */
    void pumpInput(RawSocket client) {
        byte[] buffer = new byte[32 * 1024];
        try {
            for (int n = client.read(buffer); n >= 0; n = client.read(buffer)) {
                if (n > 0 && stdin) {
                    ready.await(this::ended);
                    ByteString data = detachKeys == null ? ByteString.copyFrom(buffer, 0, n)
                            : ByteString.copyFrom(detachKeys.filter(buffer, n));
                    if (!data.isEmpty()) {
                        send(AttachRequest.newBuilder().setStdin(data).build());
                    }
                    if (detachKeys != null && detachKeys.detached()) {
                        send(AttachRequest.newBuilder().setDetach(true).build());
                        return;
                    }
                }
            }
            if (!stdin) {
                return;
            }
            if (closeStdinAtEnd && !tty) {
                send(AttachRequest.newBuilder().setCloseStdin(true).build());
            } else {
                // Docker's rule: otherwise the client's end of input ends the attachment, and the
                // container's stdin stays open (the CLI half-closes so after its detach keys).
                send(AttachRequest.newBuilder().setDetach(true).build());
            }
        } catch (IOException e) {
            log.debug("attach client input ended: {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Passes the client's terminal size to the container's TTY. */
    void resize(int rows, int cols) {
        send(AttachRequest.newBuilder().setResize(TerminalSize.newBuilder().setRows(rows).setCols(cols)).build());
    }

    /** True once the node's stream has ended or the client went away. */
    boolean ended() {
        return ended;
    }

    boolean wantsInput() {
        return stdin;
    }

    void cancel() {
        ended = true;
        synchronized (this) {
            if (!requestsClosed) {
                requestsClosed = true;
                requests.cancel("client went away", null);
            }
        }
        output.offer(END);
    }

    private synchronized void send(AttachRequest request) {
        if (!requestsClosed) {
            requests.onNext(request);
        }
    }

    private synchronized void closeRequests() {
        if (!requestsClosed) {
            requestsClosed = true;
            requests.onCompleted();
        }
    }

    private final class NodeObserver implements ClientResponseObserver<AttachRequest, AttachResponse> {

        @Override
        public void beforeStart(ClientCallStreamObserver<AttachRequest> requestStream) {
            requests = requestStream;
            ready = new ReadyGate(requestStream);
            requestStream.disableAutoInboundFlowControl();
        }

        @Override
        public void onNext(AttachResponse response) {
            if (response.hasReady()) {
                registered.complete(null);
                requests.request(1);
            } else if (response.hasOutput()) {
                output.add(StreamFrames.encode(tty, response.getOutput().getStream(),
                        response.getOutput().getData().toByteArray()));
            }
        }

        @Override
        public void onError(Throwable t) {
            ready.open();
            if (!registered.completeExceptionally(t)) {
                log.debug("node attach stream failed: {}", t.toString());
            }
            ended = true;
            output.add(END);
        }

        @Override
        public void onCompleted() {
            registered.completeExceptionally(new IllegalStateException("attach ended before ready"));
            ready.open();
            ended = true;
            output.add(END);
            closeRequests();
        }
    }
}
