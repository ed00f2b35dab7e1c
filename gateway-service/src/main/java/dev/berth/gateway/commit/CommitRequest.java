package dev.berth.gateway.commit;

import dev.berth.proto.v1.ImageConfig;
import java.util.List;

/**
 * A commit of a container's writable layer into an image.
 *
 * @param config    the new image's run config before {@code changes}
 * @param changes   Dockerfile instructions applied to it (docker commit -c)
 * @param pause     freeze a running container while its layer is read
 * @param createdBy the history entry's created_by
 * @param cacheKey  the build step the image is, for the build cache; empty for docker commit
 */
public record CommitRequest(String containerRef, String repo, String tag, String comment, String author,
        ImageConfig config, List<String> changes, boolean pause, String createdBy, String cacheKey) {

    public CommitRequest(String containerRef, String repo, String tag, String comment, String author,
            ImageConfig config, List<String> changes, boolean pause, String createdBy) {
        this(containerRef, repo, tag, comment, author, config, changes, pause, createdBy, "");
    }
}
