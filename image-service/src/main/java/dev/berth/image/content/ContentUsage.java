package dev.berth.image.content;

/** Space accounting of a content store. */
public interface ContentUsage {

    /** Bytes held by committed blobs. */
    long totalBytes();
}
