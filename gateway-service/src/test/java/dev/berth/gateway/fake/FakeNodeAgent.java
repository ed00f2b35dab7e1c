package dev.berth.gateway.fake;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import dev.berth.proto.v1.AttachOpen;
import dev.berth.proto.v1.AttachRequest;
import dev.berth.proto.v1.AttachResponse;
import dev.berth.proto.v1.LogEntry;
import dev.berth.proto.v1.NodeAgentGrpc;
import dev.berth.proto.v1.OutputChunk;
import dev.berth.proto.v1.OutputStream;
import dev.berth.proto.v1.ReadLogsRequest;
import io.grpc.stub.StreamObserver;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;

/** A node-agent whose attachments the test drives, and whose logs are a fixed list. */
public class FakeNodeAgent extends NodeAgentGrpc.NodeAgentImplBase {

    public final BlockingQueue<Attachment> attachments = new LinkedBlockingQueue<>();
    public final BlockingQueue<ReadLogsRequest> logRequests = new LinkedBlockingQueue<>();
    public final List<LogEntry> logs = new CopyOnWriteArrayList<>();

    /** One open attach stream: what the client sent, and a way to send output and end it. */
    public static final class Attachment {
        public volatile AttachOpen open;
        public final BlockingQueue<AttachRequest> received = new LinkedBlockingQueue<>();
        private final StreamObserver<AttachResponse> out;

        Attachment(StreamObserver<AttachResponse> out) {
            this.out = out;
        }

        public synchronized void output(OutputStream stream, String text) {
            out.onNext(AttachResponse.newBuilder().setOutput(OutputChunk.newBuilder()
                    .setStream(stream).setData(ByteString.copyFrom(text, StandardCharsets.UTF_8))).build());
        }

        public synchronized void end() {
            out.onCompleted();
        }
    }

    public static LogEntry entry(OutputStream stream, long seconds, int nanos, String text) {
        return LogEntry.newBuilder().setStream(stream)
                .setTime(Timestamp.newBuilder().setSeconds(seconds).setNanos(nanos))
                .setData(ByteString.copyFrom(text, StandardCharsets.UTF_8)).build();
    }

    @Override
    public StreamObserver<AttachRequest> attach(StreamObserver<AttachResponse> response) {
        Attachment attachment = new Attachment(response);
        return new StreamObserver<>() {
            @Override
            public void onNext(AttachRequest request) {
                if (request.hasOpen()) {
                    attachment.open = request.getOpen();
                    synchronized (attachment) {
                        response.onNext(AttachResponse.newBuilder().setReady(true).build());
                    }
                    attachments.add(attachment);
                } else {
                    attachment.received.add(request);
                }
            }

            @Override
            public void onError(Throwable t) {
            }

            @Override
            public void onCompleted() {
            }
        };
    }

    @Override
    public void readLogs(ReadLogsRequest request, StreamObserver<LogEntry> response) {
        logRequests.add(request);
        logs.stream()
                .filter(e -> e.getStream() == OutputStream.OUTPUT_STREAM_STDOUT ? request.getStdout() : request.getStderr())
                .forEach(response::onNext);
        response.onCompleted();
    }
}
