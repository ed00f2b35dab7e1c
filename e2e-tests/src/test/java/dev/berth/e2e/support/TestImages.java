package dev.berth.e2e.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static dev.berth.e2e.support.DockerCli.docker;

/** The busybox images the suite runs, imported once per run from Debian's busybox-static. */
public final class TestImages {

    public static final String BUSYBOX = "bb:1";
    private static Path rootfs;
    private static boolean imported;

    private TestImages() {
    }

    /** A busybox rootfs tarball made by bin/busybox-rootfs. */
    public static synchronized Path busyboxRootfs() {
        if (rootfs == null) {
            try {
                Path tar = Files.createTempFile("busybox-rootfs", ".tar");
                tar.toFile().deleteOnExit();
                CommandResult made = Commands.run(Duration.ofMinutes(1),
                        BerthHome.HOME.resolve("bin/busybox-rootfs").toString(), tar.toString());
                if (made.exitCode() != 0) {
                    throw new AssertionError("bin/busybox-rootfs failed\n" + made);
                }
                rootfs = tar;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return rootfs;
    }

    /** Makes sure bb:1 exists, importing it through the CLI the first time. */
    public static synchronized String busybox() {
        if (!imported) {
            CommandResult result = docker("import", busyboxRootfs().toString(), BUSYBOX);
            if (result.exitCode() != 0) {
                throw new AssertionError("docker import failed\n" + result);
            }
            imported = true;
        }
        return BUSYBOX;
    }
}
