package dev.berth.gateway.api;

import org.springframework.http.HttpStatus;

/** A failure to answer with Docker's error shape: an HTTP status and a message for the user. */
public class DockerApiException extends RuntimeException {

    private final HttpStatus status;

    public DockerApiException(HttpStatus status, String message) {
        super(message);
        this.status = status;
    }

    public static DockerApiException badRequest(String message) {
        return new DockerApiException(HttpStatus.BAD_REQUEST, message);
    }

    public static DockerApiException notFound(String message) {
        return new DockerApiException(HttpStatus.NOT_FOUND, message);
    }

    public HttpStatus status() {
        return status;
    }
}
