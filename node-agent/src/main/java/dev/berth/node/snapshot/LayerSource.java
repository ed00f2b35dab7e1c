package dev.berth.node.snapshot;

import java.io.InputStream;
import java.util.List;

/** Where image layers come from (the image-service). */
public interface LayerSource {

    /** A layer as the image lists it. */
    record LayerRef(String digest, String diffId, String mediaType) {
    }

    /** The image's layers, bottom first; NOT_FOUND when the image is unknown. */
    List<LayerRef> layers(String imageId);

    /** The blob's bytes as stored (maybe compressed); the caller closes the stream. */
    InputStream openBlob(String digest);
}
