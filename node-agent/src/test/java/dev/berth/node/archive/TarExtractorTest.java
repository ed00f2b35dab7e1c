package dev.berth.node.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.common.error.BerthException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hostile and ordinary tars into a rootfs; "outside" is a host directory beside the rootfs. */
class TarExtractorTest {

    @TempDir
    Path tmp;
    Path root;
    Path outside;
    RootfsPath paths;

    @BeforeEach
    void setUp() throws IOException {
        root = Files.createDirectories(tmp.resolve("rootfs"));
        Files.createDirectories(root.resolve("etc"));
        Files.createDirectories(root.resolve("srv/www"));
        outside = Files.createDirectories(tmp.resolve("outside"));
        Files.writeString(outside.resolve("secret"), "host secret");
        paths = new RootfsPath(root);
    }

    private void extract(String destination, Tars tar) throws IOException {
        extract(destination, tar, TarExtractor.Options.keepOwners(true));
    }

    private void extract(String destination, Tars tar, TarExtractor.Options options) throws IOException {
        new TarExtractor(paths, destination, options).extract(tar.stream());
    }

    private void assertOutsideUntouched() throws IOException {
        try (Stream<Path> files = Files.walk(outside)) {
            assertThat(files.map(outside::relativize).map(Path::toString)).containsExactlyInAnyOrder("", "secret");
        }
        assertThat(Files.readString(outside.resolve("secret"))).isEqualTo("host secret");
        assertThat(Files.getAttribute(outside.resolve("secret"), "unix:nlink")).isEqualTo(1);
    }

