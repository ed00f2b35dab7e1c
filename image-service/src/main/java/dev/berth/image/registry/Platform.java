package dev.berth.image.registry;

import java.util.Locale;

import dev.berth.common.error.BerthException;

/**
 * An image platform in Go's names ({@code linux/amd64}, {@code linux/arm/v7}). Values are
 * normalised the way containerd normalises them, so that {@code linux/aarch64} equals
 * {@code linux/arm64/v8} and a bare {@code linux/arm} means {@code linux/arm/v7}.
 */
public record Platform(String os, String architecture, String variant) {

    public Platform {
        os = os == null ? "" : os.toLowerCase(Locale.ROOT);
        architecture = goArch(architecture == null ? "" : architecture.toLowerCase(Locale.ROOT));
        variant = defaultVariant(architecture, variant == null ? "" : variant.toLowerCase(Locale.ROOT));
    }

    /** The host: Linux with the JVM's {@code os.arch} in GOARCH names. */
    public static Platform host() {
        return new Platform("linux", System.getProperty("os.arch"), "");
    }

    /** Parses {@code os/arch[/variant]}, as {@code docker pull --platform} takes it. */
    public static Platform parse(String text) {
        String[] parts = text == null ? new String[0] : text.split("/", -1);
        if (parts.length < 2 || parts.length > 3 || parts[0].isEmpty() || parts[1].isEmpty()) {
            throw BerthException.invalid("invalid platform: " + text + ", expected os/arch[/variant]");
        }
        return new Platform(parts[0], parts[1], parts.length == 3 ? parts[2] : "");
    }

    private static String goArch(String arch) {
        return switch (arch) {
            case "x86_64", "x86-64", "amd64" -> "amd64";
            case "aarch64", "arm64" -> "arm64";
            case "x86", "i386", "i486", "i586", "i686" -> "386";
            case "armhf", "armel", "arm" -> "arm";
            default -> arch;
        };
    }

    private static String defaultVariant(String architecture, String variant) {
        if (architecture.equals("arm64") && (variant.isEmpty() || variant.equals("8"))) {
            return "v8";
        }
        if (architecture.equals("arm") && variant.isEmpty()) {
            return "v7";
        }
        if (architecture.equals("arm") && variant.length() == 1 && Character.isDigit(variant.charAt(0))) {
            return "v" + variant;
        }
        return variant;
    }

    /** {@code os/arch[/variant]}, as Docker prints it. */
    @Override
    public String toString() {
        return os + "/" + architecture + (variant.isEmpty() ? "" : "/" + variant);
    }
}
