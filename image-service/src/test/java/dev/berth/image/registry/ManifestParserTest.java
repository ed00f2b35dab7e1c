package dev.berth.image.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.berth.common.digest.Digest;

class ManifestParserTest {

    private static final String CONFIG = "sha256:" + "a".repeat(64);
    private static final String LAYER = "sha256:" + "b".repeat(64);
    private static final String FOREIGN = "sha256:" + "c".repeat(64);

    @Test
    void parse_dockerSchema2_givesConfigAndLayersWithUrls() {
        String json = """
                {"schemaVersion":2,"mediaType":"application/vnd.docker.distribution.manifest.v2+json",
                 "config":{"mediaType":"application/vnd.docker.container.image.v1+json","size":7,"digest":"%s"},
                 "layers":[{"mediaType":"application/vnd.docker.image.rootfs.diff.tar.gzip","size":32,"digest":"%s"},
                  {"mediaType":"application/vnd.docker.image.rootfs.foreign.diff.tar.gzip","size":9,"digest":"%s",
                   "urls":["https://example.invalid/layer"]}]}
                """.formatted(CONFIG, LAYER, FOREIGN);

        ManifestDocument document = ManifestParser.parse("application/json", bytes(json));

        assertThat(document).isEqualTo(new ImageManifest(MediaTypes.DOCKER_MANIFEST,
                Descriptor.of(MediaTypes.DOCKER_CONFIG, Digest.parse(CONFIG), 7),
                List.of(Descriptor.of(MediaTypes.DOCKER_LAYER, Digest.parse(LAYER), 32),
                        new Descriptor("application/vnd.docker.image.rootfs.foreign.diff.tar.gzip",
                                Digest.parse(FOREIGN), 9, List.of("https://example.invalid/layer"), null))));
    }

    @Test
    void parse_ociIndexWithoutMediaType_usesContentTypeAndReadsPlatforms() {
        String json = """
                {"schemaVersion":2,"manifests":[
                 {"mediaType":"application/vnd.oci.image.manifest.v1+json","size":500,"digest":"%s",
                  "platform":{"os":"linux","architecture":"arm","variant":"v6"}}]}
                """.formatted(LAYER);

        ManifestDocument document = ManifestParser.parse(MediaTypes.OCI_INDEX + "; charset=utf-8", bytes(json));

        assertThat(document).isEqualTo(new ImageIndex(MediaTypes.OCI_INDEX, List.of(new Descriptor(
                MediaTypes.OCI_MANIFEST, Digest.parse(LAYER), 500, List.of(), new Platform("linux", "arm", "v6")))));
    }

    @Test
    void parse_ociManifestWithoutAnyMediaType_isRecognisedByShape() {
        String json = """
                {"schemaVersion":2,"config":{"mediaType":"application/vnd.oci.image.config.v1+json","size":2,
                 "digest":"%s"},"layers":[]}
                """.formatted(CONFIG);

        assertThat(ManifestParser.parse(null, bytes(json)).mediaType()).isEqualTo(MediaTypes.OCI_MANIFEST);
    }

    @Test
    void parse_dockerManifestList_givesIndex() {
        String json = """
                {"schemaVersion":2,"mediaType":"application/vnd.docker.distribution.manifest.list.v2+json",
                 "manifests":[{"mediaType":"application/vnd.docker.distribution.manifest.v2+json","size":1,
                 "digest":"%s","platform":{"os":"linux","architecture":"amd64"}}]}
                """.formatted(CONFIG);

        ImageIndex index = (ImageIndex) ManifestParser.parse("text/plain", bytes(json));

        assertThat(index.mediaType()).isEqualTo(MediaTypes.DOCKER_MANIFEST_LIST);
        assertThat(index.manifests().get(0).platform()).isEqualTo(Platform.parse("linux/amd64"));
    }

    @Test
    void parse_html_failsWithTheReason() {
        assertThatThrownBy(() -> ManifestParser.parse("text/html", bytes("<html><body>Welcome</body></html>")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("invalid manifest JSON: Unexpected character ('<' (code 60))");
    }

    @Test
    void parse_truncatedJson_failsWithTheReason() {
        assertThatThrownBy(() -> ManifestParser.parse(MediaTypes.OCI_MANIFEST, bytes("{\"schemaVersion\":2,\"con")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("invalid manifest JSON: Unexpected end-of-input");
    }

    @Test
    void parse_schema1_isUnsupported() {
        String json = "{\"schemaVersion\":1,\"name\":\"x\",\"fsLayers\":[]}";

        assertThatThrownBy(() -> ManifestParser.parse(
                "application/vnd.docker.distribution.manifest.v1+prettyjws", bytes(json)))
                .hasMessage("unsupported manifest media type "
                        + "\"application/vnd.docker.distribution.manifest.v1+prettyjws\"");
    }

    @Test
    void parse_badDescriptor_failsNamingTheField() {
        assertThatThrownBy(() -> ManifestParser.parse(MediaTypes.OCI_MANIFEST, bytes("{\"layers\":[]}")))
                .hasMessage("invalid manifest: missing \"config\"");
        assertThatThrownBy(() -> ManifestParser.parse(MediaTypes.OCI_MANIFEST,
                bytes("{\"config\":{\"size\":1,\"digest\":\"md5:abc\"},\"layers\":[]}")))
                .hasMessage("invalid manifest: unsupported digest algorithm");
        assertThatThrownBy(() -> ManifestParser.parse(MediaTypes.OCI_MANIFEST,
                bytes("{\"config\":{\"size\":\"1\",\"digest\":\"" + CONFIG + "\"},\"layers\":[]}")))
                .hasMessage("invalid manifest: descriptor without a valid size");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
