package dev.berth.image.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.berth.common.digest.Digest;

class PlatformSelectorTest {

    private static final Descriptor AMD64 = entry("amd64", MediaTypes.OCI_MANIFEST, "linux/amd64");
    private static final Descriptor ARM64 = entry("arm64", MediaTypes.OCI_MANIFEST, "linux/arm64/v8");
    private static final Descriptor ARMV7 = entry("armv7", MediaTypes.DOCKER_MANIFEST, "linux/arm/v7");
    private static final Descriptor ATTESTATION = entry("att", MediaTypes.OCI_MANIFEST, "unknown/unknown");
    private static final ImageIndex INDEX = new ImageIndex(MediaTypes.OCI_INDEX,
            List.of(ATTESTATION, AMD64, ARM64, ARMV7));

    @Test
    void select_requestedPlatform_givesItsEntry() {
        assertThat(PlatformSelector.select(INDEX, Platform.parse("linux/amd64"))).isEqualTo(AMD64);
        assertThat(PlatformSelector.select(INDEX, Platform.parse("linux/aarch64"))).isEqualTo(ARM64);
        assertThat(PlatformSelector.select(INDEX, Platform.parse("linux/arm"))).isEqualTo(ARMV7);
    }

    @Test
    void select_entryWithoutPlatformOrNotAManifest_isSkipped() {
        Descriptor nested = entry("nested", MediaTypes.OCI_INDEX, "linux/amd64");
        Descriptor bare = Descriptor.of(MediaTypes.OCI_MANIFEST, digest("bare"), 1);
        ImageIndex index = new ImageIndex(MediaTypes.OCI_INDEX, List.of(nested, bare, AMD64));

        assertThat(PlatformSelector.select(index, Platform.parse("linux/amd64"))).isEqualTo(AMD64);
    }

    @Test
    void select_noMatch_failsNamingTheWantedPlatform() {
        assertThatThrownBy(() -> PlatformSelector.select(INDEX, Platform.parse("linux/s390x")))
                .isInstanceOf(RegistryNotFoundException.class)
                .hasMessage("no matching manifest for linux/s390x in the manifest list entries");
        assertThatThrownBy(() -> PlatformSelector.select(INDEX, Platform.parse("linux/arm/v6")))
                .hasMessage("no matching manifest for linux/arm/v6 in the manifest list entries");
    }

    private static Descriptor entry(String name, String mediaType, String platform) {
        String[] parts = platform.split("/");
        return new Descriptor(mediaType, digest(name), 100, List.of(),
                new Platform(parts[0], parts[1], parts.length > 2 ? parts[2] : ""));
    }

    private static Digest digest(String name) {
        return Digest.of(name.getBytes());
    }
}
