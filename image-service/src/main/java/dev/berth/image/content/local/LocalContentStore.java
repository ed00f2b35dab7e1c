package dev.berth.image.content.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import dev.berth.image.content.BlobInfo;
import dev.berth.image.content.ContentStore;
import dev.berth.image.content.ContentWriter;
import dev.berth.common.digest.Digest;
import dev.berth.common.error.BerthException;

/**
 * A content store on the local filesystem: committed blobs in {@code <root>/blobs/sha256/<hex>},
 * ingests in progress in {@code <root>/ingest/}. An ingest left by a crash can never be resumed
 * (the writer's digest state is gone), so the ingest directory is emptied on start.
 */
public final class LocalContentStore implements ContentStore {

    private final Path blobDir;
    private final Path ingestDir;
    private final AtomicLong totalBytes = new AtomicLong();
    /** Ingests whose digest is known ahead (downloads), for {@link #follow}. */
    private final ConcurrentMap<Digest, LocalContentWriter> active = new ConcurrentHashMap<>();

    public LocalContentStore(Path root) {
        this.blobDir = root.resolve("blobs").resolve(Digest.ALGORITHM);
        this.ingestDir = root.resolve("ingest");
        try {
            Files.createDirectories(blobDir);
            Files.createDirectories(ingestDir);
            deleteLeftoverIngests();
            totalBytes.set(sumBlobSizes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open content store at " + root, e);
        }
    }

    @Override
    public InputStream open(Digest digest) {
        try {
            return Files.newInputStream(blobPath(digest));
        } catch (NoSuchFileException e) {
            throw BerthException.notFound("content digest " + digest + ": not found");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Optional<BlobInfo> info(Digest digest) {
        try {
            return Optional.of(new BlobInfo(digest, Files.size(blobPath(digest))));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public InputStream follow(Digest digest) {
        LocalContentWriter writing = active.get(digest);
        if (writing != null) {
            try {
                return writing.follow();
            } catch (IOException e) {
                throw BerthException.notFound("content digest " + digest + ": " + e.getMessage());
            }
        }
        return open(digest); // committed meanwhile, or never ingested
    }

    @Override
    public ContentWriter writer() {
        return writer(null);
    }

    @Override
    public ContentWriter writer(Digest expected) {
        try {
            Path ingest = Files.createTempFile(ingestDir, "ingest-", ".partial");
            LocalContentWriter writer = new LocalContentWriter(ingest, this, expected);
            if (expected != null) {
                active.putIfAbsent(expected, writer); // a second ingest of the same blob is not followed
            }
            return writer;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A writer's ingest ended (committed or discarded): it is no longer followed. */
    void ingestEnded(Digest expected, LocalContentWriter writer) {
        if (expected != null) {
            active.remove(expected, writer);
        }
    }

    @Override
    public List<BlobInfo> list() {
        List<BlobInfo> blobs = new ArrayList<>();
        try (Stream<Path> files = Files.list(blobDir)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                String name = file.getFileName().toString();
                if (Digest.isHex(name)) {
                    blobs.add(new BlobInfo(Digest.fromHex(name), Files.size(file)));
                }
            }
        } catch (NoSuchFileException e) {
            // a blob deleted while listing is simply not there
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return blobs;
    }

    @Override
    public synchronized long delete(Digest digest) {
        Path blob = blobPath(digest);
        try {
            long size = Files.size(blob);
            Files.delete(blob);
            totalBytes.addAndGet(-size);
            return size;
        } catch (NoSuchFileException e) {
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public long totalBytes() {
        return totalBytes.get();
    }

    Path blobPath(Digest digest) {
        return blobDir.resolve(digest.hex());
    }

    /** Called by a writer once its verified ingest file is ready to become {@code digest}. */
    synchronized BlobInfo publish(Path ingest, Digest digest, long size) throws IOException {
        Path target = blobPath(digest);
        if (Files.exists(target)) {
            Files.deleteIfExists(ingest);
            return new BlobInfo(digest, size);
        }
        Files.move(ingest, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        syncDirectory(blobDir);
        totalBytes.addAndGet(size);
        return new BlobInfo(digest, size);
    }

    private static void syncDirectory(Path directory) {
        // Makes the rename itself durable; a filesystem that refuses to sync a directory is no fault.
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException ignored) {
            // best effort
        }
    }

    private void deleteLeftoverIngests() throws IOException {
        try (Stream<Path> leftovers = Files.list(ingestDir)) {
            for (Path leftover : (Iterable<Path>) leftovers::iterator) {
                Files.deleteIfExists(leftover);
            }
        }
    }

    private long sumBlobSizes() throws IOException {
        long sum = 0;
        try (Stream<Path> blobs = Files.list(blobDir)) {
            for (Path blob : (Iterable<Path>) blobs::iterator) {
                sum += Files.size(blob);
            }
        }
        return sum;
    }
}
