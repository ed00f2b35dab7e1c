package dev.berth.image.pull;

import dev.berth.common.digest.Digest;

/**
 * How a pull ended.
 *
 * @param manifestDigest the manifest (or index) the reference names: Docker's "Digest:" line
 * @param upToDate       the tag already named this image: "Image is up to date"
 * @param reference      the reference as Docker prints it, e.g. {@code 127.0.0.1:5000/x/y:t}
 * @param imageId        the config digest
 */
public record PullOutcome(Digest manifestDigest, boolean upToDate, String reference, Digest imageId) {
}
