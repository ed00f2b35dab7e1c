package dev.berth.image.importer;

import java.util.List;
import java.util.Optional;

import dev.berth.common.error.BerthException;
import dev.berth.image.reference.ImageReference;
import dev.berth.image.spec.RunConfig;

/**
 * What a commit (docker commit, a build step) asks for besides the layer.
 *
 * @param parent     the image id or reference built on; empty for none (FROM scratch)
 * @param config     the new image's run config before {@code changes}
 * @param changes    Dockerfile instructions applied to the config (docker commit -c)
 * @param createdBy  the history entry's created_by
 * @param emptyLayer whether the step made no layer (it changed the config only)
 * @param cacheKey   the build step, for the builder's cache; empty for a docker commit
 */
public record CommitOptions(String parent, RunConfig config, List<String> changes, String comment, String author,
        Optional<ImageReference> tag, String createdBy, boolean emptyLayer, String cacheKey) {

    public CommitOptions(String parent, RunConfig config, List<String> changes, String comment, String author,
            Optional<ImageReference> tag, String createdBy, boolean emptyLayer) {
        this(parent, config, changes, comment, author, tag, createdBy, emptyLayer, "");
    }

    public CommitOptions {
        parent = parent == null ? "" : parent;
        changes = List.copyOf(changes);
        comment = comment == null ? "" : comment;
        author = author == null ? "" : author;
        createdBy = createdBy == null ? "" : createdBy;
        cacheKey = cacheKey == null ? "" : cacheKey;
    }

    /** Docker's commit parameters: {@code repo} may carry a tag itself; {@code tag} overrides it. */
    public static Optional<ImageReference> tagOf(String repo, String tag) {
        if (repo == null || repo.isEmpty()) {
            if (tag != null && !tag.isEmpty()) {
                throw BerthException.invalid("tag is invalid without a repository: " + tag);
            }
            return Optional.empty();
        }
        ImageReference reference = ImageReference.parseWithTag(repo, tag).withDefaultTag();
        if (reference.digest().isPresent()) {
            throw BerthException.invalid("cannot commit to digest reference");
        }
        return Optional.of(reference);
    }
}
