package dev.berth.image.registry;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.berth.common.digest.Digest;
import dev.berth.common.error.BerthException;

/**
 * Parses manifest JSON into {@link ManifestDocument}s. The media type comes from the document's own
 * {@code mediaType} (covered by the digest), else the response's Content-Type, else the shape of an
 * OCI document, which may omit it.
 */
public final class ManifestParser {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private ManifestParser() {
    }

    /** @throws IllegalArgumentException with the reason when the bytes are not a supported manifest */
    public static ManifestDocument parse(String contentType, byte[] bytes) {
        JsonNode root;
        try {
            root = MAPPER.readTree(bytes);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("invalid manifest JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("invalid manifest JSON: not an object");
        }
        String mediaType = mediaType(root, MediaTypes.essence(contentType));
        try {
            if (MediaTypes.isImageManifest(mediaType)) {
                return new ImageManifest(mediaType, descriptor(required(root, "config")), descriptors(root, "layers"));
            }
            if (MediaTypes.isIndex(mediaType)) {
                return new ImageIndex(mediaType, descriptors(root, "manifests"));
            }
        } catch (BerthException e) {
            throw new IllegalArgumentException("invalid manifest: " + e.getMessage(), e);
        }
        throw new IllegalArgumentException("unsupported manifest media type \"" + mediaType + "\"");
    }

    private static String mediaType(JsonNode root, String contentType) {
        String declared = text(root, "mediaType");
        if (!declared.isEmpty()) {
            return declared;
        }
        if (MediaTypes.isImageManifest(contentType) || MediaTypes.isIndex(contentType)) {
            return contentType;
        }
        if (root.has("manifests")) {
            return MediaTypes.OCI_INDEX;
        }
        if (root.has("config") && root.has("layers")) {
            return MediaTypes.OCI_MANIFEST;
        }
        return contentType;
    }

    private static List<Descriptor> descriptors(JsonNode root, String field) {
        JsonNode array = required(root, field);
        if (!array.isArray()) {
            throw new IllegalArgumentException("invalid manifest: \"" + field + "\" is not an array");
        }
        List<Descriptor> result = new ArrayList<>();
        for (JsonNode entry : array) {
            result.add(descriptor(entry));
        }
        return result;
    }

    private static Descriptor descriptor(JsonNode node) {
        JsonNode size = required(node, "size");
        if (!node.isObject() || !size.canConvertToLong() || !size.isIntegralNumber()) {
            throw new IllegalArgumentException("invalid manifest: descriptor without a valid size");
        }
        List<String> urls = new ArrayList<>();
        JsonNode urlArray = node.get("urls");
        if (urlArray != null && urlArray.isArray()) {
            urlArray.forEach(url -> urls.add(url.asString()));
        }
        JsonNode platform = node.get("platform");
        Platform parsed = platform == null || !platform.isObject() ? null
                : new Platform(text(platform, "os"), text(platform, "architecture"), text(platform, "variant"));
        return new Descriptor(text(node, "mediaType"), Digest.parse(text(node, "digest")), size.asLong(), urls,
                parsed);
    }

    private static JsonNode required(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException("invalid manifest: missing \"" + field + "\"");
        }
        return value;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || !value.isString() ? "" : value.asString();
    }
}
