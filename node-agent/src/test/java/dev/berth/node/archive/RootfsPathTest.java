package dev.berth.node.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RootfsPathTest {

    @TempDir
    Path tmp;
    Path root;
    RootfsPath paths;

    @BeforeEach
    void setUp() throws IOException {
        root = Files.createDirectories(tmp.resolve("rootfs"));
        Files.createDirectories(root.resolve("etc"));
        Files.createDirectories(root.resolve("srv/www"));
        paths = new RootfsPath(root);
    }

    @Test
    void plainPathsResolveUnderTheRoot() throws IOException {
        assertEquals(root.resolve("etc/passwd"), paths.resolve("/etc/passwd"));
        assertEquals(root.resolve("etc/passwd"), paths.resolve("etc//./passwd"));
        assertEquals(root, paths.resolve("/"));
    }

    @Test
    void dotDotStopsAtTheRoot() throws IOException {
        assertEquals(root.resolve("etc"), paths.resolve("/../../../etc"));
        assertEquals(root.resolve("x"), paths.resolve("srv/../../x"));
    }

    @Test
    void absoluteSymlinkIsFollowedInsideTheRoot() throws IOException {
        Files.createSymbolicLink(root.resolve("out"), tmp);
        Path resolved = paths.resolve("/out/secret");
        assertEquals(root.resolve(tmp.toString().substring(1)).resolve("secret"), resolved);
        assertTrue(resolved.startsWith(root));
    }

    @Test
    void relativeSymlinkClimbingOutStopsAtTheRoot() throws IOException {
        Files.createSymbolicLink(root.resolve("srv/up"), Path.of("../../../../.."));
        assertEquals(root.resolve("etc/shadow"), paths.resolve("/srv/up/etc/shadow"));
    }

    @Test
    void symlinkInsideTheRootIsFollowed() throws IOException {
        Files.createSymbolicLink(root.resolve("www"), Path.of("srv/www"));
        assertEquals(root.resolve("srv/www/index.html"), paths.resolve("/www/index.html"));
    }

    @Test
    void finalLinkIsKeptWhenNotFollowing() throws IOException {
        Files.createSymbolicLink(root.resolve("www"), Path.of("/srv/www"));
        assertEquals(root.resolve("www"), paths.resolveNoFollow("/www"));
        assertEquals(root.resolve("srv/www"), paths.resolve("/www"));
        assertEquals(root.resolve("srv/www/a"), paths.resolveNoFollow("/www/a"));
    }

    @Test
    void linkLoopIsAnError() throws IOException {
        Files.createSymbolicLink(root.resolve("a"), Path.of("b"));
        Files.createSymbolicLink(root.resolve("b"), Path.of("a"));
        assertThrows(IOException.class, () -> paths.resolve("/a/x"));
    }

    @Test
    void nulByteIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> paths.resolve("/etc\0/passwd"));
    }
}
