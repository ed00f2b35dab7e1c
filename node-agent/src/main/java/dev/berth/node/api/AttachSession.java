package dev.berth.node.api;

import com.google.protobuf.ByteString;
import dev.berth.common.error.BerthException;
import dev.berth.node.attach.AttachSink;
import dev.berth.node.attach.ClientOutbox;
import dev.berth.node.attach.OutputHub;
import dev.berth.node.exec.ExecService;
import dev.berth.node.attach.OutputKind;
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

/**
 * One Attach call: registers with the container's output hub, forwards stdin, resize and stdin
 * close. Output reaches the client through its own {@link ClientOutbox}: the output pump never
 * waits for this client, and a client too far behind is dropped alone.
 */
final class AttachSession implements StreamObserver<AttachRequest>, AttachSink {

    private static final int O_WRONLY_NONBLOCK = 1 | 04000;
    /** Logs replayed ahead of live output: the replay waits for the client beyond this. */
    static final long REPLAY_BUFFER_BYTES = 1 << 20;
    /** Live output one client may lag behind before it is dropped. */
    static final long LIVE_BUFFER_BYTES = 16 << 20;

    private final ServerCallStreamObserver<AttachResponse> responses;
    private final ContainerStore store;
    private final ExecService execs;
    private final Executor stdinWriter;
    private final Executor logReplays;
    private final ClientOutbox<AttachResponse> outbox;
    private CompletableFuture<Void> stdinQueue = CompletableFuture.completedFuture(null);
    private volatile Container container;
    /** Whose stdin and output: the container's main process, or the exec's. */
    private volatile OutputHub hub;
    private volatile String execId;
    private volatile boolean stdout;
    private volatile boolean stderr;
    private volatile boolean stdin;

    AttachSession(ServerCallStreamObserver<AttachResponse> responses, ContainerStore store, ExecService execs,
                  Executor stdinWriter, Executor logReplays) {
        this.responses = responses;
        this.store = store;
        this.execs = execs;
        this.stdinWriter = stdinWriter;
        this.logReplays = logReplays;
        this.outbox = GrpcClient.outbox(responses, AttachSession::size, REPLAY_BUFFER_BYTES, LIVE_BUFFER_BYTES);
        // Manual inbound flow control: the next client message is requested once stdin was written,
        // so a container that does not read its stdin slows the client instead of filling memory,
        // and the call's executor never blocks on a socket write.
        responses.disableAutoRequest();
        responses.request(1);
        responses.setOnCancelHandler(() -> {
            detach();
            outbox.cancel();
        });
    }

    private static int size(AttachResponse response) {
        return response.hasOutput() ? response.getOutput().getData().size() : 0;
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
                    if (stdin && hub != null) {
                        hub.writeStdin(request.getStdin().toByteArray());
                    }
                });
                case CLOSE_STDIN -> queueStdin(() -> {
                    if (stdin && hub != null && request.getCloseStdin()) {
                        hub.closeStdin();
                    }
                });
                case DETACH -> queueStdin(() -> {
                    detach();
                    outbox.close();
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

    private void open(AttachOpen open) {
        if (container != null || execId != null) {
            throw BerthException.invalid("attach already opened");
        }
        if (!open.getExecId().isEmpty()) {
            openExec(open);
            return;
        }
        Container opened = store.get(open.getContainerId());
        stdout = open.getStdout();
        stderr = open.getStderr();
        stdin = open.getStdin();
        container = opened;
        hub = opened.hub();
        // Live output registered from here waits in the outbox behind "ready" and the replay.
        boolean registered = open.getStream() && opened.hub().register(this, opened.state().isRunning());
        putBacklog(AttachResponse.newBuilder().setReady(true).build());
        if (open.getLogs()) {
            logReplays.execute(() -> {
                replayLogs(opened);
                endBacklog(registered);
            });
        } else {
            endBacklog(registered);
        }
    }

    /** Starts the exec with this session attached; `ready` once it runs, its error if it cannot. */
    private void openExec(AttachOpen open) {
        stdout = open.getStdout();
        stderr = open.getStderr();
        stdin = open.getStdin();
        execId = open.getExecId();
        execs.startAttached(execId, this).whenComplete((started, failure) -> {
            if (failure != null) {
                fail(failure instanceof Exception e ? e : new RuntimeException(failure));
                return;
            }
            hub = started;
            putBacklog(AttachResponse.newBuilder().setReady(true).build());
            outbox.backlogDone();
        });
    }

    private void endBacklog(boolean registered) {
        outbox.backlogDone();
        if (!registered) {
            outbox.close();
        }
    }

    /** On a thread of its own: waits for the client as it needs to, holding up nobody else. */
    private void replayLogs(Container opened) {
        try {
            LogReader.read(opened.logFile(), new LogReader.Query(stdout, stderr, null, null, -1, false),
                    opened.hub(), () -> false, outbox::isFinished,
                    entry -> outbox.putBacklog(chunk(entry.stream(), entry.data())));
        } catch (IOException e) {
            fail(BerthException.internal("cannot read logs: " + e.getMessage(), e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            outbox.cancel();
        }
    }

    private void putBacklog(AttachResponse response) {
        try {
            outbox.putBacklog(response);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            outbox.cancel();
        }
    }

    @Override
    public void output(OutputKind kind, byte[] data) {
        if ((kind == OutputKind.STDOUT && stdout) || (kind == OutputKind.STDERR && stderr)) {
            if (!outbox.offer(chunk(kind, data))) {
                detach();
            }
        }
    }

    private static AttachResponse chunk(OutputKind kind, byte[] data) {
        return AttachResponse.newBuilder().setOutput(OutputChunk.newBuilder()
                .setStream(ProtoMapper.stream(kind)).setData(ByteString.copyFrom(data))).build();
    }

    @Override
    public void end() {
        outbox.close();
    }

    private void fail(Exception e) {
        detach();
        outbox.fail(e);
    }

    private void resize(int rows, int cols) {
        if (execId != null) {
            execs.resize(execId, rows, cols);
            return;
        }
        Container current = container;
        if (current == null || !current.state().isRunning()) {
            return;
        }
        String path = current.bundle().resolve("ctl").toString();
        int fd = Native.libc().open(path, O_WRONLY_NONBLOCK, 0);
        if (fd >= 0) {
            byte[] message = ("1 " + rows + " " + cols + "\n").getBytes(StandardCharsets.US_ASCII);
            Native.libc().write(fd, message, message.length);
            Native.libc().close(fd);
        }
    }

    private void detach() {
        OutputHub current = hub;
        if (current != null) {
            current.unregister(this);
        }
    }

    @Override
    public void onError(Throwable t) {
        detach();
        outbox.cancel();
    }

    @Override
    public void onCompleted() {
        // The client has nothing more to send; output keeps flowing until the container's output ends.
    }
}
