package dev.berth.e2e.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** Plain HTTP calls to the Docker Engine API of the gateway. */
public final class EngineApi {

    public static final String HOST = "127.0.0.1";
    public static final int PORT = Integer.parseInt(
            DockerCli.DOCKER_HOST.substring(DockerCli.DOCKER_HOST.lastIndexOf(':') + 1));
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private EngineApi() {
    }

    public static HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    public static HttpResponse<String> head(String path) {
        return send(HttpRequest.newBuilder(uri(path)).method("HEAD", HttpRequest.BodyPublishers.noBody()));
    }

    public static HttpResponse<String> post(String path, String jsonBody) {
        return send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(jsonBody)));
    }

    public static HttpResponse<String> put(String path, String contentType, byte[] body) {
        return send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", contentType)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    /** A POST with a tar body (a build context). */
    public static HttpResponse<String> postTar(String path, byte[] tar) {
        return send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/x-tar")
                .POST(HttpRequest.BodyPublishers.ofByteArray(tar)));
    }

    public static HttpResponse<String> delete(String path) {
        return send(HttpRequest.newBuilder(uri(path)).DELETE());
    }

    public static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    /** Creates a container through the API and returns its id. */
    public static String createContainer(String name, String image, String... cmd) {
        var body = JSON.createObjectNode();
        body.put("Image", image);
        var cmdArray = body.putArray("Cmd");
        for (String arg : cmd) {
            cmdArray.add(arg);
        }
        HttpResponse<String> response = post("/v1.44/containers/create?name=" + name, body.toString());
        if (response.statusCode() != 201) {
            throw new AssertionError("create failed: " + response.statusCode() + " " + response.body());
        }
        return json(response).get("Id").asString();
    }

    private static URI uri(String path) {
        return URI.create("http://" + HOST + ":" + PORT + path);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return CLIENT.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
