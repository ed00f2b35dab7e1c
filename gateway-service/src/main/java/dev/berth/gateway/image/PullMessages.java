package dev.berth.gateway.image;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.berth.proto.v1.LayerProgress;
import dev.berth.proto.v1.PullProgress;
import dev.berth.proto.v1.PullResult;
import tools.jackson.databind.json.JsonMapper;

/**
 * A pull's progress events as the lines of Docker's JSON message stream, one JSON object per line,
 * the way dockerd words them: {@code {"status":"Pulling from x/y","id":"t"}}, per layer (id: the
 * first 12 hex digits of its digest) {@code Pulling fs layer} ... {@code Pull complete}, then
 * {@code Digest: ...} and {@code Status: ...}, whose last words clients such as Testcontainers check.
 */
final class PullMessages {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int SHORT_ID = 12;

    private PullMessages() {
    }

    /** The line(s), each ending in a newline, for one event. */
    static String render(PullProgress event) {
        return switch (event.getEventCase()) {
            case STARTED -> line(status("Pulling from " + event.getStarted().getRepository(),
                    event.getStarted().getTagOrDigest()));
            case LAYER -> line(layer(event.getLayer()));
            case RESULT -> result(event.getResult());
            case LAYERS -> "";
            case EVENT_NOT_SET -> "";
        };
    }

    /** Docker's last line of a pull that failed after its stream began: the CLI prints it and exits 1. */
    static String error(String message) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("errorDetail", Map.of("message", message));
        line.put("error", message);
        return line(line);
    }

    private static String result(PullResult result) {
        String status = result.getUpToDate()
                ? "Status: Image is up to date for " + result.getReference()
                : "Status: Downloaded newer image for " + result.getReference();
        return line(status("Digest: " + result.getManifestDigest(), null)) + line(status(status, null));
    }

    private static Map<String, Object> layer(LayerProgress layer) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("status", phaseStatus(layer.getPhase()));
        boolean measured = layer.getPhase() == dev.berth.proto.v1.LayerPhase.DOWNLOADING
                || layer.getPhase() == dev.berth.proto.v1.LayerPhase.EXTRACTING;
        if (measured) {
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("current", layer.getCurrent());
            detail.put("total", layer.getTotal());
            line.put("progressDetail", detail);
            line.put("progress", ProgressBar.of(layer.getCurrent(), layer.getTotal()));
        } else {
            line.put("progressDetail", Map.of());
        }
        line.put("id", shortId(layer.getDigest()));
        return line;
    }

    private static String phaseStatus(dev.berth.proto.v1.LayerPhase phase) {
        return switch (phase) {
            case PULLING_FS_LAYER -> "Pulling fs layer";
            case WAITING -> "Waiting";
            case DOWNLOADING -> "Downloading";
            case VERIFYING_CHECKSUM -> "Verifying Checksum";
            case DOWNLOAD_COMPLETE -> "Download complete";
            case EXTRACTING -> "Extracting";
            case PULL_COMPLETE -> "Pull complete";
            case ALREADY_EXISTS -> "Already exists";
            case LAYER_PHASE_UNSPECIFIED, UNRECOGNIZED -> phase.name();
        };
    }

    private static String shortId(String digest) {
        String hex = digest.substring(digest.indexOf(':') + 1);
        return hex.length() > SHORT_ID ? hex.substring(0, SHORT_ID) : hex;
    }

    private static Map<String, Object> status(String status, String id) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("status", status);
        if (id != null) {
            line.put("id", id);
        }
        return line;
    }

    private static String line(Map<String, Object> json) {
        return JSON.writeValueAsString(json) + "\n";
    }
}
