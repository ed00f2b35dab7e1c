package dev.berth.image.archive;

import java.util.Map;
import java.util.Optional;

import dev.berth.image.content.BlobInfo;

/**
 * What an archive held: its small JSON documents in memory ({@code manifest.json},
 * {@code index.json}, ...) and every other file as a blob already in the content store (not yet
 * referenced by any image), by its path in the archive.
 */
record ArchiveContents(Map<String, byte[]> documents, Map<String, BlobInfo> files) {

    Optional<byte[]> document(String name) {
        return Optional.ofNullable(documents.get(name));
    }

    /** @throws dev.berth.common.error.BerthException when the archive has no such file */
    BlobInfo file(String path, String namedBy) {
        String name = path;
        while (name.startsWith("./")) {
            name = name.substring(2);
        }
        BlobInfo blob = files.get(name);
        if (blob == null) {
            throw ArchiveEntryRules.invalid(namedBy + " names " + path + ", which is not in the archive");
        }
        return blob;
    }
}
