package dev.berth.node.volume;

import dev.berth.node.archive.RootfsPath;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;

/**
 * Docker's copy-up: a volume that is still empty when a container mounts it gets the image's
 * content at the mount point first — files, directories and links with their modes, owners and
 * times; the volume's own directory takes the mode and owner of the image's directory. Links
 * are copied as links, never followed, so nothing outside the image is read.
 */
public final class VolumeCopyUp {

    private VolumeCopyUp() {
    }

    /** Copies {@code destination} of the rootfs into {@code volumeData} if the volume is empty; true if it did. */
    public static boolean fill(Path rootfs, String destination, Path volumeData) throws IOException {
        if (!isEmpty(volumeData)) {
            return false;
        }
        Path source = new RootfsPath(rootfs).resolve(destination);
        if (!Files.isDirectory(source, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        copyAttributes(source, volumeData);
        Files.walkFileTree(source, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                if (!dir.equals(source)) {
                    Path target = volumeData.resolve(source.relativize(dir).toString());
                    Files.createDirectory(target);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Path target = volumeData.resolve(source.relativize(file).toString());
                if (attrs.isSymbolicLink()) {
                    Files.createSymbolicLink(target, Files.readSymbolicLink(file));
                    chown(file, target);
                } else if (attrs.isRegularFile()) {
                    Files.copy(file, target, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
                    chown(file, target);
                }
                // devices, fifos and sockets in an image directory meant as a volume are left out
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException failure) throws IOException {
                if (failure != null) {
                    throw failure;
                }
                if (!dir.equals(source)) {
                    copyAttributes(dir, volumeData.resolve(source.relativize(dir).toString()));
                }
                return FileVisitResult.CONTINUE;
            }
        });
        return true;
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            return !entries.iterator().hasNext();
        }
    }

    private static void copyAttributes(Path from, Path to) throws IOException {
        PosixFileAttributes attrs = Files.readAttributes(from, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        PosixFileAttributeView view = Files.getFileAttributeView(to, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
        view.setOwner(attrs.owner());
        view.setGroup(attrs.group());
        view.setPermissions(attrs.permissions());
        FileTime modified = attrs.lastModifiedTime();
        view.setTimes(modified, attrs.lastAccessTime(), null);
    }

    private static void chown(Path from, Path to) throws IOException {
        PosixFileAttributes attrs = Files.readAttributes(from, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        PosixFileAttributeView view = Files.getFileAttributeView(to, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
        view.setOwner(attrs.owner());
        view.setGroup(attrs.group());
    }
}
