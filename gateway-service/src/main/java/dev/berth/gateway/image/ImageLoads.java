package dev.berth.gateway.image;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import dev.berth.proto.v1.ImageServiceGrpc;
import dev.berth.proto.v1.LoadHeader;
import dev.berth.proto.v1.LoadImagesRequest;
import dev.berth.proto.v1.LoadImagesResponse;
import org.springframework.stereotype.Component;

/**
 * docker load: the request body streamed into ImageService.LoadImages ({@link StreamedUpload}).
 */
@Component
class ImageLoads {

    private final ImageServiceGrpc.ImageServiceStub images;

    ImageLoads(ImageServiceGrpc.ImageServiceStub imageServiceAsync) {
        this.images = imageServiceAsync;
    }

    /** @return Docker's "Loaded image: ..." lines */
    List<String> load(boolean quiet, InputStream archive) throws IOException, InterruptedException {
        LoadImagesResponse loaded = StreamedUpload.upload(images::loadImages,
                LoadImagesRequest.newBuilder().setHeader(LoadHeader.newBuilder().setQuiet(quiet)).build(),
                chunk -> LoadImagesRequest.newBuilder().setChunk(chunk).build(), archive, "load");
        return loaded.getMessagesList();
    }
}
