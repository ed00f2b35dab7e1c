package dev.berth.node.api;

import dev.berth.common.error.GrpcStatuses;
import com.google.protobuf.ByteString;
import dev.berth.node.attach.AttachSink;
import dev.berth.node.attach.OutputKind;
import dev.berth.common.error.BerthException;
import dev.berth.node.logs.LogReader;
import dev.berth.node.nativ.Native;
import dev.berth.node.state.Container;
import dev.berth.node.state.ContainerStore;
import dev.berth.proto.v1.AttachOpen;
import dev.berth.proto.v1.AttachRequest;
import dev.berth.proto.v1.AttachResponse;
import dev.berth.proto.v1.OutputChunk;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/** One Attach call: registers with the container's output hub, forwards stdin, resize and stdin close. */
final class AttachSession implements StreamObserver<AttachRequest>, AttachSink {

    private static final int O_WRONLY_NONBLOCK = 1 | 04000;
    private static final long READY_WAIT_NANOS = 10_000_000_000L;

    private final ServerCallStreamObserver<AttachResponse> responses;
    private final ContainerStore store;
    private final Executor stdinWriter;
    private CompletableFuture<Void> stdinQueue = CompletableFuture.completedFuture(null);
    private Container container;
    private boolean stdout;
    private boolean stderr;
    private boolean stdin;
    private boolean finished;

    AttachSession(ServerCallStreamObserver<AttachResponse> responses, ContainerStore store, Executor stdinWriter) {
        this.responses = responses;
        this.store = store;
        this.stdinWriter = stdinWriter;
        // Manual inbound flow control: the next client message is requested once stdin was written,
        // so a container that does not read its stdin slows the client instead of filling memory,
        // and the call's executor (which also runs onReady) never blocks on a socket write.
        responses.disableAutoRequest();
        responses.request(1);
        responses.setOnCancelHandler(this::detach);
        responses.setOnReadyHandler(this::readyForMore);
    }

    private synchronized void readyForMore() {
        notifyAll();
    }

    @Override
    public void onNext(AttachRequest request) {
        try {
            switch (request.getMessageCase()) {
                case OPEN -> {
                    open(request.getOpen());
                    responses.request(1);
                }
                case STDIN -> queueStdin(() -> {
                    if (stdin && container != null) {
                        container.hub().writeStdin(request.getStdin().toByteArray());
                    }
                });
                case CLOSE_STDIN -> queueStdin(() -> {
                    if (stdin && container != null && request.getCloseStdin()) {
                        container.hub().closeStdin();
                    }
                });
                case RESIZE -> {
                    resize(request.getResize().getRows(), request.getResize().getCols());
                    responses.request(1);
                }
                default -> responses.request(1);
            }
        } catch (RuntimeException e) {
            fail(e);
        }
    }

    private interface StdinAction {
        void run() throws IOException;
    }

    /** Stdin writes run in order off the call's executor; the next message is requested after each. */
    private void queueStdin(StdinAction action) {
        stdinQueue = stdinQueue.thenRunAsync(() -> {
            try {
                action.run();
                responses.request(1);
            } catch (IOException | RuntimeException e) {
                fail(e);
            }
        }, stdinWriter);
    }

    private synchronized void open(AttachOpen open) {
        if (container != null) {
            throw BerthException.invalid("attach already opened");
        }
        container = store.get(open.getContainerId());
        stdout = open.getStdout();
        stderr = open.getStderr();
        stdin = open.getStdin();
        // Registration, ready and the replay happen under this session's lock: live output waits behind them.
        boolean registered = open.getStream() && container.hub().register(this, container.state().isRunning());
        responses.onNext(AttachResponse.newBuilder().setReady(true).build());
        if (open.getLogs()) {
            replayLogs();
        }
        if (!registered) {
            finish();
        }
    }

    private void replayLogs() {
        try {
            LogReader.read(container.logFile(), new LogReader.Query(stdout, stderr, null, null, -1, false),
                    container.hub(), () -> false, () -> false, entry -> send(entry.stream(), entry.data()));
        } catch (IOException e) {
            throw BerthException.internal("cannot read logs: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public synchronized void output(OutputKind kind, byte[] data) {
        if ((kind == OutputKind.STDOUT && stdout) || (kind == OutputKind.STDERR && stderr)) {
            awaitReady();
            send(kind, data);
        }
    }

    /**
     * Back-pressure: a slow client slows the pump (and so the container's output, as on Docker)
     * instead of growing the agent's buffers; bounded so one stuck client cannot stall it forever.
     */
    private void awaitReady() {
        long deadline = System.nanoTime() + READY_WAIT_NANOS;
        try {
            while (!responses.isReady() && !responses.isCancelled() && !finished) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                wait(Math.max(1, left / 1_000_000));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void send(OutputKind kind, byte[] data) {
        if (finished || responses.isCancelled()) {
            return;
        }
        responses.onNext(AttachResponse.newBuilder().setOutput(OutputChunk.newBuilder()
                .setStream(ProtoMapper.stream(kind)).setData(ByteString.copyFrom(data))).build());
    }

    @Override
    public synchronized void end() {
        finish();
    }

    private void finish() {
        if (!finished) {
            finished = true;
            if (!responses.isCancelled()) {
                responses.onCompleted();
            }
        }
    }

    private synchronized void fail(Exception e) {
        detach();
        if (!finished) {
            finished = true;
            responses.onError(GrpcStatuses.toStatus(e));
        }
    }

    private void resize(int rows, int cols) {
        if (container == null || !container.state().isRunning()) {
            return;
        }
        String path = container.bundle().resolve("ctl").toString();
        int fd = Native.libc().open(path, O_WRONLY_NONBLOCK, 0);
        if (fd >= 0) {
            byte[] message = ("1 " + rows + " " + cols + "\n").getBytes(StandardCharsets.US_ASCII);
            Native.libc().write(fd, message, message.length);
            Native.libc().close(fd);
        }
    }

    private void detach() {
        Container current = container;
        if (current != null) {
            current.hub().unregister(this);
        }
    }

    @Override
    public void onError(Throwable t) {
        detach();
    }

    @Override
    public void onCompleted() {
        // The client has nothing more to send; output keeps flowing until the container's output ends.
    }
}
