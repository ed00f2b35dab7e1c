package dev.berth.gateway.image;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.berth.proto.v1.PushLayerProgress;
import dev.berth.proto.v1.PushPhase;
import dev.berth.proto.v1.PushProgress;
import dev.berth.proto.v1.PushTagResult;
import tools.jackson.databind.json.JsonMapper;

/**
 * A push's events as the lines of Docker's JSON message stream: {@code The push refers to
 * repository [...]}, per layer (id: 12 hex digits of its diff id) {@code Preparing} ... {@code
 * Pushed} / {@code Layer already exists} / {@code Mounted from x/y}, then per tag
 * {@code t: digest: sha256:... size: N} and the aux line the CLI reads the digest from.
 */
final class PushMessages {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int SHORT_ID = 12;

    private PushMessages() {
    }

    static String render(PushProgress event) {
        return switch (event.getEventCase()) {
            case STARTED -> line(Map.of("status",
                    "The push refers to repository [" + event.getStarted().getRepository() + "]"));
            case LAYER -> line(layer(event.getLayer()));
            case TAG_PUSHED -> pushed(event.getTagPushed());
            case EVENT_NOT_SET -> "";
        };
    }

    private static String pushed(PushTagResult result) {
        Map<String, Object> aux = new LinkedHashMap<>();
        aux.put("Tag", result.getTag());
        aux.put("Digest", result.getDigest());
        aux.put("Size", result.getSize());
        Map<String, Object> auxLine = new LinkedHashMap<>();
        auxLine.put("progressDetail", Map.of());
        auxLine.put("aux", aux);
        return line(Map.of("status", result.getTag() + ": digest: " + result.getDigest() + " size: " + result.getSize()))
                + line(auxLine);
    }

    private static Map<String, Object> layer(PushLayerProgress layer) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("status", status(layer));
        if (layer.getPhase() == PushPhase.PUSHING) {
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("current", layer.getCurrent());
            detail.put("total", layer.getTotal());
            line.put("progressDetail", detail);
            line.put("progress", ProgressBar.of(layer.getCurrent(), layer.getTotal()));
        } else {
            line.put("progressDetail", Map.of());
        }
        line.put("id", shortId(layer.getDiffId()));
        return line;
    }

    private static String status(PushLayerProgress layer) {
        return switch (layer.getPhase()) {
            case PREPARING -> "Preparing";
            case PUSH_WAITING -> "Waiting";
            case PUSHING -> "Pushing";
            case PUSHED -> "Pushed";
            case LAYER_ALREADY_EXISTS -> "Layer already exists";
            case MOUNTED -> "Mounted from " + layer.getMountedFrom();
            case PUSH_PHASE_UNSPECIFIED, UNRECOGNIZED -> layer.getPhase().name();
        };
    }

    private static String shortId(String digest) {
        String hex = digest.substring(digest.indexOf(':') + 1);
        return hex.length() > SHORT_ID ? hex.substring(0, SHORT_ID) : hex;
    }

    private static String line(Map<String, Object> json) {
        return JSON.writeValueAsString(json) + "\n";
    }
}
