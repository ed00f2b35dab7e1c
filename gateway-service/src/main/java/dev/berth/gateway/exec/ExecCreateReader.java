package dev.berth.gateway.exec;

import dev.berth.gateway.api.DockerApiException;
import dev.berth.proto.v1.ExecConfig;
import tools.jackson.databind.JsonNode;

/**
 * Reads Docker's ExecConfig (POST /containers/{id}/exec). What Berth does not honour yet is
 * refused with a 400 naming it, never dropped.
 */
final class ExecCreateReader {

    private ExecCreateReader() {
    }

    static ExecConfig read(JsonNode body) {
        if (body == null || body.isNull()) {
            throw DockerApiException.badRequest("No exec command specified");
        }
        if (!body.path("DetachKeys").asString("").isEmpty()) {
            throw DockerApiException.badRequest("DetachKeys is not supported by Berth yet");
        }
        ExecConfig.Builder config = ExecConfig.newBuilder()
                .setUser(body.path("User").asString(""))
                .setWorkingDir(body.path("WorkingDir").asString(""))
                .setTty(body.path("Tty").asBoolean(false))
                .setPrivileged(body.path("Privileged").asBoolean(false))
                .setAttachStdin(body.path("AttachStdin").asBoolean(false))
                .setAttachStdout(body.path("AttachStdout").asBoolean(false))
                .setAttachStderr(body.path("AttachStderr").asBoolean(false));
        body.path("Cmd").forEach(arg -> config.addCmd(arg.asString("")));
        body.path("Env").forEach(entry -> config.addEnv(entry.asString("")));
        if (config.getCmdCount() == 0) {
            throw DockerApiException.badRequest("No exec command specified");
        }
        JsonNode size = body.path("ConsoleSize");
        if (size.isArray() && size.size() == 2) {
            config.setConsoleHeight(size.get(0).asInt(0)).setConsoleWidth(size.get(1).asInt(0));
        }
        return config.build();
    }
}
