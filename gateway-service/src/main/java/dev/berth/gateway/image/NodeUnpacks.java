package dev.berth.gateway.image;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import dev.berth.proto.channel.BidiCall;
import dev.berth.proto.v1.ContainerServiceGrpc;
import dev.berth.proto.v1.LayerBlob;
import dev.berth.proto.v1.LayerPhase;
import dev.berth.proto.v1.LayerUnpacked;
import dev.berth.proto.v1.PrepareLayerRequest;
import dev.berth.proto.v1.PreparedLayer;
import dev.berth.proto.v1.PullImageMessage;
import dev.berth.proto.v1.PullProgress;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;

/**
 * A pull's events, with its layers unpacked on the nodes while they download: as soon as
 * image-service starts a layer's download (its first DOWNLOADING event, or DOWNLOAD_COMPLETE /
 * ALREADY_EXISTS for a blob it has), the layer goes to container-service (PrepareLayer), whose
 * nodes read the blob as it arrives. What the nodes measured goes back to image-service, which
 * records the image only when every layer matches its diff id. As with dockerd, a layer's "Pull
 * complete" comes once it is unpacked; an unpack that fails fails the pull, and nothing is recorded.
 */
final class NodeUnpacks implements Iterator<PullProgress> {

    private final BidiCall<PullImageMessage, PullProgress> call;
    private final ContainerServiceGrpc.ContainerServiceStub containers;
    private List<LayerBlob> layers = List.of();
    private final Map<Integer, CompletableFuture<PreparedLayer>> unpacks = new LinkedHashMap<>();
    private final Set<String> reported = new HashSet<>();
    private final Deque<PullProgress> ready = new ArrayDeque<>();
    private volatile StatusRuntimeException unpackFailure;

    NodeUnpacks(BidiCall<PullImageMessage, PullProgress> call, ContainerServiceGrpc.ContainerServiceStub containers) {
        this.call = call;
        this.containers = containers;
    }

    @Override
    public boolean hasNext() {
        while (ready.isEmpty()) {
            try {
                if (!call.hasNext()) {
                    return false;
                }
                take(call.next());
            } catch (StatusRuntimeException e) {
                // a failed unpack cancelled the call: its reason is the one to tell
                throw unpackFailure != null ? unpackFailure : e;
            }
        }
        return true;
    }

    @Override
    public PullProgress next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return ready.poll();
    }

    private void take(PullProgress event) {
        switch (event.getEventCase()) {
            case LAYERS -> layers = event.getLayers().getLayersList();
            case LAYER -> {
                LayerPhase phase = event.getLayer().getPhase();
                if (phase == LayerPhase.DOWNLOADING || phase == LayerPhase.DOWNLOAD_COMPLETE
                        || phase == LayerPhase.ALREADY_EXISTS) {
                    unpack(event.getLayer().getDigest());
                }
                ready.add(event);
            }
            case RESULT -> {
                awaitUnpacks(); // layers that already existed: image-service did not wait for those
                ready.add(event);
            }
            default -> ready.add(event);
        }
    }

    /** Every position of the blob in the image: the same blob twice is two snapshots. */
    private void unpack(String digest) {
        for (int index = 0; index < layers.size(); index++) {
            if (layers.get(index).getDigest().equals(digest) && !unpacks.containsKey(index)) {
                CompletableFuture<PreparedLayer> unpack =
                        prepare(PrepareLayerRequest.newBuilder().addAllLayers(layers).setIndex(index).build());
                unpack.whenComplete((measured, failure) -> {
                    if (failure == null) {
                        report(digest, measured);
                    } else {
                        unpackFailure = Status.fromThrowable(failure).asRuntimeException();
                        call.cancel("unpack failed", failure);
                    }
                });
                unpacks.put(index, unpack);
            }
        }
    }

    private void report(String digest, PreparedLayer measured) {
        synchronized (reported) {
            if (!reported.add(digest)) {
                return;
            }
        }
        call.send(PullImageMessage.newBuilder()
                .setUnpacked(LayerUnpacked.newBuilder().setDigest(digest).setMeasured(measured)).build());
    }

    private CompletableFuture<PreparedLayer> prepare(PrepareLayerRequest request) {
        CompletableFuture<PreparedLayer> done = new CompletableFuture<>();
        containers.prepareLayer(request, new StreamObserver<>() {
            @Override
            public void onNext(PreparedLayer value) {
                done.complete(value);
            }

            @Override
            public void onError(Throwable t) {
                done.completeExceptionally(t);
            }

            @Override
            public void onCompleted() {
                done.complete(PreparedLayer.getDefaultInstance()); // no-op when onNext came
            }
        });
        return done;
    }

    private void awaitUnpacks() {
        for (CompletableFuture<PreparedLayer> unpack : unpacks.values()) {
            try {
                unpack.join();
            } catch (CompletionException e) {
                throw Status.fromThrowable(e.getCause()).asRuntimeException();
            }
        }
    }
}
