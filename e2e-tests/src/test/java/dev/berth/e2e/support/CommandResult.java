package dev.berth.e2e.support;

import java.nio.charset.StandardCharsets;

/** What a finished command printed and returned; the text forms decode the raw bytes as UTF-8. */
public record CommandResult(int exitCode, byte[] stdoutBytes, byte[] stderrBytes) {

    public String stdout() {
        return new String(stdoutBytes, StandardCharsets.UTF_8);
    }

    public String stderr() {
        return new String(stderrBytes, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\n--- stdout\n" + stdout() + "--- stderr\n" + stderr();
    }
}
