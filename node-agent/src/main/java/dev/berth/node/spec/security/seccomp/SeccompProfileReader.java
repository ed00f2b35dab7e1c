package dev.berth.node.spec.security.seccomp;

import dev.berth.common.error.BerthException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** Reads a profile sent as --security-opt seccomp=JSON (the CLI sends the file's content). */
public final class SeccompProfileReader {

    /** As Go's json.Unmarshal: unknown fields ignored, absent numbers zero (an arg's valueTwo). */
    private static final JsonMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES).build();

    private SeccompProfileReader() {
    }

    public static SeccompProfile read(String json) {
        SeccompProfile profile;
        try {
            profile = JSON.readValue(json, SeccompProfile.class);
        } catch (JacksonException e) {
            throw BerthException.invalid("Decoding seccomp profile failed: " + e.getOriginalMessage());
        }
        if (profile == null) {
            throw BerthException.invalid("Decoding seccomp profile failed: the profile is empty");
        }
        return profile;
    }
}
