package dev.berth.gateway.image;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ImageEventsTest {

    @Test
    void familiar_dropsDockerHubsPrefix_andAddsLatest() {
        assertThat(ImageEvents.familiar("docker.io/library/busybox")).isEqualTo("busybox:latest");
        assertThat(ImageEvents.familiar("docker.io/me/app:1")).isEqualTo("me/app:1");
        assertThat(ImageEvents.familiar("127.0.0.1:5000/bb")).isEqualTo("127.0.0.1:5000/bb:latest");
        assertThat(ImageEvents.familiar("bb@sha256:00")).isEqualTo("bb@sha256:00");
    }
}
