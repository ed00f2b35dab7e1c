package dev.berth.gateway.image;

import dev.berth.proto.v1.Image;
import dev.berth.proto.v1.ImageServiceGrpc;
import dev.berth.proto.v1.ImportHeader;
import dev.berth.proto.v1.ImportImageRequest;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.InputStream;

/**
 * docker import: the tarball streamed into ImageService.ImportImage ({@link StreamedUpload}).
 */
@Component
class ImageImporter {

    private final ImageServiceGrpc.ImageServiceStub images;

    ImageImporter(ImageServiceGrpc.ImageServiceStub imageServiceAsync) {
        this.images = imageServiceAsync;
    }

    Image importTarball(ImportHeader header, InputStream tarball) throws IOException, InterruptedException {
        return StreamedUpload.upload(images::importImage, ImportImageRequest.newBuilder().setHeader(header).build(),
                chunk -> ImportImageRequest.newBuilder().setChunk(chunk).build(), tarball, "import");
    }
}
