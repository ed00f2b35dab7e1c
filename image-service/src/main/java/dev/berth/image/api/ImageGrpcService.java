package dev.berth.image.api;

import dev.berth.common.error.GrpcStatuses;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.berth.image.catalog.ImageCatalog;
import dev.berth.image.catalog.ImageFilters;
import dev.berth.common.digest.Digest;
import dev.berth.image.content.Provider;
import dev.berth.image.importer.ImageImporter;
import dev.berth.image.importer.StagingArea;
import dev.berth.image.pull.ImagePuller;
import dev.berth.image.pull.PullOutcome;
import dev.berth.proto.v1.BlobChunk;
import dev.berth.proto.v1.Filter;
import dev.berth.proto.v1.GetImageRequest;
import dev.berth.proto.v1.Image;
import dev.berth.proto.v1.ImageServiceGrpc;
import dev.berth.proto.v1.ImportImageRequest;
import dev.berth.proto.v1.ListImagesRequest;
import dev.berth.proto.v1.ListImagesResponse;
import dev.berth.proto.v1.PullImageRequest;
import dev.berth.proto.v1.PullProgress;
import dev.berth.proto.v1.ReadBlobRequest;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;

/** The ImageService gRPC adapter: translation only, over the catalog, importer, puller and content store. */
public final class ImageGrpcService extends ImageServiceGrpc.ImageServiceImplBase {

    private final ImageCatalog catalog;
    private final ImageImporter importer;
    private final ImagePuller puller;
    private final Provider content;
    private final StagingArea staging;

    public ImageGrpcService(ImageCatalog catalog, ImageImporter importer, ImagePuller puller, Provider content,
            StagingArea staging) {
        this.catalog = catalog;
        this.importer = importer;
        this.puller = puller;
        this.content = content;
        this.staging = staging;
    }

    @Override
    public StreamObserver<ImportImageRequest> importImage(StreamObserver<Image> responses) {
        return new ImportUpload(importer, catalog, staging, responses);
    }

    @Override
    public void pullImage(PullImageRequest request, StreamObserver<PullProgress> responses) {
        PullProgressSender progress = new PullProgressSender((ServerCallStreamObserver<PullProgress>) responses);
        try {
            PullOutcome outcome = puller.pull(request.getReference(), request.getPlatform(), request.getRegistryAuth(),
                    progress);
            progress.finish(outcome);
        } catch (RuntimeException e) {
            progress.fail(GrpcStatuses.toStatus(e));
        }
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
            catalog.list(ImageFilters.of(filters(request.getFiltersList())))
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
            InputStream blob = content.open(digest);
            new BlobSender(blob, (ServerCallStreamObserver<BlobChunk>) responses).start();
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
}
