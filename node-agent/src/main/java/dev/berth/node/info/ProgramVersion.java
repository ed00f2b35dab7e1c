package dev.berth.node.info;

import java.util.Optional;

import dev.berth.proto.v1.NodeDescription;

/**
 * Reads what {@code runc --version} and {@code conmon --version} print: a line
 * "NAME version X" and a line "commit: Y". A commit of "unknown" is no commit.
 */
final class ProgramVersion {

    private ProgramVersion() {
    }

    static Optional<NodeDescription.Program> parse(String name, String output) {
        String version = "";
        String commit = "";
        for (String line : output.split("\n")) {
            String trimmed = line.trim();
            if (trimmed.startsWith(name + " version ")) {
                version = trimmed.substring((name + " version ").length()).trim();
            } else if (trimmed.startsWith("commit:")) {
                commit = trimmed.substring("commit:".length()).trim();
            }
        }
        if (version.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(NodeDescription.Program.newBuilder().setVersion(version)
                .setCommit(commit.equals("unknown") ? "" : commit).build());
    }
}
