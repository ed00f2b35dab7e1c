package dev.berth.image.importer;

import java.util.Locale;

import dev.berth.common.error.BerthException;

/** The os/architecture/variant an imported image is recorded with. */
record Platform(String os, String architecture, String variant) {

    /** The host: Linux, with the JVM's os.arch in Go's (GOARCH) names. */
    static Platform host() {
        return new Platform("linux", goArch(System.getProperty("os.arch")), "");
    }

    /** {@code os[/arch[/variant]]} as {@code docker import --platform} takes it; empty means the host. */
    static Platform parse(String text) {
        if (text == null || text.isBlank()) {
            return host();
        }
        String[] parts = text.toLowerCase(Locale.ROOT).split("/");
        if (parts.length > 3 || parts[0].isEmpty()) {
            throw BerthException.invalid("invalid platform: " + text);
        }
        if (!parts[0].equals("linux")) {
            throw BerthException.invalid("operating system is not supported: " + parts[0]);
        }
        String architecture = parts.length > 1 ? goArch(parts[1]) : host().architecture();
        return new Platform("linux", architecture, parts.length > 2 ? parts[2] : "");
    }

    static String goArch(String arch) {
        return switch (arch) {
            case "amd64", "x86_64", "x86-64" -> "amd64";
            case "aarch64", "arm64" -> "arm64";
            case "x86", "i386", "i486", "i586", "i686" -> "386";
            case "ppc64le" -> "ppc64le";
            case "s390x" -> "s390x";
            case "riscv64" -> "riscv64";
            default -> arch;
        };
    }
}
