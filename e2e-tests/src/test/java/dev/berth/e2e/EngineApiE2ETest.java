package dev.berth.e2e;

import dev.berth.e2e.support.EngineApi;
import dev.berth.e2e.support.RawHttp;
import dev.berth.e2e.support.TestImages;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static dev.berth.e2e.support.DockerCli.docker;
import static org.assertj.core.api.Assertions.assertThat;

/** The Engine API on the wire: headers, versions, error shape, wait and attach. */
class EngineApiE2ETest {

    private static final String PREFIX = "e2e-api-";
    private static String image;

    @BeforeAll
    static void importImage() {
        image = TestImages.busybox();
    }

    @AfterAll
    static void removeContainers() {
        String ids = docker("ps", "-aq", "--filter", "name=" + PREFIX).stdout().trim();
        if (!ids.isEmpty()) {
            List<String> args = new ArrayList<>(List.of("rm", "-f"));
            args.addAll(List.of(ids.split("\\s+")));
            docker(args.toArray(String[]::new));
        }
    }

    @Test
    void ping_answersWithTheApiVersionHeaders() {
        HttpResponse<String> head = EngineApi.head("/_ping");
        HttpResponse<String> get = EngineApi.get("/_ping");

        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValue("Api-Version")).hasValue("1.44");
        assertThat(head.headers().firstValue("Ostype")).hasValue("linux");
        assertThat(get.body()).isEqualTo("OK");
    }

    @Test
    void versionedPaths_acceptKnownVersionsAndRefuseNewerOnes() {
        assertThat(EngineApi.get("/v1.24/version").statusCode()).isEqualTo(200);
        assertThat(EngineApi.json(EngineApi.get("/v1.44/version")).get("ApiVersion").asString()).isEqualTo("1.44");

        HttpResponse<String> tooNew = EngineApi.get("/v1.99/version");
        assertThat(tooNew.statusCode()).isEqualTo(400);
        assertThat(tooNew.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(EngineApi.json(tooNew).get("message").asString()).contains("1.99").contains("too new");
    }

    @Test
    void errors_areDockerShaped() {
        HttpResponse<String> noContainer = EngineApi.get("/v1.44/containers/e2e-nosuch/json");
        assertThat(noContainer.statusCode()).isEqualTo(404);
        assertThat(noContainer.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(EngineApi.json(noContainer).get("message").asString()).isEqualTo("No such container: e2e-nosuch");

        HttpResponse<String> unknownPath = EngineApi.get("/v1.44/no/such/endpoint");
        assertThat(unknownPath.statusCode()).isEqualTo(404);
        assertThat(unknownPath.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(EngineApi.json(unknownPath).has("message")).isTrue();

        HttpResponse<String> badCondition = EngineApi.post("/v1.44/containers/e2e-nosuch/wait?condition=sometime", "");
        assertThat(badCondition.statusCode()).isEqualTo(400);
        assertThat(badCondition.headers().firstValue("Content-Type")).hasValue("application/json");

        HttpResponse<String> badBody = EngineApi.post("/v1.44/containers/create", "{not json");
        assertThat(badBody.statusCode()).isEqualTo(400);
        assertThat(badBody.headers().firstValue("Content-Type")).hasValue("application/json");
    }

    @Test
    void create_unknownImageIs404AndAnImageWithoutCommandIs400() {
        HttpResponse<String> unknown = EngineApi.post("/v1.44/containers/create", "{\"Image\":\"e2e-nosuch:1\"}");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(EngineApi.json(unknown).get("message").asString()).isEqualTo("No such image: e2e-nosuch:1");

        // The imported busybox image has no CMD: without one in the request there is nothing to run.
        HttpResponse<String> noCommand = EngineApi.post("/v1.44/containers/create", "{\"Image\":\"" + image + "\"}");
        assertThat(noCommand.statusCode()).isEqualTo(400);
        assertThat(EngineApi.json(noCommand).get("message").asString()).isEqualTo("No command specified");
    }

    @Test
    void create_withTakenName_isAConflictThatLeavesTheFirstAlone() {
        String id = EngineApi.createContainer(PREFIX + "twice", image, "true");

        HttpResponse<String> again = EngineApi.post("/v1.44/containers/create?name=" + PREFIX + "twice",
                "{\"Image\":\"" + image + "\",\"Cmd\":[\"true\"]}");

        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(EngineApi.json(again).get("message").asString())
                .isEqualTo("Conflict. The container name \"/" + PREFIX + "twice\" is already in use by container \""
                        + id + "\". You have to remove (or rename) that container to be able to reuse that name.");
        assertThat(EngineApi.get("/v1.44/containers/" + id + "/json").statusCode()).isEqualTo(200);
    }

    @Test
    void wait_sendsItsHeadersBeforeTheContainerExits() throws Exception {
        String id = EngineApi.createContainer(PREFIX + "wait", image, "sleep", "300");

        try (RawHttp wait = new RawHttp()) {
            wait.post("/v1.44/containers/" + id + "/wait?condition=next-exit", "Connection: close");
            String head = wait.readHead();
            assertThat(head).startsWith("HTTP/1.1 200");
            assertThat(head.toLowerCase()).contains("content-type: application/json");

            assertThat(EngineApi.post("/v1.44/containers/" + id + "/start", "").statusCode()).isEqualTo(204);
            assertThat(EngineApi.post("/v1.44/containers/" + id + "/kill?signal=KILL", "").statusCode()).isEqualTo(204);

            String body = new String(readChunkedOrPlainBody(wait), StandardCharsets.UTF_8);
            assertThat(body).contains("\"StatusCode\":137");
        }
    }

    @Test
    void attach_framesEachStreamWithDockersHeader() throws Exception {
        String id = EngineApi.createContainer(PREFIX + "attach", image,
                "sh", "-c", "printf 'out\\000put\\377'; printf 'err' >&2");

        try (RawHttp attach = new RawHttp()) {
            attach.post("/v1.44/containers/" + id + "/attach?stream=1&stdout=1&stderr=1",
                    "Upgrade: tcp", "Connection: Upgrade");
            assertThat(attach.readHead()).startsWith("HTTP/1.1 101");
            attach.halfClose();

            assertThat(EngineApi.post("/v1.44/containers/" + id + "/start", "").statusCode()).isEqualTo(204);

            ByteArrayOutputStream stdout = new ByteArrayOutputStream();
            ByteArrayOutputStream stderr = new ByteArrayOutputStream();
            DataInputStream frames = new DataInputStream(attach.input());
            byte[] header = new byte[8];
            while (readFully(frames, header)) {
                assertThat(header[1]).isZero();
                assertThat(header[2]).isZero();
                assertThat(header[3]).isZero();
                int length = ((header[4] & 0xff) << 24) | ((header[5] & 0xff) << 16) | ((header[6] & 0xff) << 8) | (header[7] & 0xff);
                byte[] payload = new byte[length];
                frames.readFully(payload);
                switch (header[0]) {
                    case 1 -> stdout.write(payload);
                    case 2 -> stderr.write(payload);
                    default -> throw new AssertionError("unexpected stream type " + header[0]);
                }
            }
            assertThat(stdout.toByteArray()).containsExactly('o', 'u', 't', 0, 'p', 'u', 't', 0xff);
            assertThat(stderr.toString(StandardCharsets.UTF_8)).isEqualTo("err");
        }
    }

    private static boolean readFully(DataInputStream in, byte[] buffer) throws IOException {
        try {
            in.readFully(buffer);
            return true;
        } catch (EOFException end) {
            return false;
        }
    }

    /** The rest of a response whose head was read: a chunked body decoded, or bytes up to the close. */
    private static byte[] readChunkedOrPlainBody(RawHttp http) throws IOException {
        byte[] raw = http.readToEnd();
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        if (!text.matches("(?s)[0-9a-fA-F]+\r\n.*")) {
            return raw;
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int at = 0;
        while (true) {
            int lineEnd = text.indexOf("\r\n", at);
            int size = Integer.parseInt(text.substring(at, lineEnd).trim(), 16);
            if (size == 0) {
                return body.toByteArray();
            }
            body.write(raw, lineEnd + 2, size);
            at = lineEnd + 2 + size + 2;
        }
    }
}
