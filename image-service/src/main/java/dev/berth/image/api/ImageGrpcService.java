package dev.berth.image.api;

import dev.berth.common.error.GrpcStatuses;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import dev.berth.common.time.ProtoTimes;
import dev.berth.image.history.HistoryStep;
import dev.berth.image.remove.ImageUse;
import dev.berth.image.remove.PruneReport;
import dev.berth.proto.v1.HistoryItem;
import dev.berth.proto.v1.ImageHistoryResponse;
import dev.berth.proto.v1.LoginRequest;
import dev.berth.proto.v1.LoginResponse;
import dev.berth.proto.v1.PruneBuildCacheRequest;
import dev.berth.proto.v1.PruneBuildCacheResponse;
import dev.berth.proto.v1.PruneImagesRequest;
import dev.berth.proto.v1.SaveImagesRequest;
import dev.berth.proto.v1.LoadImagesRequest;
import dev.berth.proto.v1.LoadImagesResponse;
import dev.berth.proto.v1.PushImageRequest;
import dev.berth.proto.v1.PushProgress;
import dev.berth.proto.v1.PruneImagesResponse;
import dev.berth.proto.v1.RemoveImageRequest;
import dev.berth.proto.v1.RemoveImageResponse;
import dev.berth.proto.v1.TagImageRequest;

import dev.berth.image.catalog.ImageCatalog;
import dev.berth.image.catalog.ImageFilters;
import dev.berth.common.digest.Digest;
import dev.berth.image.content.Provider;
import dev.berth.image.importer.ImageImporter;
import dev.berth.image.importer.StagingArea;
import dev.berth.image.pull.ImagePuller;
import dev.berth.proto.v1.BlobChunk;
import dev.berth.proto.v1.Filter;
import dev.berth.proto.v1.GetImageRequest;
import dev.berth.proto.v1.CachedStep;
import dev.berth.proto.v1.CachedStepQuery;
import dev.berth.proto.v1.CommitImageRequest;
import dev.berth.proto.v1.Image;
import dev.berth.proto.v1.ImageServiceGrpc;
import dev.berth.proto.v1.ImportImageRequest;
import dev.berth.proto.v1.ListImagesRequest;
import dev.berth.proto.v1.ListImagesResponse;
import dev.berth.proto.v1.PullImageMessage;
import dev.berth.proto.v1.PullProgress;
import dev.berth.proto.v1.ReadBlobRequest;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import jakarta.annotation.PreDestroy;

/** The ImageService gRPC adapter: translation only, over the catalog, importer, puller and content store. */
public final class ImageGrpcService extends ImageServiceGrpc.ImageServiceImplBase {

