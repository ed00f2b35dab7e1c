package dev.berth.image.registry;

import dev.berth.image.reference.ImageReference;

/**
 * Where an image lives: the registry as users name it ({@code docker.io}, {@code 127.0.0.1:5000})
 * and the repository path on it ({@code library/busybox}). Candidates for {@link ImageReference}.
 */
record Repository(String registry, String path) {

    private static final String DOCKER_HUB_API_HOST = "registry-1.docker.io";

    static Repository of(ImageReference reference) {
        return new Repository(reference.domain(), reference.path());
    }

    boolean isDockerHub() {
        return registry.equals(ImageReference.DEFAULT_DOMAIN);
    }

    /** The {@code host[:port]} that serves the API; Docker Hub's differs from its name. */
    String apiHost() {
        return isDockerHub() ? DOCKER_HUB_API_HOST : registry;
    }

    /** The tag or digest a manifest request names: the digest when there is one, else the tag. */
    static String manifestReference(ImageReference reference) {
        return reference.digest().orElse(reference.tag().orElse(ImageReference.DEFAULT_TAG));
    }
}
