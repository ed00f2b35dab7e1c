package dev.berth.node.changes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Needs root for mknod and trusted.* xattrs (as the agent itself). */
class ImageDirectoryTest {

    @TempDir
    Path tmp;
    ImageDirectory image;

    @BeforeEach
    void setUp() throws IOException {
        Layers bottom = new Layers(tmp.resolve("0")).file("etc/a", "a").file("etc/b", "b").file("var/lib/x", "x")
                .file("usr/share/doc", "d").file("srv/file", "f");
        Layers middle = new Layers(tmp.resolve("1")).whiteout("etc/a").opaque("var").file("var/new", "n")
                .file("srv", "now a file");
        Layers top = new Layers(tmp.resolve("2")).file("etc/a", "again").dir("srv").file("srv/top", "t");
        image = ImageDirectory.root(List.of(top.root(), middle.root(), bottom.root()));
    }

    @Test
    void names_mergedFromTheLayersWithoutWhatIsWhitedOut() throws IOException {
        assertThat(image.names()).containsExactly("etc", "srv", "usr", "var");
        assertThat(image.directory("etc").names()).containsExactly("a", "b");
        assertThat(image.directory("etc").entry("b")).isNotNull();
    }

    @Test
    void directory_anOpaqueDirectoryHidesTheLayersBelow() throws IOException {
        assertThat(image.directory("var").names()).containsExactly("new");
        assertThat(image.directory("var").entry("lib")).isNull();
        assertThat(image.directory("var").directory("lib")).isNull();
    }

    @Test
    void directory_aNonDirectoryEndsTheMerge() throws IOException {
        // srv: a directory in the top layer over a file, over the bottom layer's directory
        assertThat(image.directory("srv").names()).containsExactly("top");
        assertThat(image.directory("srv").entry("file")).isNull();
    }

    @Test
    void entry_aNameWhitedOutAndMadeAgainAbove_isTheTopOne() throws IOException {
        assertThat(image.directory("etc").entry("a")).isNotNull();
        assertThat(image.directory("etc").entry("a").isWhiteout()).isFalse();
        assertThat(image.directory("usr").directory("share").entry("doc").isDirectory()).isFalse();
        assertThat(image.directory("usr").directory("share").directory("doc")).isNull();
    }
}