    private final ImageCatalog catalog;
    private final ImageImporter importer;
    private final ImagePuller puller;
    private final Provider content;
    private final StagingArea staging;
    private final ImageOperations operations;
    /** Threads for what runs long beside a call: pulls, and blobs read as a download writes them. */
    private final ExecutorService streams = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "image-stream");
        thread.setDaemon(true);
        return thread;
    });

    public ImageGrpcService(ImageCatalog catalog, ImageImporter importer, ImagePuller puller, Provider content,
            StagingArea staging, ImageOperations operations) {
        this.catalog = catalog;
        this.importer = importer;
        this.puller = puller;
        this.content = content;
        this.staging = staging;
        this.operations = operations;
    }

    @Override
    public StreamObserver<ImportImageRequest> importImage(StreamObserver<Image> responses) {
        return new ImportUpload(importer, catalog, staging, operations.collector(), responses, streams);
    }

    @Override
    public StreamObserver<CommitImageRequest> commitImage(StreamObserver<Image> responses) {
        return new CommitUpload(operations.committer(), catalog, staging, operations.collector(), responses, streams);
    }

    @Override
    public void findCachedStep(CachedStepQuery request, StreamObserver<CachedStep> responses) {
        answer(responses, () -> CachedStep.newBuilder().setImageId(operations.committer()
                .cached(request.getParent(), request.getCacheKey()).map(image -> image.id().toString()).orElse(""))
                .build());
    }

    @Override
    public StreamObserver<PullImageMessage> pullImage(StreamObserver<PullProgress> responses) {
        return new PullCall(puller, operations.collector(), streams, responses);
    }

    @Override
    public void pushImage(PushImageRequest request, StreamObserver<PushProgress> responses) {
        PushProgressSender progress = new PushProgressSender((ServerCallStreamObserver<PushProgress>) responses);
        try {
            operations.pusher().push(request.getName(), request.getTag(), request.getRegistryAuth(), progress);
            progress.finish();
        } catch (RuntimeException e) {
            progress.fail(GrpcStatuses.toStatus(e));
        }
    }

    @Override
    public void saveImages(SaveImagesRequest request, StreamObserver<BlobChunk> responses) {
        try {
            // every name resolves before the first byte: an unknown one is the call's status
            SaveStreamer.stream(operations.saver().prepare(request.getNamesList()),
                    (ServerCallStreamObserver<BlobChunk>) responses, streams);
        } catch (IOException | RuntimeException e) {
            responses.onError(GrpcStatuses.toStatus(e));
        }
    }

    @Override
    public StreamObserver<LoadImagesRequest> loadImages(StreamObserver<LoadImagesResponse> responses) {
        return new LoadUpload(operations.loader(), staging, responses);
    }

    @Override
    public void tagImage(TagImageRequest request, StreamObserver<Image> responses) {
        answer(responses, () -> {
            Digest id = operations.tagger().tag(request.getSource(), request.getRepo(), request.getTag());
            return ImageProtoMapper.toProto(catalog.resolve(id.toString()));
        });
    }

    @Override
    public void removeImage(RemoveImageRequest request, StreamObserver<RemoveImageResponse> responses) {
        answer(responses, () -> {
            List<ImageUse> users = request.getUsersList().stream()
                    .map(user -> new ImageUse(user.getContainerId(), user.getRunning())).toList();
            return RemoveImageResponse.newBuilder().addAllItems(DeleteItemMapper.toProto(
                    operations.remover().remove(request.getReference(), request.getForce(), users))).build();
        });
    }

    @Override
    public void pruneImages(PruneImagesRequest request, StreamObserver<PruneImagesResponse> responses) {
        answer(responses, () -> {
            Set<Digest> used = request.getUsedImageIdsList().stream().map(Digest::parse).collect(Collectors.toSet());
            PruneReport report = operations.pruner().prune(filters(request.getFiltersList()), used);
            return PruneImagesResponse.newBuilder().addAllImagesDeleted(DeleteItemMapper.toProto(report.deleted()))
                    .setSpaceReclaimed(report.spaceReclaimed()).build();
        });
    }

    @Override
    public void pruneBuildCache(PruneBuildCacheRequest request, StreamObserver<PruneBuildCacheResponse> responses) {
        answer(responses, () -> {
            Set<Digest> used = request.getUsedImageIdsList().stream().map(Digest::parse).collect(Collectors.toSet());
            PruneReport report = operations.pruner().pruneBuildCache(request.getAll(), used);
            PruneBuildCacheResponse.Builder response = PruneBuildCacheResponse.newBuilder()
                    .setSpaceReclaimed(report.spaceReclaimed());
            report.deleted().forEach(item -> response.addCachesDeleted(item.deleted()));
            return response.build();
        });
    }

    @Override
    public void getImageHistory(GetImageRequest request, StreamObserver<ImageHistoryResponse> responses) {
        answer(responses, () -> {
            ImageHistoryResponse.Builder history = ImageHistoryResponse.newBuilder();
            for (HistoryStep step : operations.history().of(request.getReference())) {
                HistoryItem.Builder item = HistoryItem.newBuilder().setId(step.id()).setCreatedBy(step.createdBy())
                        .addAllTags(step.tags()).setSize(step.size()).setComment(step.comment());
                if (step.created() != null) {
                    item.setCreated(ProtoTimes.timestamp(step.created()));
                }
                history.addItems(item);
            }
            return history.build();
        });
    }

    @Override
    public void login(LoginRequest request, StreamObserver<LoginResponse> responses) {
        answer(responses, () -> {
            operations.login().login(request.getUsername(), request.getPassword(), request.getServerAddress());
            return LoginResponse.newBuilder().setStatus("Login Succeeded").build();
        });
    }

    /** A unary answer, or its failure as the call's status. */
    private static <T> void answer(StreamObserver<T> responses, Supplier<T> call) {
        T result;
        try {
            result = call.get();
        } catch (RuntimeException e) {
            responses.onError(GrpcStatuses.toStatus(e));
            return;
        }
        responses.onNext(result);
        responses.onCompleted();
    }

    @Override
    public void getImage(GetImageRequest request, StreamObserver<Image> responses) {
        try {
            Image image = ImageProtoMapper.toProto(catalog.resolve(request.getReference()));
            responses.onNext(image);
            responses.onCompleted();
        } catch (RuntimeException e) {
            responses.onError(GrpcStatuses.toStatus(e));
        }
    }

    @Override
    public void listImages(ListImagesRequest request, StreamObserver<ListImagesResponse> responses) {
        try {
            ListImagesResponse.Builder response = ListImagesResponse.newBuilder();
            catalog.list(ImageFilters.of(filters(request.getFiltersList())), request.getAll())
                    .forEach(image -> response.addImages(ImageProtoMapper.toProto(image)));
            responses.onNext(response.build());
            responses.onCompleted();
        } catch (RuntimeException e) {
            responses.onError(GrpcStatuses.toStatus(e));
        }
    }

    @Override
    public void readBlob(ReadBlobRequest request, StreamObserver<BlobChunk> responses) {
        try {
            Digest digest = Digest.parse(request.getDigest());
            InputStream blob = content.follow(digest);
            new BlobSender(blob, (ServerCallStreamObserver<BlobChunk>) responses).start(streams);
        } catch (RuntimeException e) {
            responses.onError(GrpcStatuses.toStatus(e));
        }
    }

    private static Map<String, List<String>> filters(List<Filter> filters) {
        Map<String, List<String>> byKey = new LinkedHashMap<>();
        for (Filter filter : filters) {
            byKey.computeIfAbsent(filter.getKey(), key -> new ArrayList<>()).addAll(filter.getValuesList());
        }
        return byKey;
    }

    @PreDestroy
    void close() {
        streams.shutdownNow();
    }
}
