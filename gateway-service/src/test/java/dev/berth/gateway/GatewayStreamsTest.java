package dev.berth.gateway;

import dev.berth.gateway.fake.FakeContainerService.WaitRegistration;
import dev.berth.gateway.fake.FakeNodeAgent;
import dev.berth.gateway.fake.FakeNodeAgent.Attachment;
import dev.berth.proto.v1.AttachRequest;
import dev.berth.proto.v1.Container;
import dev.berth.proto.v1.ContainerStatus;
import dev.berth.proto.v1.OutputStream;
import dev.berth.proto.v1.ReadLogsRequest;
import dev.berth.proto.v1.WaitCondition;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** wait, attach, logs and import: the long-lived and streamed exchanges, on the wire. */
class GatewayStreamsTest extends GatewayTestBase {

    @Test
    void wait_sendsHeadersBeforeTheResultThenTheBody() throws Exception {
        Container c = BACKENDS.containers.put("waited", ContainerStatus.CONTAINER_STATUS_CREATED, false);
        BACKENDS.containers.waits.clear();
        try (RawHttp wait = new RawHttp(port, "POST /v1.44/containers/" + c.getId()
                + "/wait?condition=next-exit HTTP/1.1\r\nHost: docker\r\nConnection: close\r\nContent-Length: 0\r\n\r\n")) {
            String head = wait.readHead();
            assertThat(head).startsWith("HTTP/1.1 200").contains("Content-Type: application/json");

            WaitRegistration registration = BACKENDS.containers.waits.poll(5, TimeUnit.SECONDS);
            assertThat(registration.request().getCondition()).isEqualTo(WaitCondition.WAIT_CONDITION_NEXT_EXIT);
            registration.answer(3, "");

            assertThat(new String(wait.readToEnd(), StandardCharsets.UTF_8))
                    .contains("{\"StatusCode\":3,\"Error\":null}");
        }
    }

    @Test
    void wait_errorAfterRegistration_goesInTheBody() throws Exception {
        BACKENDS.containers.put("waitfail", ContainerStatus.CONTAINER_STATUS_RUNNING, false);
        BACKENDS.containers.waits.clear();
        try (RawHttp wait = new RawHttp(port, "POST /containers/waitfail/wait HTTP/1.1\r\nHost: docker\r\n"
                + "Connection: close\r\nContent-Length: 0\r\n\r\n")) {
            assertThat(wait.readHead()).startsWith("HTTP/1.1 200");
            BACKENDS.containers.waits.poll(5, TimeUnit.SECONDS).answer(0, "exit code unknown");

            assertThat(new String(wait.readToEnd(), StandardCharsets.UTF_8))
                    .contains("{\"StatusCode\":0,\"Error\":{\"Message\":\"exit code unknown\"}}");
        }
    }

    @Test
    void wait_badConditionAndUnknownContainer_areDockerErrors() throws Exception {
        GatewayApiTest.assertError(send("POST", "/containers/x/wait?condition=foo", null), 400,
                "invalid condition: \"foo\"");
        GatewayApiTest.assertError(send("POST", "/containers/nosuch/wait", null), 404,
                "No such container: nosuch");
    }

    @Test
    void attach_upgradesThenFramesOutputAndSurvivesClientHalfClose() throws Exception {
        Container c = BACKENDS.containers.put("attached", ContainerStatus.CONTAINER_STATUS_CREATED, false);
        BACKENDS.node.attachments.clear();
        try (RawHttp attach = new RawHttp(port, "POST /v1.44/containers/attached/attach?stream=1&stdout=1&stderr=1"
                + " HTTP/1.1\r\nHost: docker\r\nUpgrade: tcp\r\nConnection: Upgrade\r\nContent-Length: 0\r\n\r\n")) {
            Attachment node = BACKENDS.node.attachments.poll(5, TimeUnit.SECONDS);
            assertThat(node.open.getContainerId()).isEqualTo(c.getId());
            assertThat(node.open.getStdin()).isFalse();
            assertThat(node.open.getStream()).isTrue();
            node.output(OutputStream.OUTPUT_STREAM_STDOUT, "early\n");

            String head = attach.readHead();
            assertThat(head).startsWith("HTTP/1.1 101").contains("Upgrade: tcp").contains("Connection: Upgrade");
            attach.socket.shutdownOutput();
            assertThat(attach.readExactly(14)).isEqualTo(frame(1, "early\n"));

            node.output(OutputStream.OUTPUT_STREAM_STDOUT, "hello\n");
            node.output(OutputStream.OUTPUT_STREAM_STDERR, "oops\n");
            assertThat(attach.readExactly(14 + 13)).isEqualTo(concat(frame(1, "hello\n"), frame(2, "oops\n")));
            node.end();
            assertThat(attach.readToEnd()).isEmpty();
        }
    }

    @Test
    void attach_forwardsStdinDetachesAtClientEofOnATtyAndResizes() throws Exception {
        BACKENDS.containers.put("typed", ContainerStatus.CONTAINER_STATUS_RUNNING, true);
        BACKENDS.node.attachments.clear();
        try (RawHttp attach = new RawHttp(port, "POST /containers/typed/attach?stream=1&stdin=1&stdout=1"
                + " HTTP/1.1\r\nHost: docker\r\nUpgrade: tcp\r\nConnection: Upgrade\r\n\r\n")) {
            Attachment node = BACKENDS.node.attachments.poll(5, TimeUnit.SECONDS);
            assertThat(attach.readHead()).startsWith("HTTP/1.1 101");
            attach.socket.getOutputStream().write("ls\n".getBytes(StandardCharsets.UTF_8));
            attach.socket.shutdownOutput();

            AttachRequest stdin = node.received.poll(5, TimeUnit.SECONDS);
            assertThat(stdin.getStdin().toStringUtf8()).isEqualTo("ls\n");
            // A TTY attachment's end of input ends the attachment; the container's stdin stays open.
            assertThat(node.received.poll(5, TimeUnit.SECONDS).getDetach()).isTrue();

            assertThat(send("POST", "/containers/typed/resize?h=40&w=120", null).statusCode()).isEqualTo(200);
            AttachRequest resize = node.received.poll(5, TimeUnit.SECONDS);
            assertThat(resize.getResize().getRows()).isEqualTo(40);
            assertThat(resize.getResize().getCols()).isEqualTo(120);

            node.output(OutputStream.OUTPUT_STREAM_STDOUT, "bin\r\n");
            node.end();
            assertThat(new String(attach.readToEnd(), StandardCharsets.UTF_8)).isEqualTo("bin\r\n");
        }
    }

