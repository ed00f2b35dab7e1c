package dev.berth.gateway.api;

import io.grpc.Status;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DockerErrorAdviceTest {

    private final DockerErrorAdvice advice = new DockerErrorAdvice();

    @Test
    void grpc_statusCodesMapToDockersHttpStatuses() {
        assertThat(GrpcErrors.httpStatus(Status.Code.INVALID_ARGUMENT)).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(GrpcErrors.httpStatus(Status.Code.NOT_FOUND)).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(GrpcErrors.httpStatus(Status.Code.ALREADY_EXISTS)).isEqualTo(HttpStatus.CONFLICT);
        assertThat(GrpcErrors.httpStatus(Status.Code.FAILED_PRECONDITION)).isEqualTo(HttpStatus.CONFLICT);
        assertThat(GrpcErrors.httpStatus(Status.Code.UNAVAILABLE)).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
        assertThat(GrpcErrors.httpStatus(Status.Code.INTERNAL)).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
    }

    @Test
    void grpc_bodyIsTheStatusDescriptionWithExactJsonType() {
        ResponseEntity<Map<String, String>> response = advice.grpc(
                Status.NOT_FOUND.withDescription("No such container: web").asRuntimeException());

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_JSON);
        assertThat(response.getHeaders().getContentType().toString()).isEqualTo("application/json");
        assertThat(response.getBody()).isEqualTo(Map.of("message", "No such container: web"));
    }

    @Test
    void grpc_withoutDescription_namesTheCode() {
        ResponseEntity<Map<String, String>> response = advice.grpc(Status.UNAVAILABLE.asRuntimeException());

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
        assertThat(response.getBody().get("message")).isEqualTo("UNAVAILABLE");
    }

    @Test
    void docker_exceptionKeepsStatusAndMessage() {
        ResponseEntity<Map<String, String>> response = advice.docker(DockerApiException.badRequest("bad"));

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getBody()).isEqualTo(Map.of("message", "bad"));
    }
}
