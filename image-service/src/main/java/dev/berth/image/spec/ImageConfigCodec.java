package dev.berth.image.spec;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import dev.berth.common.error.BerthException;

/** Reads and writes image config JSON. */
public final class ImageConfigCodec {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private ImageConfigCodec() {
    }

    public static byte[] encode(ImageConfigDocument document) {
        return MAPPER.writeValueAsBytes(document);
    }

    public static ImageConfigDocument decode(byte[] json) {
        try {
            return MAPPER.readValue(json, ImageConfigDocument.class);
        } catch (JacksonException e) {
            throw BerthException.invalid("invalid image config: " + e.getOriginalMessage(), e);
        }
    }
}
