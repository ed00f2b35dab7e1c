package dev.berth.image.api;

import java.util.Optional;
import java.util.concurrent.Executor;

import dev.berth.common.digest.Digest;
import dev.berth.common.error.BerthException;
import dev.berth.common.error.GrpcStatuses;
import dev.berth.image.gc.BlobCollector;
import dev.berth.image.pull.CallerUnpacks;
import dev.berth.image.pull.ImagePuller;
import dev.berth.image.pull.PullOutcome;
import dev.berth.proto.v1.LayerUnpacked;
import dev.berth.proto.v1.PullImageMessage;
import dev.berth.proto.v1.PullImageRequest;
import dev.berth.proto.v1.PullProgress;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;

/**
 * One PullImage call: its first message starts the pull on a thread of its own (a pull takes
 * seconds, and the caller's unpack reports must still be heard meanwhile); later messages are
 * those reports. A caller that leaves or half-closes before reporting every layer fails the pull,
 * which then records nothing.
 */
final class PullCall implements StreamObserver<PullImageMessage> {

    private final ImagePuller puller;
    private final BlobCollector collector;
    private final Executor pulls;
    private final ServerCallStreamObserver<PullProgress> responses;
    private final PullProgressSender progress;
    private final CallerUnpacks unpacks = new CallerUnpacks();
    private boolean started;

    PullCall(ImagePuller puller, BlobCollector collector, Executor pulls, StreamObserver<PullProgress> responses) {
        this.puller = puller;
        this.collector = collector;
        this.pulls = pulls;
        this.responses = (ServerCallStreamObserver<PullProgress>) responses;
        this.progress = new PullProgressSender(this.responses); // handlers are set before the first message
    }

    @Override
    public void onNext(PullImageMessage message) {
        switch (message.getMessageCase()) {
            case REQUEST -> start(message.getRequest());
            case UNPACKED -> report(message.getUnpacked());
            default -> { }
        }
    }

    private void start(PullImageRequest request) {
        if (started) {
            return;
        }
        started = true;
        Optional<CallerUnpacks> reported = request.getUnpackedByCaller() ? Optional.of(unpacks) : Optional.empty();
        pulls.execute(() -> {
            // the pull writes blobs before any image names them: no collection meanwhile
            try (BlobCollector.Lease lease = collector.lease()) {
                PullOutcome outcome = puller.pull(request.getReference(), request.getPlatform(),
                        request.getRegistryAuth(), progress, reported);
                progress.finish(outcome);
            } catch (RuntimeException e) {
                progress.fail(GrpcStatuses.toStatus(e));
                collector.collect(); // what the failed pull stored is garbage now
            }
        });
    }

    private void report(LayerUnpacked unpacked) {
        try {
            String diffId = unpacked.getMeasured().getDiffId();
            unpacks.report(Digest.parse(unpacked.getDigest()), diffId.isEmpty() ? null : Digest.parse(diffId),
                    unpacked.getMeasured().getSize());
        } catch (RuntimeException e) {
            unpacks.end(BerthException.invalid("bad unpack report: " + e.getMessage(), e));
        }
    }

    @Override
    public void onError(Throwable t) {
        unpacks.end(CallerUnpacks.unreported());
    }

    @Override
    public void onCompleted() {
        unpacks.end(CallerUnpacks.unreported());
        if (!started) {
            progress.fail(GrpcStatuses.toStatus(BerthException.invalid("a pull starts with its request")));
        }
    }
}
