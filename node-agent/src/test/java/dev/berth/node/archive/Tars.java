package dev.berth.node.archive;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/** Tars built entry by entry for tests, names kept exactly as given (absolute ones too). */
final class Tars {

    static final Instant TIME = Instant.parse("2021-03-04T05:06:07Z");

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes);
    private int uid;
    private int gid;

    Tars() {
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
    }

    Tars file(String name, String content, int mode) throws IOException {
        byte[] data = content.getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry entry = entry(name, TarConstants.LF_NORMAL, mode);
        entry.setSize(data.length);
        tar.putArchiveEntry(entry);
        tar.write(data);
        tar.closeArchiveEntry();
        return this;
    }

    Tars dir(String name, int mode) throws IOException {
        return put(entry(name.endsWith("/") ? name : name + "/", TarConstants.LF_DIR, mode));
    }

    Tars symlink(String name, String target) throws IOException {
        TarArchiveEntry entry = entry(name, TarConstants.LF_SYMLINK, 0777);
        entry.setLinkName(target);
        return put(entry);
    }

    Tars hardlink(String name, String target) throws IOException {
        return hardlink(name, target, 0644);
    }

    /** {@code mode} applies to the file linked to: a hard link has no mode of its own. */
    Tars hardlink(String name, String target, int mode) throws IOException {
        TarArchiveEntry entry = entry(name, TarConstants.LF_LINK, mode);
        entry.setLinkName(target);
        return put(entry);
    }

    Tars charDevice(String name) throws IOException {
        TarArchiveEntry entry = entry(name, TarConstants.LF_CHR, 0666);
        entry.setDevMajor(1);
        entry.setDevMinor(3);
        return put(entry);
    }

    Tars owner(int uid, int gid) {
        this.uid = uid;
        this.gid = gid;
        return this;
    }

    InputStream stream() throws IOException {
        tar.finish();
        return new ByteArrayInputStream(bytes.toByteArray());
    }

    private Tars put(TarArchiveEntry entry) throws IOException {
        tar.putArchiveEntry(entry);
        tar.closeArchiveEntry();
        return this;
    }

    private TarArchiveEntry entry(String name, byte type, int mode) {
        TarArchiveEntry entry = new TarArchiveEntry(name, type, true);
        entry.setMode(mode);
        entry.setModTime(FileTime.from(TIME));
        entry.setUserId(uid);
        entry.setGroupId(gid);
        return entry;
    }

    /** The entries of a tar by name, in order. */
    static Map<String, TarArchiveEntry> entries(byte[] tar) throws IOException {
        return read(tar, null);
    }

    /** The entries by name, and each regular file's content into {@code contents}. */
    static Map<String, TarArchiveEntry> read(byte[] tar, Map<String, String> contents) throws IOException {
        Map<String, TarArchiveEntry> entries = new LinkedHashMap<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(tar))) {
            TarArchiveEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                entries.put(entry.getName(), entry);
                if (contents != null && entry.isFile() && !entry.isLink()) {
                    contents.put(entry.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
        }
        return entries;
    }

    static List<String> names(byte[] tar) throws IOException {
        return new ArrayList<>(entries(tar).keySet());
    }
}
