package dev.berth.image.archive;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;

import dev.berth.common.error.BerthException;

/**
 * What an archive to load may hold: regular files and directories under relative paths that stay
 * inside the archive. Links, devices, absolute paths, {@code ..}, NUL bytes and absurdly long names
 * are refused: a loaded archive is untrusted.
 */
final class ArchiveEntryRules {

    static final int MAX_NAME = 1024;

    private ArchiveEntryRules() {
    }

    /**
     * @return the entry's name without a leading {@code ./} and trailing {@code /}
     * @throws BerthException INVALID_ARGUMENT naming the entry
     */
    static String check(TarArchiveEntry entry) {
        String raw = entry.getName();
        if (raw.length() > MAX_NAME) {
            throw invalid("entry name longer than " + MAX_NAME + " characters");
        }
        if (raw.indexOf('\0') >= 0 || raw.indexOf('\\') >= 0) {
            throw invalid("entry name with a NUL or backslash: " + printable(raw));
        }
        if (raw.startsWith("/")) {
            throw invalid("absolute path " + raw);
        }
        String name = raw;
        while (name.startsWith("./")) {
            name = name.substring(2);
        }
        while (name.endsWith("/")) {
            name = name.substring(0, name.length() - 1);
        }
        for (String segment : name.split("/")) {
            if (segment.equals("..")) {
                throw invalid("path escapes the archive: " + raw);
            }
        }
        if (entry.isSymbolicLink() || entry.isLink()) {
            throw invalid("links are not allowed: " + raw);
        }
        if (!entry.isFile() && !entry.isDirectory()) {
            throw invalid("only files and directories are allowed: " + raw);
        }
        if (entry.getSize() < 0) {
            throw invalid("negative size for " + raw);
        }
        return name;
    }

    static BerthException invalid(String reason) {
        return BerthException.invalid("invalid archive: " + reason);
    }

    private static String printable(String name) {
        return name.replace('\0', '?');
    }
}
