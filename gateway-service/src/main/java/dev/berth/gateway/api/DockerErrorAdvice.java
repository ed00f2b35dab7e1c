package dev.berth.gateway.api;

import io.grpc.StatusRuntimeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.async.AsyncRequestNotUsableException;
import tools.jackson.core.JacksonException;

import java.util.Map;

/** The one place failures become Docker's error shape: exact application/json, {"message": ...}. */
@RestControllerAdvice
public class DockerErrorAdvice {

    private static final Logger log = LoggerFactory.getLogger(DockerErrorAdvice.class);

    public static ResponseEntity<Map<String, String>> error(HttpStatusCode status, String message) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(Map.of("message", message));
    }

    @ExceptionHandler(DockerApiException.class)
    ResponseEntity<Map<String, String>> docker(DockerApiException e) {
        return error(e.status(), e.getMessage());
    }

    @ExceptionHandler(StatusRuntimeException.class)
    ResponseEntity<Map<String, String>> grpc(StatusRuntimeException e) {
        DockerApiException mapped = GrpcErrors.toDocker(e);
        return error(mapped.status(), mapped.getMessage());
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<Map<String, String>> unreadableBody(HttpMessageNotReadableException e) {
        if (e.getMostSpecificCause() instanceof JacksonException json) {
            return error(HttpStatus.BAD_REQUEST, "invalid JSON: " + json.getOriginalMessage());
        }
        return error(HttpStatus.BAD_REQUEST, "invalid request body: missing or unreadable");
    }

    @ExceptionHandler(TypeMismatchException.class)
    ResponseEntity<Map<String, String>> badParameter(TypeMismatchException e) {
        return error(HttpStatus.BAD_REQUEST, "invalid value for " + e.getPropertyName() + ": " + e.getValue());
    }

    private static ResponseEntity<Map<String, String>> spring(ErrorResponse e) {
        HttpStatusCode status = e.getStatusCode();
        if (status.value() == 404 || status.value() == 405) {
            return error(HttpStatus.NOT_FOUND, "page not found");
        }
        String detail = e.getBody().getDetail();
        return error(status, detail == null ? status.toString() : detail);
    }

    /** A streaming client went away (docker cp ... - | head): nothing can be answered, nothing failed. */
    @ExceptionHandler(AsyncRequestNotUsableException.class)
    void clientGone(AsyncRequestNotUsableException e) {
        log.debug("client went away: {}", e.getMessage());
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Map<String, String>> unexpected(Exception e) {
        if (e instanceof ErrorResponse springError) {
            return spring(springError);
        }
        log.error("unexpected failure", e);
        return error(HttpStatus.INTERNAL_SERVER_ERROR, String.valueOf(e.getMessage()));
    }
}
