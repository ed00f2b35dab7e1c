package dev.berth.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.berth.image.importer.ImageImporter;
import dev.berth.image.importer.ImportOptions;
import dev.berth.proto.v1.GetImageRequest;
import dev.berth.proto.v1.ImageServiceGrpc;
import io.grpc.ManagedChannel;
import io.grpc.inprocess.InProcessChannelBuilder;

/** The assembled application: wiring, configuration, actuator endpoints and the gRPC server. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.grpc.server.inprocess.name=image-service-test",
        "spring.grpc.server.inprocess.exclusive=true"})
class ImageServiceApplicationTest {

    @TempDir
    static Path root;

    private static ManagedChannel channel;

    @LocalServerPort
    int httpPort;

    @Autowired
    ImageImporter importer;

    @DynamicPropertySource
    static void imageRoot(DynamicPropertyRegistry registry) {
        registry.add("berth.image.root", () -> root.toString());
    }

    @BeforeAll
    static void openChannel() {
        channel = InProcessChannelBuilder.forName("image-service-test").build();
    }

    @AfterAll
    static void closeChannel() {
        channel.shutdownNow();
    }

    @Test
    void application_servesGrpcAndActuator() throws Exception {
        importer.importImage(ImportOptions.of("ctx", "1", List.of(), "", ""),
                new ByteArrayInputStream(TestTarballs.smallTar()));

        var image = ImageServiceGrpc.newBlockingStub(channel)
                .getImage(GetImageRequest.newBuilder().setReference("ctx:1").build());

        assertThat(image.getRepoTagsList()).containsExactly("ctx:1");
        assertThat(root.resolve("repositories.json")).exists();
        assertThat(httpGet("/actuator/health")).contains("\"status\":\"UP\"");
        assertThat(httpGet("/actuator/prometheus")).contains("berth_images 1.0", "berth_content_blob_bytes");
    }

    private String httpGet(String path) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return response.body();
    }
}