    @Test
    void attach_withoutUpgrade_streamsAMultiplexedResponse() throws Exception {
        BACKENDS.containers.put("oldclient", ContainerStatus.CONTAINER_STATUS_RUNNING, false);
        BACKENDS.node.attachments.clear();
        Thread feeder = new Thread(() -> {
            try {
                Attachment node = BACKENDS.node.attachments.poll(5, TimeUnit.SECONDS);
                node.output(OutputStream.OUTPUT_STREAM_STDERR, "err\n");
                node.end();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        feeder.start();

        HttpResponse<byte[]> response = sendBytes("POST", "/containers/oldclient/attach?stream=1&stderr=1");
        feeder.join();

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/vnd.docker.multiplexed-stream");
        assertThat(response.body()).isEqualTo(frame(2, "err\n"));
    }

    @Test
    void logs_framesEntriesWithTimestampsAndPassesBounds() throws Exception {
        BACKENDS.containers.put("logged", ContainerStatus.CONTAINER_STATUS_EXITED, false);
        BACKENDS.node.logs.clear();
        BACKENDS.node.logs.add(FakeNodeAgent.entry(OutputStream.OUTPUT_STREAM_STDOUT, 1_700_000_000, 5_000, "a\n"));
        BACKENDS.node.logs.add(FakeNodeAgent.entry(OutputStream.OUTPUT_STREAM_STDERR, 1_700_000_001, 0, "b\n"));
        BACKENDS.node.logRequests.clear();

        HttpResponse<byte[]> response = sendBytes("GET", "/v1.44/containers/logged/logs?stdout=1&stderr=1"
                + "&timestamps=1&tail=10&since=1699999999.5&until=2023-11-14T22:15:00Z");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/vnd.docker.multiplexed-stream");
        assertThat(response.body()).isEqualTo(concat(
                frame(1, "2023-11-14T22:13:20.000005Z a\n"), frame(2, "2023-11-14T22:13:21Z b\n")));
        ReadLogsRequest sent = BACKENDS.node.logRequests.poll(5, TimeUnit.SECONDS);
        assertThat(sent.getTail()).isEqualTo(10);
        assertThat(sent.getSince().getSeconds()).isEqualTo(1_699_999_999L);
        assertThat(sent.getSince().getNanos()).isEqualTo(500_000_000);
        assertThat(sent.getUntil().getSeconds()).isEqualTo(1_700_000_100L);
    }

    @Test
    void logs_ttyIsRawAndNoStreamIs400() throws Exception {
        BACKENDS.containers.put("ttylog", ContainerStatus.CONTAINER_STATUS_EXITED, true);
        BACKENDS.node.logs.clear();
        BACKENDS.node.logs.add(FakeNodeAgent.entry(OutputStream.OUTPUT_STREAM_STDOUT, 1, 0, "raw\r\n"));

        HttpResponse<byte[]> response = sendBytes("GET", "/containers/ttylog/logs?stdout=1");

        assertThat(response.headers().firstValue("Content-Type")).contains("application/vnd.docker.raw-stream");
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("raw\r\n");
        GatewayApiTest.assertError(send("GET", "/containers/ttylog/logs", null), 400,
                "you must choose at least one stream");
    }

    @Test
    void import_streamsTheBodyInChunksAndAnswersAProgressLine() throws Exception {
        byte[] tarball = new byte[300 * 1024 + 17];
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/v1.44/images/create?fromSrc=-&repo=imported&tag=1&changes=CMD%20%5B%22a%22%2C%22b%22%5D"))
                .header("Content-Type", "application/x-tar")
                .POST(HttpRequest.BodyPublishers.ofByteArray(tarball)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().allValues("Content-Type")).containsExactly("application/json");
        assertThat(response.body()).isEqualTo("{\"status\":\"sha256:" + "e".repeat(64) + "\"}\n");
        assertThat(BACKENDS.images.importedChunkSizes).hasSizeGreaterThanOrEqualTo(5)
                .allMatch(size -> size <= 64 * 1024);
        assertThat(BACKENDS.images.importedChunkSizes.stream().mapToInt(Integer::intValue).sum())
                .isEqualTo(tarball.length);
        assertThat(BACKENDS.images.lastImportHeader.getHeader().getRepo()).isEqualTo("imported");
        assertThat(BACKENDS.images.lastImportHeader.getHeader().getChangesList()).containsExactly("CMD [\"a\",\"b\"]");
    }

    @Test
    void import_refusedTarball_isADockerError() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/images/create?fromSrc=-")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());

        GatewayApiTest.assertError(response, 400, "empty tarball");
    }

    static byte[] frame(int stream, String text) {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(stream);
        out.writeBytes(new byte[] {0, 0, 0, 0, 0, 0});
        out.write(payload.length);
        out.writeBytes(payload);
        return out.toByteArray();
    }

    static byte[] concat(byte[] a, byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(a);
        out.writeBytes(b);
        return out.toByteArray();
    }
}
