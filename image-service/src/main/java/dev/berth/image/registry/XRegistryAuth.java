package dev.berth.image.registry;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.berth.common.error.BerthException;

/**
 * Decodes Docker's {@code X-Registry-Auth} header: base64url of a JSON AuthConfig
 * ({@code username}, {@code password}, {@code auth}, {@code serveraddress}, {@code identitytoken},
 * {@code registrytoken}). Like dockerd it accepts standard base64 and missing padding, because
 * clients in the wild send both.
 */
public final class XRegistryAuth {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private XRegistryAuth() {
    }

    /**
     * @return anonymous credentials for a missing or empty header
     * @throws BerthException {@code invalid X-Registry-Auth header: ...} when it is not
     *         base64 of a JSON object
     */
    public static RegistryCredentials decode(String header) {
        if (header == null || header.isBlank()) {
            return RegistryCredentials.anonymous();
        }
        String urlSafe = header.strip().replace('+', '-').replace('/', '_').replace("=", "");
        byte[] json;
        try {
            json = Base64.getUrlDecoder().decode(urlSafe);
        } catch (IllegalArgumentException e) {
            throw invalid(e.getMessage(), e);
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(json);
        } catch (JacksonException e) {
            throw invalid(e.getOriginalMessage(), e);
        }
        if (node == null || !node.isObject()) {
            throw invalid("not a JSON object", null);
        }
        String username = text(node, "username");
        String password = text(node, "password");
        String auth = text(node, "auth");
        if (username.isEmpty() && !auth.isEmpty()) {
            String[] pair = decodeAuthField(auth);
            username = pair[0];
            password = pair[1];
        }
        return new RegistryCredentials(username, password, text(node, "identitytoken"), text(node, "registrytoken"));
    }

    /** The legacy {@code auth} field: standard base64 of {@code username:password}. */
    private static String[] decodeAuthField(String auth) {
        String decoded;
        try {
            decoded = new String(Base64.getMimeDecoder().decode(auth), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw invalid("auth: " + e.getMessage(), e);
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            throw invalid("auth: missing ':' between username and password", null);
        }
        return new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? "" : value.asString();
    }

    private static BerthException invalid(String reason, Throwable cause) {
        return BerthException.invalid("invalid X-Registry-Auth header: " + reason, cause);
    }
}
