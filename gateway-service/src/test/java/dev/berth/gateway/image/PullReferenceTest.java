package dev.berth.gateway.image;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PullReferenceTest {

    @Test
    void of_imageAndTag_isNameColonTag() {
        assertThat(PullReference.of("127.0.0.1:5000/x/y", "t")).isEqualTo("127.0.0.1:5000/x/y:t");
    }

    @Test
    void of_digestAsTag_isByDigest() {
        String digest = "sha256:" + "a".repeat(64);
        assertThat(PullReference.of("x/y", digest)).isEqualTo("x/y@" + digest);
    }

    @Test
    void of_noTag_isTheImageAlone() {
        assertThat(PullReference.of("busybox", "")).isEqualTo("busybox");
    }

    @Test
    void of_trailingColon_isDropped() {
        assertThat(PullReference.of("busybox:", "1")).isEqualTo("busybox:1");
    }
}
