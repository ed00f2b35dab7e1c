package dev.berth.node.support;

import java.io.IOException;

/** The host bridges the integration tests' agents make (CNI never deletes a bridge): deleted after them. */
public final class TestBridges {

    private TestBridges() {
    }

    public static void delete(String name) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("ip", "link", "delete", name).redirectErrorStream(true).start();
        process.getInputStream().readAllBytes();
        process.waitFor();
    }
}
