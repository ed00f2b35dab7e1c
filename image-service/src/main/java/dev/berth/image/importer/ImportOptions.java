package dev.berth.image.importer;

import java.util.List;
import java.util.Optional;

import dev.berth.common.error.BerthException;
import dev.berth.image.reference.ImageReference;

/**
 * What {@code docker import} asks for besides the tarball.
 *
 * @param tag      the reference to tag the image with, if any
 * @param changes  Dockerfile instructions applied to the config
 * @param message  commit message; empty gives Docker's {@code Imported from -}
 * @param platform {@code os[/arch[/variant]]}, empty for the host
 */
public record ImportOptions(Optional<ImageReference> tag, List<String> changes, String message, String platform) {

    public ImportOptions {
        changes = List.copyOf(changes);
        message = message == null ? "" : message;
        platform = platform == null ? "" : platform;
    }

    /** Docker's import parameters: {@code repo} may carry a tag itself; {@code tag} overrides it. */
    public static ImportOptions of(String repo, String tag, List<String> changes, String message, String platform) {
        Optional<ImageReference> reference = repo == null || repo.isEmpty()
                ? Optional.empty()
                : Optional.of(ImageReference.parseWithTag(repo, tag).withDefaultTag());
        reference.flatMap(ImageReference::digest).ifPresent(digest -> {
            throw BerthException.invalid("cannot import digest reference");
        });
        return new ImportOptions(reference, changes, message, platform);
    }
}
