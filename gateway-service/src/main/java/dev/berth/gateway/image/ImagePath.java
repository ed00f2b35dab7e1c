package dev.berth.gateway.image;

import dev.berth.gateway.api.DockerApiException;

/**
 * The {@code {*path}} of {@code /images/<name>/<action>}: names contain slashes
 * ({@code myreg:5000/ns/x:1}), so the action is the last segment.
 */
record ImagePath(String name, String action) {

    /** @throws DockerApiException 404 "page not found" without both a name and an action */
    static ImagePath parse(String path) {
        int slash = path.lastIndexOf('/');
        if (slash <= 1) {
            throw DockerApiException.notFound("page not found");
        }
        return new ImagePath(path.substring(1, slash), path.substring(slash + 1));
    }
}
