package dev.berth.gateway.build.copy;

import dev.berth.common.compress.Decompression;
import dev.berth.gateway.build.BuildFailure;
import dev.berth.gateway.build.context.ContextPaths;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.UnaryOperator;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Entries of a tar copied into a {@link CopyTar} under new names: a local archive that ADD unpacks
 * (plain, gzip or bzip2; its owners kept, as Docker keeps them) or a path of another image that
 * COPY --from takes (owned by root, as every COPY). Names are untrusted: one climbing out of the
 * destination is refused. Device nodes and FIFOs are left out.
 */
public final class ArchiveEntries {

    private ArchiveEntries() {
    }

    /**
     * Whether the file is a tar, plain or compressed (gzip, bzip2, xz, zstd), as ADD unpacks them; a
     * compressed file that is not a tar inside is copied as it is, as Docker does.
     */
    public static boolean isArchive(InputStream head) throws IOException {
        byte[] start = Decompression.decompressed(head).readNBytes(512);
        return start.length >= 262 && new String(start, 257, 5, StandardCharsets.US_ASCII).equals("ustar");
    }

    /**
     * @param rename the entry's name in the tar (cleaned, relative) to its name in the image, or
     *               null to leave it out
     */
    public static void copy(InputStream archive, UnaryOperator<String> rename, CopyTar out, boolean keepOwners)
            throws IOException {
        try (TarArchiveInputStream tar = new TarArchiveInputStream(Decompression.decompressed(archive))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                String name = ContextPaths.clean(entry.getName().replaceFirst("^/+", ""));
                if (name == null) {
                    throw new BuildFailure("the archive's entry " + entry.getName() + " climbs out of its destination");
                }
                String target = rename.apply(name);
                if (target == null || target.isEmpty()) {
                    continue;
                }
                int uid = keepOwners ? (int) entry.getLongUserId() : 0;
                int gid = keepOwners ? (int) entry.getLongGroupId() : 0;
                long mtime = entry.getModTime().getTime();
                if (entry.isDirectory()) {
                    out.directory(target, entry.getMode(), mtime, uid, gid);
                } else if (entry.isSymbolicLink()) {
                    out.symlink(target, entry.getLinkName(), mtime, uid, gid);
                } else if (entry.isLink()) {
                    String linked = ContextPaths.clean(entry.getLinkName().replaceFirst("^/+", ""));
                    String linkedTarget = linked == null ? null : rename.apply(linked);
                    if (linkedTarget == null) {
                        throw new BuildFailure("the archive's hard link " + entry.getName() + " leads out of it");
                    }
                    out.hardlink(target, linkedTarget, mtime, uid, gid);
                } else if (entry.isFile()) {
                    out.file(target, tar, entry.getSize(), entry.getMode(), mtime, uid, gid);
                }
            }
        }
    }
}
