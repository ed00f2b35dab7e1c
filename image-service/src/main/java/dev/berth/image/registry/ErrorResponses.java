package dev.berth.image.registry;

import java.util.Locale;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.berth.image.reference.ImageReference;

/**
 * The one place registry answers become exceptions. The registry's error ({@code {"errors":
 * [{"code":"MANIFEST_UNKNOWN","message":"manifest unknown"}]}}) is shown as Docker shows it,
 * {@code manifest unknown: manifest unknown}; pulls get Docker's pull messages on top.
 */
final class ErrorResponses {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final int BODY_LIMIT = 64 * 1024;

    private ErrorResponses() {
    }

    /** The error for an answer the caller did not expect. */
    static RegistryException toException(Response response) {
        return toException(response, null);
    }

    /** @param pulled the reference being pulled, for Docker's pull messages; {@code null} otherwise */
    static RegistryException toException(Response response, ImageReference pulled) {
        byte[] body = response.request().method().equals("HEAD") ? new byte[0] : readQuietly(response);
        RegistryError error = registryError(response, body);
        if (pulled != null) {
            RegistryException translated = translatePull(error, pulled);
            if (translated != null) {
                return translated;
            }
        }
        return classify(error, response.status(), response.request().describe() + ": " + error);
    }

    /**
     * A token service's refusal, without a prefix: the caller reports it under the registry request
     * that needed the token, as Docker does ({@code Head "<registry url>": unauthorized: ...}).
     */
    static RegistryException tokenError(Response response) {
        RegistryError error = registryError(response, readQuietly(response));
        return classify(error, response.status(), error.toString());
    }

    private static RegistryException classify(RegistryError error, int status, String message) {
        return switch (error.code) {
            case "UNAUTHORIZED", "DENIED" -> new RegistryUnauthorizedException(message);
            case "MANIFEST_UNKNOWN", "BLOB_UNKNOWN", "NAME_UNKNOWN", "BLOB_UPLOAD_UNKNOWN" ->
                    new RegistryNotFoundException(message);
            case "TOOMANYREQUESTS" -> new RegistryUnavailableException(message, null);
            default -> status >= 500 ? new RegistryUnavailableException(message, null) : new RegistryException(message);
        };
    }

    /** The same failure, introduced by the registry call it happened under. */
    static RegistryException underCall(RegistryException failure, Request request) {
        String message = request.describe() + ": " + failure.getMessage();
        if (failure instanceof RegistryUnauthorizedException) {
            return new RegistryUnauthorizedException(message);
        }
        if (failure instanceof RegistryUnavailableException) {
            return new RegistryUnavailableException(message, failure);
        }
        return new RegistryException(message, failure);
    }

    private static RegistryException translatePull(RegistryError error, ImageReference pulled) {
        return switch (error.code) {
            case "MANIFEST_UNKNOWN" -> new RegistryNotFoundException(
                    "manifest for " + pulled.familiarString() + " not found: " + error);
            case "NAME_UNKNOWN" -> new RegistryNotFoundException(
                    "repository " + pulled.familiarName() + " not found: " + error);
            case "DENIED" -> new PullAccessDeniedException("pull access denied for " + pulled.familiarName()
                    + ", repository does not exist or may require 'docker login': " + error);
            default -> null;
        };
    }

    /** The first error of the body, else one derived from the status, as Docker's client does. */
    private static RegistryError registryError(Response response, byte[] body) {
        String challengeError = insufficientScope(response);
        if (challengeError != null) {
            return new RegistryError("DENIED", challengeError);
        }
        RegistryError parsed = parse(body);
        if (parsed != null) {
            return parsed;
        }
        return switch (response.status()) {
            case 401 -> new RegistryError("UNAUTHORIZED", "authentication required");
            case 403 -> new RegistryError("DENIED", "requested access to the resource is denied");
            case 404 -> notFound(response);
            case 429 -> new RegistryError("TOOMANYREQUESTS", "too many requests");
            default -> new RegistryError("", "received unexpected HTTP status: " + response.status()
                    + reason(response.status()));
        };
    }

    /** A Bearer challenge with {@code error="insufficient_scope"} means the token lacks access: denied. */
    private static String insufficientScope(Response response) {
        if (response.status() != 401) {
            return null;
        }
        for (String header : response.headers().allValues("WWW-Authenticate")) {
            for (AuthChallenge challenge : AuthChallenge.parse(header)) {
                if (challenge.scheme().equals("bearer") && challenge.parameter("error").equals("insufficient_scope")) {
                    String description = challenge.parameter("error_description");
                    return description.isEmpty() ? "requested access to the resource is denied" : description;
                }
            }
        }
        return null;
    }

    private static RegistryError notFound(Response response) {
        String path = response.uri().getPath();
        if (path.contains("/manifests/")) {
            return new RegistryError("MANIFEST_UNKNOWN", "manifest unknown");
        }
        if (path.contains("/blobs/uploads/")) {
            return new RegistryError("BLOB_UPLOAD_UNKNOWN", "blob upload unknown to registry");
        }
        if (path.contains("/blobs/")) {
            return new RegistryError("BLOB_UNKNOWN", "blob unknown to registry");
        }
        return new RegistryError("", "received unexpected HTTP status: 404 Not Found");
    }

    /** {@code {"errors":[...]}} from registries, {@code {"details":"..."}} from some token services. */
    private static RegistryError parse(byte[] body) {
        if (body.length == 0) {
            return null;
        }
        try {
            JsonNode root = MAPPER.readTree(body);
            JsonNode errors = root == null ? null : root.get("errors");
            if (errors != null && errors.isArray() && !errors.isEmpty()) {
                JsonNode first = errors.get(0);
                return new RegistryError(text(first, "code").toUpperCase(Locale.ROOT), text(first, "message"));
            }
            if (root != null && root.has("details")) {
                return new RegistryError("UNAUTHORIZED", text(root, "details"));
            }
        } catch (JacksonException e) {
            // not JSON (an HTML error page, say): fall back to the status
        }
        return null;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || !value.isString() ? "" : value.asString();
    }

    private static byte[] readQuietly(Response response) {
        try {
            return response.bytes(BODY_LIMIT);
        } catch (RegistryException e) {
            return new byte[0];
        }
    }

    private static String reason(int status) {
        return switch (status) {
            case 400 -> " Bad Request";
            case 404 -> " Not Found";
            case 405 -> " Method Not Allowed";
            case 500 -> " Internal Server Error";
            case 502 -> " Bad Gateway";
            case 503 -> " Service Unavailable";
            case 504 -> " Gateway Timeout";
            default -> "";
        };
    }

    /** An errcode as Docker prints it: the code in lower case with spaces, then the message. */
    private record RegistryError(String code, String message) {
        @Override
        public String toString() {
            if (code.isEmpty()) {
                return message;
            }
            return code.toLowerCase(Locale.ROOT).replace('_', ' ') + ": " + message;
        }
    }
}
