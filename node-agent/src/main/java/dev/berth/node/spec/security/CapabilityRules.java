package dev.berth.node.spec.security;

import dev.berth.proto.v1.HostConfig;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The container's capability set as Docker computes it (moby's TweakCapabilities): privileged
 * gets all, CapAdd ALL gets all but the dropped, CapDrop ALL gets only the added, otherwise the
 * default set minus the dropped plus the added. "All" is this host's bounding set.
 */
public final class CapabilityRules {

    private CapabilityRules() {
    }

    /** Checks and normalises CapAdd and CapDrop even when privileged, as Docker validates them at create. */
    public static List<String> resolve(HostConfig host, HostCapabilities available) {
        List<String> adds = normalise("CapAdd", host.getCapAddList(), available);
        List<String> drops = normalise("CapDrop", host.getCapDropList(), available);
        if (host.getPrivileged()) {
            return available.names();
        }
        if (adds.isEmpty() && drops.isEmpty()) {
            return CapabilityNames.DOCKER_DEFAULT;
        }
        Set<String> caps = new LinkedHashSet<>();
        if (adds.contains(CapabilityNames.ALL)) {
            available.names().stream().filter(c -> !drops.contains(c)).forEach(caps::add);
        } else if (drops.contains(CapabilityNames.ALL)) {
            caps.addAll(adds);
        } else {
            CapabilityNames.DOCKER_DEFAULT.stream().filter(c -> !drops.contains(c)).forEach(caps::add);
            caps.addAll(adds);
        }
        return List.copyOf(caps);
    }

    private static List<String> normalise(String field, List<String> values, HostCapabilities available) {
        List<String> out = new ArrayList<>();
        values.forEach(v -> out.add(CapabilityNames.normalise(field, v, available)));
        return out;
    }
}
