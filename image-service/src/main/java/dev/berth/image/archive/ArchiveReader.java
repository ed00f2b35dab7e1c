package dev.berth.image.archive;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

import dev.berth.common.digest.Digest;
import dev.berth.common.error.BerthException;
import dev.berth.image.content.BlobInfo;
import dev.berth.image.content.ContentWriter;
import dev.berth.image.content.Ingester;

/**
 * One pass over an archive to load: every entry checked by {@link ArchiveEntryRules}, the layout
 * documents read (bounded), every other file ingested into the content store, a
 * {@code blobs/sha256/<hex>} file verified against its name as it is committed. Blobs are
 * unreferenced until the loader records an image, so a refused archive leaves only garbage.
 */
final class ArchiveReader {

    static final Set<String> DOCUMENTS = Set.of("manifest.json", "index.json", "oci-layout", "repositories");
    static final int MAX_DOCUMENT = 16 * 1024 * 1024;
    static final int MAX_ENTRIES = 100_000;
    private static final String BLOB_PREFIX = "blobs/sha256/";

    private final Ingester content;

    ArchiveReader(Ingester content) {
        this.content = content;
    }

    ArchiveContents read(InputStream archive) {
        Map<String, byte[]> documents = new HashMap<>();
        Map<String, BlobInfo> files = new HashMap<>();
        Set<String> seen = new HashSet<>();
        try {
            TarArchiveInputStream tar = new TarArchiveInputStream(archive);
            int entries = 0;
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                if (++entries > MAX_ENTRIES) {
                    throw ArchiveEntryRules.invalid("more than " + MAX_ENTRIES + " entries");
                }
                String name = ArchiveEntryRules.check(entry);
                if (entry.isDirectory() || name.isEmpty()) {
                    continue;
                }
                if (!seen.add(name)) {
                    throw ArchiveEntryRules.invalid("duplicate entry " + name);
                }
                if (DOCUMENTS.contains(name)) {
                    if (entry.getSize() > MAX_DOCUMENT) {
                        throw ArchiveEntryRules.invalid(name + " is larger than " + MAX_DOCUMENT + " bytes");
                    }
                    documents.put(name, tar.readNBytes((int) entry.getSize()));
                } else {
                    files.put(name, ingest(name, tar, entry.getSize()));
                }
            }
        } catch (IOException e) {
            throw BerthException.invalid("invalid archive: " + e.getMessage(), e);
        }
        if (documents.isEmpty()) {
            throw ArchiveEntryRules.invalid("neither manifest.json nor index.json found");
        }
        return new ArchiveContents(documents, files);
    }

    private BlobInfo ingest(String name, InputStream in, long size) throws IOException {
        Digest expected = null;
        if (name.startsWith(BLOB_PREFIX) && Digest.isHex(name.substring(BLOB_PREFIX.length()))) {
            expected = Digest.fromHex(name.substring(BLOB_PREFIX.length()));
        }
        try (ContentWriter writer = content.writer()) {
            in.transferTo(writer.stream());
            return writer.commit(size, expected);
        } catch (BerthException e) {
            if (e.kind() == BerthException.Kind.FAILED_PRECONDITION) {
                throw ArchiveEntryRules.invalid(name + ": " + e.getMessage());
            }
            throw e;
        }
    }
}
