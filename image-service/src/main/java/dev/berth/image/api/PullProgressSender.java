package dev.berth.image.api;

import java.util.List;

import dev.berth.common.digest.Digest;
import dev.berth.image.pull.LayerPhase;
import dev.berth.image.pull.PullListener;
import dev.berth.image.pull.PullOutcome;
import dev.berth.image.registry.Descriptor;
import dev.berth.proto.v1.LayerProgress;
import dev.berth.proto.v1.LayerBlob;
import dev.berth.proto.v1.PullLayers;
import dev.berth.proto.v1.PullProgress;
import dev.berth.proto.v1.PullResult;
import dev.berth.proto.v1.PullStarted;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCallStreamObserver;

/**
 * A pull's progress onto its gRPC stream. Download threads report at once, and a stream observer
 * is not thread-safe: every send is serialised here. Once the caller has gone, events are dropped
 * and the pull runs to its end (its downloads serve the next pull).
 */
final class PullProgressSender implements PullListener {

    private final DroppingStream<PullProgress> stream;

    PullProgressSender(ServerCallStreamObserver<PullProgress> responses) {
        this.stream = new DroppingStream<>(responses);
    }

    @Override
    public void started(String repositoryPath, String tagOrDigest) {
        send(PullProgress.newBuilder().setStarted(PullStarted.newBuilder()
                .setRepository(repositoryPath).setTagOrDigest(tagOrDigest)).build());
    }

    @Override
    public void layers(List<Descriptor> layers, List<Digest> diffIds) {
        PullLayers.Builder event = PullLayers.newBuilder();
        for (int i = 0; i < layers.size(); i++) {
            event.addLayers(LayerBlob.newBuilder().setDigest(layers.get(i).digest().toString())
                    .setDiffId(diffIds.get(i).toString()).setMediaType(layers.get(i).mediaType()));
        }
        send(PullProgress.newBuilder().setLayers(event).build());
    }

    @Override
    public void layer(Digest layer, LayerPhase phase, long current, long total) {
        send(PullProgress.newBuilder().setLayer(LayerProgress.newBuilder()
                .setDigest(layer.toString())
                .setPhase(dev.berth.proto.v1.LayerPhase.valueOf(phase.name()))
                .setCurrent(current).setTotal(total)).build());
    }

    void finish(PullOutcome outcome) {
        send(PullProgress.newBuilder().setResult(PullResult.newBuilder()
                .setManifestDigest(outcome.manifestDigest().toString())
                .setUpToDate(outcome.upToDate())
                .setReference(outcome.reference())
                .setImageId(outcome.imageId().toString())).build());
        stream.complete();
    }

    void fail(StatusRuntimeException status) {
        stream.fail(status);
    }

    private void send(PullProgress event) {
        stream.send(event);
    }
}
