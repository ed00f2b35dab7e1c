package dev.berth.gateway.image;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import com.google.protobuf.Empty;

import dev.berth.proto.v1.ContainerServiceGrpc;
import dev.berth.proto.v1.LayerBlob;
import dev.berth.proto.v1.LayerPhase;
import dev.berth.proto.v1.PrepareLayerRequest;
import dev.berth.proto.v1.PullProgress;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;

/**
 * A pull's events, with its layers unpacked on the nodes as they arrive: each layer is handed to
 * container-service (PrepareLayer) as soon as image-service has it, while the others still
 * download. As with dockerd, a layer's "Pull complete" and the pull's last lines wait until it is
 * unpacked; an unpack that fails fails the pull.
 */
final class NodeUnpacks implements Iterator<PullProgress> {

    private final Iterator<PullProgress> events;
    private final ContainerServiceGrpc.ContainerServiceStub containers;
    private List<LayerBlob> layers = List.of();
    private final Map<Integer, CompletableFuture<Empty>> unpacks = new LinkedHashMap<>();
    private final List<PullProgress> held = new ArrayList<>();
    private final Deque<PullProgress> ready = new ArrayDeque<>();

    NodeUnpacks(Iterator<PullProgress> events, ContainerServiceGrpc.ContainerServiceStub containers) {
        this.events = events;
        this.containers = containers;
    }

    @Override
    public boolean hasNext() {
        while (ready.isEmpty()) {
            if (!events.hasNext()) {
                return false;
            }
            take(events.next());
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
                if (phase == LayerPhase.DOWNLOAD_COMPLETE || phase == LayerPhase.ALREADY_EXISTS) {
                    unpack(event.getLayer().getDigest());
                }
                if (phase == LayerPhase.PULL_COMPLETE && !layers.isEmpty()) {
                    held.add(event);
                } else {
                    ready.add(event);
                }
            }
            case RESULT -> {
                awaitUnpacks();
                ready.addAll(held);
                held.clear();
                ready.add(event);
            }
            default -> ready.add(event);
        }
    }

    /** Every position of the blob in the image: the same blob twice is two snapshots. */
    private void unpack(String digest) {
        for (int index = 0; index < layers.size(); index++) {
            if (layers.get(index).getDigest().equals(digest) && !unpacks.containsKey(index)) {
                unpacks.put(index, prepare(PrepareLayerRequest.newBuilder().addAllLayers(layers).setIndex(index).build()));
            }
        }
    }

    private CompletableFuture<Empty> prepare(PrepareLayerRequest request) {
        CompletableFuture<Empty> done = new CompletableFuture<>();
        containers.prepareLayer(request, new StreamObserver<>() {
            @Override
            public void onNext(Empty value) {
            }

            @Override
            public void onError(Throwable t) {
                done.completeExceptionally(t);
            }

            @Override
            public void onCompleted() {
                done.complete(Empty.getDefaultInstance());
            }
        });
        return done;
    }

    private void awaitUnpacks() {
        for (CompletableFuture<Empty> unpack : unpacks.values()) {
            try {
                unpack.join();
            } catch (CompletionException e) {
                throw Status.fromThrowable(e.getCause()).asRuntimeException();
            }
        }
    }
}
