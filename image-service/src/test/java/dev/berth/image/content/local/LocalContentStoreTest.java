package dev.berth.image.content.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.berth.image.content.BlobInfo;
import dev.berth.image.content.ContentWriter;
import dev.berth.common.digest.Digest;
import dev.berth.common.error.BerthException;

class LocalContentStoreTest {

    private static final byte[] HELLO = "hello, berth".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path root;

    @Test
    void commit_newContent_isReadableUnderItsDigest() throws IOException {
        LocalContentStore store = new LocalContentStore(root);

        BlobInfo info = write(store, HELLO);

        assertThat(info).isEqualTo(new BlobInfo(Digest.of(HELLO), HELLO.length));
        assertThat(Files.readAllBytes(root.resolve("blobs/sha256/" + Digest.of(HELLO).hex()))).isEqualTo(HELLO);
        try (InputStream in = store.open(info.digest())) {
            assertThat(in.readAllBytes()).isEqualTo(HELLO);
        }
        assertThat(store.info(info.digest())).contains(info);
        assertThat(store.totalBytes()).isEqualTo(HELLO.length);
        assertThat(ingestFiles()).isZero();
    }

    @Test
    void commit_sameContentTwice_storesItOnce() throws IOException {
        LocalContentStore store = new LocalContentStore(root);

        BlobInfo first = write(store, HELLO);
        BlobInfo second = write(store, HELLO);

        assertThat(second).isEqualTo(first);
        assertThat(store.totalBytes()).isEqualTo(HELLO.length);
        try (var blobs = Files.list(root.resolve("blobs/sha256"))) {
            assertThat(blobs).hasSize(1);
        }
        assertThat(ingestFiles()).isZero();
    }

    @Test
    void commit_expectedDigestDiffers_leavesNothing() throws IOException {
        LocalContentStore store = new LocalContentStore(root);
        Digest other = Digest.of("something else".getBytes(StandardCharsets.UTF_8));
        ContentWriter writer = store.writer();
        writer.stream().write(HELLO);

        assertThatThrownBy(() -> writer.commit(HELLO.length, other))
                .isInstanceOf(BerthException.class)
                .hasMessage("unexpected commit digest " + Digest.of(HELLO) + ", expected " + other);
        assertThat(store.info(Digest.of(HELLO))).isEmpty();
        assertThat(store.info(other)).isEmpty();
        assertThat(ingestFiles()).isZero();
        assertThat(store.totalBytes()).isZero();
    }

    @Test
    void commit_expectedSizeDiffers_leavesNothing() throws IOException {
        LocalContentStore store = new LocalContentStore(root);
        ContentWriter writer = store.writer();
        writer.stream().write(HELLO);

        assertThatThrownBy(() -> writer.commit(HELLO.length + 1, null))
                .isInstanceOf(BerthException.class)
                .hasMessage("unexpected commit size " + HELLO.length + ", expected " + (HELLO.length + 1));
        assertThat(store.info(Digest.of(HELLO))).isEmpty();
        assertThat(ingestFiles()).isZero();
    }

    @Test
    void close_withoutCommit_discardsIngest() throws IOException {
        LocalContentStore store = new LocalContentStore(root);
        try (ContentWriter writer = store.writer()) {
            writer.stream().write(HELLO);
            assertThat(ingestFiles()).isEqualTo(1);
        }

        assertThat(ingestFiles()).isZero();
        assertThat(store.info(Digest.of(HELLO))).isEmpty();
    }

    @Test
    void constructor_leftoverIngestFromCrash_isRemoved() throws IOException {
        Files.createDirectories(root.resolve("ingest"));
        Files.write(root.resolve("ingest/ingest-123.partial"), HELLO);

        new LocalContentStore(root);

        assertThat(ingestFiles()).isZero();
    }

    @Test
    void constructor_existingBlobs_countTowardsUsage() {
        write(new LocalContentStore(root), HELLO);

        LocalContentStore reopened = new LocalContentStore(root);

        assertThat(reopened.totalBytes()).isEqualTo(HELLO.length);
        assertThat(reopened.info(Digest.of(HELLO))).isPresent();
    }

    @Test
    void open_unknownDigest_isNotFound() {
        LocalContentStore store = new LocalContentStore(root);
        Digest unknown = Digest.of(HELLO);

        assertThatThrownBy(() -> store.open(unknown))
                .isInstanceOf(BerthException.class)
                .hasMessage("content digest " + unknown + ": not found");
        assertThat(store.info(unknown)).isEmpty();
    }

    private static BlobInfo write(LocalContentStore store, byte[] content) {
        try (ContentWriter writer = store.writer()) {
            writer.stream().write(content);
            assertThat(writer.written()).isEqualTo(content.length);
            return writer.commit(content.length, Digest.of(content));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private long ingestFiles() throws IOException {
        try (var files = Files.list(root.resolve("ingest"))) {
            return files.count();
        }
    }
}
