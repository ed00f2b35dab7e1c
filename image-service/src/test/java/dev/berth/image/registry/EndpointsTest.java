package dev.berth.image.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.berth.image.reference.ImageReference;

class EndpointsTest {

    private final Endpoints endpoints = new Endpoints(new RegistryConfig(null, null, null, 0, null, 0,
            List.of("myreg.local:5000", "plain.example"), List.of(URI.create("http://127.0.0.1:5001")), null, 0));

    @Test
    void primary_loopbackAndInsecure_arePlainHttp() {
        assertThat(endpoints.primary("127.0.0.1:5000").base()).isEqualTo(URI.create("http://127.0.0.1:5000"));
        assertThat(endpoints.primary("127.1.2.3").base()).isEqualTo(URI.create("http://127.1.2.3"));
        assertThat(endpoints.primary("localhost:5000").base()).isEqualTo(URI.create("http://localhost:5000"));
        assertThat(endpoints.primary("[::1]:5000").base()).isEqualTo(URI.create("http://[::1]:5000"));
        assertThat(endpoints.primary("myreg.local:5000").base()).isEqualTo(URI.create("http://myreg.local:5000"));
        assertThat(endpoints.primary("plain.example:8080").base()).isEqualTo(URI.create("http://plain.example:8080"));
    }

    @Test
    void primary_everythingElse_isHttps() {
        assertThat(endpoints.primary("myreg.local:5001").base()).isEqualTo(URI.create("https://myreg.local:5001"));
        assertThat(endpoints.primary("127.0.0.1.nip.io").base()).isEqualTo(URI.create("https://127.0.0.1.nip.io"));
        assertThat(endpoints.primary("128.0.0.1").base()).isEqualTo(URI.create("https://128.0.0.1"));
    }

    @Test
    void forPull_dockerHub_triesMirrorsFirst() {
        Repository hub = Repository.of(ImageReference.parse("busybox"));

        assertThat(endpoints.forPull(hub)).containsExactly(
                new Endpoint(URI.create("http://127.0.0.1:5001"), true),
                new Endpoint(URI.create("https://registry-1.docker.io"), false));
        assertThat(endpoints.forPull(Repository.of(ImageReference.parse("127.0.0.1:5000/x"))))
                .containsExactly(new Endpoint(URI.create("http://127.0.0.1:5000"), false));
    }

    @Test
    void api_appendsToTheBasePath() {
        assertThat(new Endpoint(URI.create("https://mirror.example/cache/"), true).api("library/busybox/manifests/1"))
                .isEqualTo(URI.create("https://mirror.example/cache/v2/library/busybox/manifests/1"));
    }
}
