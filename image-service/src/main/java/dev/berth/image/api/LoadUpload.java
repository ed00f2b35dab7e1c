package dev.berth.image.api;

import java.io.IOException;
import java.io.InputStream;

import com.google.protobuf.ByteString;

import dev.berth.image.archive.ImageLoader;
import dev.berth.image.importer.StagingArea;
import dev.berth.proto.v1.LoadHeader;
import dev.berth.proto.v1.LoadImagesRequest;
import dev.berth.proto.v1.LoadImagesResponse;
import io.grpc.stub.StreamObserver;

/** One LoadImages call: the archive staged, then loaded ({@link StagedUpload}). */
final class LoadUpload extends StagedUpload<LoadImagesRequest, LoadHeader, LoadImagesResponse> {

    private final ImageLoader loader;

    LoadUpload(ImageLoader loader, StagingArea staging, StreamObserver<LoadImagesResponse> responses) {
        super("LoadImages", staging, responses);
        this.loader = loader;
    }

    @Override
    LoadHeader headerOf(LoadImagesRequest request) {
        return request.hasHeader() ? request.getHeader() : null;
    }

    @Override
    ByteString chunkOf(LoadImagesRequest request) {
        return request.getChunk();
    }

    @Override
    LoadImagesResponse process(LoadHeader header, InputStream archive) throws IOException {
        return LoadImagesResponse.newBuilder().addAllMessages(loader.load(archive)).build();
    }
}
