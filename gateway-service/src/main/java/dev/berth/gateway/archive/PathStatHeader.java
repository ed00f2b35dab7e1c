package dev.berth.gateway.archive;

import dev.berth.common.time.ProtoTimes;
import dev.berth.gateway.container.DockerTime;
import dev.berth.proto.v1.PathStat;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/** X-Docker-Container-Path-Stat: Docker's PathStat as JSON, base64 (standard alphabet, padded). */
final class PathStatHeader {

    static final String NAME = "X-Docker-Container-Path-Stat";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private PathStatHeader() {
    }

    static String encode(PathStat stat) {
        return Base64.getEncoder().encodeToString(json(stat).getBytes(StandardCharsets.UTF_8));
    }

    /** The JSON as Go marshals container.PathStat: its field order, mode a number, mtime RFC3339Nano. */
    static String json(PathStat stat) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("name", stat.getName());
        fields.put("size", stat.getSize());
        fields.put("mode", Integer.toUnsignedLong(stat.getMode()));
        fields.put("mtime", DockerTime.rfc3339Nano(ProtoTimes.instant(stat.getMtime())));
        fields.put("linkTarget", stat.getLinkTarget());
        return JSON.writeValueAsString(fields);
    }
}
