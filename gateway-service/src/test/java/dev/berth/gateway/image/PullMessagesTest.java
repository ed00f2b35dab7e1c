package dev.berth.gateway.image;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.berth.proto.v1.LayerPhase;
import dev.berth.proto.v1.LayerProgress;
import dev.berth.proto.v1.PullProgress;
import dev.berth.proto.v1.PullResult;
import dev.berth.proto.v1.PullStarted;

class PullMessagesTest {

    private static final String LAYER = "sha256:4abcf2066143" + "0".repeat(52);

    @Test
    void render_started_isPullingFromWithTheTagAsId() {
        PullProgress started = PullProgress.newBuilder()
                .setStarted(PullStarted.newBuilder().setRepository("x/y").setTagOrDigest("t")).build();

        assertThat(PullMessages.render(started)).isEqualTo("{\"status\":\"Pulling from x/y\",\"id\":\"t\"}\n");
    }

    @Test
    void render_layerStep_hasShortIdAndEmptyProgressDetail() {
        assertThat(PullMessages.render(layer(LayerPhase.PULLING_FS_LAYER, 0, 0)))
                .isEqualTo("{\"status\":\"Pulling fs layer\",\"progressDetail\":{},\"id\":\"4abcf2066143\"}\n");
        assertThat(PullMessages.render(layer(LayerPhase.ALREADY_EXISTS, 0, 0)))
                .startsWith("{\"status\":\"Already exists\",");
        assertThat(PullMessages.render(layer(LayerPhase.VERIFYING_CHECKSUM, 0, 0)))
                .startsWith("{\"status\":\"Verifying Checksum\",");
        assertThat(PullMessages.render(layer(LayerPhase.PULL_COMPLETE, 0, 0)))
                .startsWith("{\"status\":\"Pull complete\",");
    }

    @Test
    void render_downloading_hasProgressDetailAndBar() {
        assertThat(PullMessages.render(layer(LayerPhase.DOWNLOADING, 1_093_000, 2_186_000))).isEqualTo(
                "{\"status\":\"Downloading\",\"progressDetail\":{\"current\":1093000,\"total\":2186000},"
                        + "\"progress\":\"[=========================>                         ]  1.093MB/2.186MB\","
                        + "\"id\":\"4abcf2066143\"}\n");
    }

    @Test
    void render_extractingDone_isAFullBar() {
        assertThat(PullMessages.render(layer(LayerPhase.EXTRACTING, 512, 512))).contains(
                "\"progress\":\"[==================================================>]     512B/512B\"");
    }

    @Test
    void render_result_isDigestThenStatusLine() {
        PullProgress downloaded = result(false);
        PullProgress upToDate = result(true);

        assertThat(PullMessages.render(downloaded)).isEqualTo(
                "{\"status\":\"Digest: sha256:" + "d".repeat(64) + "\"}\n"
                        + "{\"status\":\"Status: Downloaded newer image for 127.0.0.1:5000/x/y:t\"}\n");
        assertThat(PullMessages.render(upToDate))
                .endsWith("{\"status\":\"Status: Image is up to date for 127.0.0.1:5000/x/y:t\"}\n");
    }

    @Test
    void error_isErrorDetailAndError() {
        assertThat(PullMessages.error("boom")).isEqualTo("{\"errorDetail\":{\"message\":\"boom\"},\"error\":\"boom\"}\n");
    }

    private static PullProgress layer(LayerPhase phase, long current, long total) {
        return PullProgress.newBuilder().setLayer(LayerProgress.newBuilder()
                .setDigest(LAYER).setPhase(phase).setCurrent(current).setTotal(total)).build();
    }

    private static PullProgress result(boolean upToDate) {
        return PullProgress.newBuilder().setResult(PullResult.newBuilder()
                .setManifestDigest("sha256:" + "d".repeat(64)).setUpToDate(upToDate)
                .setReference("127.0.0.1:5000/x/y:t")).build();
    }
}
