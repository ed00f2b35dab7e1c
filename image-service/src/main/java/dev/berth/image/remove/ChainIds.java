package dev.berth.image.remove;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import dev.berth.common.digest.Digest;
import dev.berth.image.store.ImageRecord;
import dev.berth.image.store.LayerRecord;

/**
 * Layer chain ids (OCI image-spec): the first is the bottom diff id, each next one the sha256 of
 * {@code "<parent chain id> <diff id>"}. Docker names the layers a delete frees by them.
 */
final class ChainIds {

    private ChainIds() {
    }

    /** Bottom layer first. */
    static List<Digest> of(ImageRecord image) {
        List<Digest> chain = new ArrayList<>();
        Digest parent = null;
        for (LayerRecord layer : image.layers()) {
            parent = parent == null ? layer.diffId()
                    : Digest.of((parent + " " + layer.diffId()).getBytes(StandardCharsets.US_ASCII));
            chain.add(parent);
        }
        return chain;
    }
}
