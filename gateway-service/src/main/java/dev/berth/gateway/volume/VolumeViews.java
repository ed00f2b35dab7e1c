package dev.berth.gateway.volume;

import dev.berth.gateway.container.DockerTime;
import dev.berth.proto.v1.Volume;
import java.util.LinkedHashMap;
import java.util.Map;

/** A volume in Docker's shape (GET /volumes/{name}, each entry of GET /volumes and of /system/df). */
public final class VolumeViews {

    private VolumeViews() {
    }

    public static Map<String, Object> view(Volume v) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("CreatedAt", DockerTime.rfc3339Nano(true, v.getCreated()));
        out.put("Driver", v.getDriver());
        out.put("Labels", v.getLabelsMap());
        out.put("Mountpoint", v.getMountpoint());
        out.put("Name", v.getName());
        out.put("Options", v.getOptionsCount() == 0 ? null : v.getOptionsMap());
        out.put("Scope", "local");
        return out;
    }
}
