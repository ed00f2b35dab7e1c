package dev.berth.gateway.image;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.berth.proto.v1.PushLayerProgress;
import dev.berth.proto.v1.PushPhase;
import dev.berth.proto.v1.PushProgress;
import dev.berth.proto.v1.PushStarted;
import dev.berth.proto.v1.PushTagResult;

class PushMessagesTest {

    private static final String DIFF_ID = "sha256:0123456789ab" + "cd".repeat(26);

    @Test
    void render_started_namesTheRepository() {
        assertThat(PushMessages.render(PushProgress.newBuilder()
                .setStarted(PushStarted.newBuilder().setRepository("127.0.0.1:5000/x/y")).build()))
                .isEqualTo("{\"status\":\"The push refers to repository [127.0.0.1:5000/x/y]\"}\n");
    }

    @Test
    void render_layerPhases_useDockersWords() {
        assertThat(PushMessages.render(layer(PushPhase.PREPARING, "")))
                .isEqualTo("{\"status\":\"Preparing\",\"progressDetail\":{},\"id\":\"0123456789ab\"}\n");
        assertThat(PushMessages.render(layer(PushPhase.LAYER_ALREADY_EXISTS, "")))
                .isEqualTo("{\"status\":\"Layer already exists\",\"progressDetail\":{},\"id\":\"0123456789ab\"}\n");
        assertThat(PushMessages.render(layer(PushPhase.MOUNTED, "x/base")))
                .isEqualTo("{\"status\":\"Mounted from x/base\",\"progressDetail\":{},\"id\":\"0123456789ab\"}\n");
        assertThat(PushMessages.render(layer(PushPhase.PUSHED, "")))
                .isEqualTo("{\"status\":\"Pushed\",\"progressDetail\":{},\"id\":\"0123456789ab\"}\n");
    }

    @Test
    void render_pushing_carriesProgress() {
        PushProgress event = PushProgress.newBuilder().setLayer(PushLayerProgress.newBuilder().setDiffId(DIFF_ID)
                .setPhase(PushPhase.PUSHING).setCurrent(512).setTotal(1024)).build();

        assertThat(PushMessages.render(event))
                .startsWith("{\"status\":\"Pushing\",\"progressDetail\":{\"current\":512,\"total\":1024},\"progress\":")
                .endsWith(",\"id\":\"0123456789ab\"}\n");
    }

    @Test
    void render_tagPushed_isTheDigestLineAndTheAux() {
        PushProgress event = PushProgress.newBuilder().setTagPushed(PushTagResult.newBuilder()
                .setTag("t").setDigest("sha256:" + "ef".repeat(32)).setSize(528)).build();

        assertThat(PushMessages.render(event)).isEqualTo(
                "{\"status\":\"t: digest: sha256:" + "ef".repeat(32) + " size: 528\"}\n"
                        + "{\"progressDetail\":{},\"aux\":{\"Tag\":\"t\",\"Digest\":\"sha256:" + "ef".repeat(32)
                        + "\",\"Size\":528}}\n");
    }

    private static PushProgress layer(PushPhase phase, String mountedFrom) {
        return PushProgress.newBuilder().setLayer(PushLayerProgress.newBuilder().setDiffId(DIFF_ID).setPhase(phase)
                .setMountedFrom(mountedFrom)).build();
    }
}