    @Test
    void extractsFilesDirectoriesAndLinksWithTheirModesOwnersAndTimes() throws IOException {
        extract("/srv", new Tars().owner(1234, 5678)
                .dir("site", 0750)
                .file("site/index.html", "<h1>hi</h1>", 0640)
                .symlink("site/current", "index.html")
                .hardlink("site/again.html", "site/index.html", 0640));

        Path site = root.resolve("srv/site");
        assertThat(Files.readString(site.resolve("index.html"))).isEqualTo("<h1>hi</h1>");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(site.resolve("index.html")))).isEqualTo("rw-r-----");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(site))).isEqualTo("rwxr-x---");
        assertThat(Files.getAttribute(site.resolve("index.html"), "unix:uid")).isEqualTo(1234);
        assertThat(Files.getAttribute(site.resolve("index.html"), "unix:gid")).isEqualTo(5678);
        assertThat(Files.readSymbolicLink(site.resolve("current"))).isEqualTo(Path.of("index.html"));
        assertThat(Files.getAttribute(site.resolve("index.html"), "unix:ino"))
                .isEqualTo(Files.getAttribute(site.resolve("again.html"), "unix:ino"));
        assertThat(Files.getLastModifiedTime(site.resolve("index.html")).toInstant()).isEqualTo(Tars.TIME);
        assertThat(Files.getLastModifiedTime(site).toInstant()).isEqualTo(Tars.TIME);
    }

    @Test
    void dotDotClimbingOutIsRefusedAndNothingIsWritten() {
        assertThatThrownBy(() -> extract("/srv", new Tars().file("../../../../outside/x", "pwned", 0644)))
                .isInstanceOf(BerthException.class)
                .hasMessage("invalid entry name \"../../../../outside/x\"")
                .extracting(e -> ((BerthException) e).kind()).isEqualTo(BerthException.Kind.INVALID_ARGUMENT);
        assertThat(tmp.resolve("x")).doesNotExist();
        assertThat(root.resolve("x")).doesNotExist();
    }

    @Test
    void dotDotStayingInsideTheDestinationIsFine() throws IOException {
        extract("/srv", new Tars().file("www/../a.txt", "a", 0644));
        assertThat(root.resolve("srv/a.txt")).hasContent("a");
    }

    @Test
    void absoluteNamesLandUnderTheDestination() throws IOException {
        extract("/srv", new Tars().file(outside.resolve("x").toString(), "pwned", 0644).file("/etc/passwd", "root:x:0:0::/:/bin/sh", 0644));
        assertOutsideUntouched();
        assertThat(root.resolve("srv" + outside.resolve("x"))).hasContent("pwned");
        assertThat(root.resolve("srv/etc/passwd")).exists();
    }

    @Test
    void aSymlinkToAHostDirectoryThenAFileUnderItStaysInsideTheRoot() throws IOException {
        extract("/", new Tars()
                .symlink("evil", outside.toString())
                .file("evil/secret", "overwritten", 0644)
                .symlink("etc-link", "/etc")
                .file("etc-link/x", "in the container's /etc", 0644));

        assertOutsideUntouched();
        assertThat(Files.readSymbolicLink(root.resolve("evil"))).isEqualTo(outside);
        // the link is followed the way the container would: inside its root
        assertThat(root.resolve(outside.toString().substring(1)).resolve("secret")).hasContent("overwritten");
        assertThat(root.resolve("etc/x")).hasContent("in the container's /etc");
        assertThat(Path.of("/etc/x")).doesNotExist();
    }

    @Test
    void aRelativeSymlinkClimbingOutIsFollowedNoHigherThanTheRoot() throws IOException {
        extract("/srv/www", new Tars().symlink("up", "../../../../../../..").file("up/x", "x", 0644));
        assertThat(root.resolve("x")).hasContent("x");
        assertThat(tmp.resolve("x")).doesNotExist();
    }

    @Test
    void anExistingSymlinkIsReplacedNeverWrittenThrough() throws IOException {
        Files.createSymbolicLink(root.resolve("etc/shadow"), outside.resolve("secret"));
        extract("/etc", new Tars().file("shadow", "replaced", 0600));
        assertOutsideUntouched();
        assertThat(Files.isSymbolicLink(root.resolve("etc/shadow"))).isFalse();
        assertThat(root.resolve("etc/shadow")).hasContent("replaced");
    }

    @Test
    void aHardLinkToAFileOutsideTheRootIsNeverMade() throws IOException {
        // An absolute target names the tar's own space (the destination), not the host
        assertThatThrownBy(() -> extract("/", new Tars().hardlink("passwd-link", outside.resolve("secret").toString())))
                .isInstanceOf(NoSuchFileException.class);
        assertThatThrownBy(() -> extract("/srv", new Tars().hardlink("link", "../../outside/secret")))
                .isInstanceOf(BerthException.class).hasMessageStartingWith("invalid hardlink target \"../../outside/secret\"");
        assertThatThrownBy(() -> extract("/", new Tars().hardlink("passwd", "/etc/passwd")))
                .isInstanceOf(NoSuchFileException.class);
        assertOutsideUntouched();
        assertThat(root.resolve("passwd-link")).doesNotExist();
        assertThat(root.resolve("passwd")).doesNotExist();
    }

    @Test
    void aHardLinkThroughASymlinkToTheHostResolvesInsideTheRoot() throws IOException {
        Files.writeString(root.resolve("etc/passwd"), "container passwd");
        extract("/", new Tars().symlink("hostetc", "/etc").hardlink("copy", "hostetc/passwd"));
        assertThat(Files.getAttribute(root.resolve("copy"), "unix:ino"))
                .isEqualTo(Files.getAttribute(root.resolve("etc/passwd"), "unix:ino"));
        assertThat(Files.getAttribute(Path.of("/etc/passwd"), "unix:nlink")).isEqualTo(1);
    }

    @Test
    void deviceNodesAreSkipped() throws IOException {
        extract("/", new Tars().charDevice("dev-null").file("after", "kept", 0644));
        assertThat(Files.exists(root.resolve("dev-null"), LinkOption.NOFOLLOW_LINKS)).isFalse();
        assertThat(root.resolve("after")).hasContent("kept");
    }

    @Test
    void noOverwriteDirNonDirRefusesAChangeOfKind() throws IOException {
        Files.writeString(root.resolve("srv/file"), "a file");
        assertThatThrownBy(() -> extract("/srv", new Tars().file("www", "not a dir", 0644)))
                .isInstanceOf(BerthException.class)
                .hasMessage("cannot overwrite directory \"www\" with non-directory \"/srv\"");
        assertThatThrownBy(() -> extract("/srv", new Tars().dir("file", 0755)))
                .isInstanceOf(BerthException.class)
                .hasMessage("cannot overwrite non-directory \"file\" with directory \"/srv\"");
        assertThat(root.resolve("srv/www")).isDirectory();
        assertThat(root.resolve("srv/file")).hasContent("a file");
    }

    @Test
    void withoutNoOverwriteDirNonDirTheKindMayChange() throws IOException {
        Files.writeString(root.resolve("srv/www/old"), "old");
        extract("/srv", new Tars().file("www", "now a file", 0644), TarExtractor.Options.keepOwners(false));
        assertThat(root.resolve("srv/www")).hasContent("now a file");
    }

    @Test
    void directoriesMergeAndFilesAreReplaced() throws IOException {
        Files.writeString(root.resolve("srv/www/keep"), "kept");
        Files.writeString(root.resolve("srv/www/index"), "old");
        extract("/srv", new Tars().dir("www", 0755).file("www/index", "new", 0644));
        assertThat(root.resolve("srv/www/keep")).hasContent("kept");
        assertThat(root.resolve("srv/www/index")).hasContent("new");
    }

    @Test
    void missingParentsAreMade() throws IOException {
        extract("/", new Tars().file("opt/app/conf/app.yml", "a: 1", 0644));
        assertThat(root.resolve("opt/app/conf/app.yml")).hasContent("a: 1");
    }

    @Test
    void theDestinationEntryItselfIsLeftAlone() throws IOException {
        extract("/srv", new Tars().dir("./", 0700).dir("/", 0700).file("./f", "f", 0644));
        assertThat(root.resolve("srv/f")).hasContent("f");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(root.resolve("srv")))).isEqualTo("rwxr-xr-x");
    }

    @Test
    void anEmptyStreamExtractsNothing() throws IOException {
        new TarExtractor(paths, "/srv", TarExtractor.Options.keepOwners(true))
                .extract(new java.io.ByteArrayInputStream(new byte[0]));
        try (Stream<Path> files = Files.list(root.resolve("srv"))) {
            assertThat(files.map(root::relativize).map(Path::toString)).containsExactly("srv/www");
        }
    }

    @Test
    void oneOwnerForAllWhenAsked() throws IOException {
        extract("/", new Tars().owner(1, 1).dir("d", 0755).file("d/f", "f", 0644),
                new TarExtractor.Options(true, 4242, 4343));
        assertThat(Files.getAttribute(root.resolve("d/f"), "unix:uid")).isEqualTo(4242);
        assertThat(Files.getAttribute(root.resolve("d"), "unix:gid")).isEqualTo(4343);
    }
}
