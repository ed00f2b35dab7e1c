package dev.berth.image.registry;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

import dev.berth.common.digest.Digest;
import dev.berth.image.content.Provider;

/** Where a blob to push is read from; opened again if a request has to be repeated. */
@FunctionalInterface
public interface BlobSource {

    InputStream open() throws IOException;

    static BlobSource of(byte[] content) {
        return () -> new ByteArrayInputStream(content);
    }

    static BlobSource of(Provider provider, Digest digest) {
        return () -> provider.open(digest);
    }
}
