package dev.berth.image.api;

import dev.berth.common.digest.Digest;
import dev.berth.image.push.PushListener;
import dev.berth.image.push.PushPhase;
import dev.berth.proto.v1.PushLayerProgress;
import dev.berth.proto.v1.PushProgress;
import dev.berth.proto.v1.PushStarted;
import dev.berth.proto.v1.PushTagResult;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCallStreamObserver;

/**
 * A push's progress onto its gRPC stream, every send serialised. Once the caller has gone, events
 * are dropped; the push itself runs to its end.
 */
final class PushProgressSender implements PushListener {

    private final DroppingStream<PushProgress> stream;

    PushProgressSender(ServerCallStreamObserver<PushProgress> responses) {
        this.stream = new DroppingStream<>(responses);
    }

    @Override
    public void started(String repository) {
        send(PushProgress.newBuilder().setStarted(PushStarted.newBuilder().setRepository(repository)).build());
    }

    @Override
    public void layer(Digest diffId, PushPhase phase, long current, long total, String mountedFrom) {
        send(PushProgress.newBuilder().setLayer(PushLayerProgress.newBuilder()
                .setDiffId(diffId.toString())
                .setPhase(dev.berth.proto.v1.PushPhase.valueOf(phase.name()))
                .setCurrent(current).setTotal(total).setMountedFrom(mountedFrom)).build());
    }

    @Override
    public void tagPushed(String tag, Digest manifestDigest, long size) {
        send(PushProgress.newBuilder().setTagPushed(PushTagResult.newBuilder()
                .setTag(tag).setDigest(manifestDigest.toString()).setSize(size)).build());
    }

    void finish() {
        stream.complete();
    }

    void fail(StatusRuntimeException status) {
        stream.fail(status);
    }

    private void send(PushProgress event) {
        stream.send(event);
    }
}
