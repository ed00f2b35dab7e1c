package dev.berth.e2e;

import dev.berth.e2e.support.CommandResult;
import dev.berth.e2e.support.Commands;
import dev.berth.e2e.support.TestImages;
import dev.berth.e2e.support.Waits;
import java.time.Duration;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static dev.berth.e2e.support.DockerCli.docker;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * docker diff, docker commit and docker export through the CLI: the writable layer's changes in
 * Docker's A/C/D lines (none for a fresh container), a committed image that carries them and
 * the -c changes, and the whole filesystem as a tar.
 */
class CommitE2ETest {

    private static final String PREFIX = "e2e-commit-";
    private static String image;

    @BeforeAll
    static void importImage() {
        image = TestImages.busybox();
    }

    @AfterAll
    static void cleanUp() {
        docker("rm", "-f", PREFIX + "src", PREFIX + "fresh", PREFIX + "stopped", PREFIX + "exp");
        docker("rmi", "-f", PREFIX + "img:1", PREFIX + "img:2");
    }

    private static String ok(String... args) {
        CommandResult result = docker(args);
        assertThat(result.exitCode()).as(result.toString()).isZero();
        return result.stdout().trim();
    }

    @Test
    void diff_ofAFreshContainer_isEmpty() {
        ok("run", "-d", "--name", PREFIX + "fresh", "-v", "/data", image, "sleep", "300");
        assertThat(ok("diff", PREFIX + "fresh")).isEmpty();
    }

    @Test
    void diff_listsTheChanges_andCommit_makesAnImageWithThem() {
        String src = ok("run", "-d", "--name", PREFIX + "src", image, "sleep", "300");
        ok("exec", src, "sh", "-c", "echo new > /etc/new && rm /bin/cat && mkdir -p /a/b && echo c > /a/b/c");

        assertThat(ok("diff", src).lines()).containsExactly("A /a", "A /a/b", "A /a/b/c", "C /bin", "D /bin/cat",
                "C /etc", "A /etc/new");

        String id = ok("commit", "-a", "Ada", "-m", "with changes", "-c", "ENV MODE=prod", "-c", "CMD [\"sh\"]",
                src, PREFIX + "img:1");
        assertThat(id).startsWith("sha256:");
        assertThat(ok("inspect", "--format", "{{.Author}}|{{.Comment}}|{{json .Config.Cmd}}", PREFIX + "img:1"))
                .isEqualTo("Ada|with changes|[\"sh\"]");
        assertThat(ok("inspect", "--format", "{{json .Config.Env}}", PREFIX + "img:1")).contains("\"MODE=prod\"");
        assertThat(ok("history", "--format", "{{.CreatedBy}}|{{.Comment}}", PREFIX + "img:1").lines().findFirst())
                .contains("sleep 300|with changes");
        assertThat(ok("ps", "--filter", "name=" + PREFIX + "src", "--format", "{{.Status}}")).as("unpaused after")
                .startsWith("Up").doesNotContain("Paused");

        CommandResult check = docker("run", "--rm", PREFIX + "img:1", "sh", "-c",
                "read x < /etc/new; read y < /a/b/c; test -e /bin/cat || echo \"$x $y cat-gone $MODE\"");
        assertThat(check.exitCode()).as(check.toString()).isZero();
        assertThat(check.stdout().trim()).isEqualTo("new c cat-gone prod");

        ok("rm", "-f", src);
    }

    @Test
    void commitOfAStoppedContainer_andOfTheCommittedImage_stack() {
        ok("run", "--name", PREFIX + "stopped", image, "sh", "-c", "echo one > /one");
        ok("commit", PREFIX + "stopped", PREFIX + "img:2");
        CommandResult run = docker("run", "--rm", PREFIX + "img:2", "sh", "-c", "read x < /one; echo $x");
        assertThat(run.stdout().trim()).as(run.toString()).isEqualTo("one");
        assertThat(ok("history", "-q", PREFIX + "img:2").lines().count()).isEqualTo(2);
        CommandResult missing = docker("commit", PREFIX + "nosuch", PREFIX + "img:3");
        assertThat(missing.exitCode()).isNotZero();
        assertThat(missing.stderr()).contains("No such container: " + PREFIX + "nosuch");
        CommandResult badChange = docker("commit", "-c", "FROB x", PREFIX + "stopped", PREFIX + "img:3");
        assertThat(badChange.exitCode()).isNotZero();
        assertThat(docker("image", "inspect", PREFIX + "img:3").exitCode()).as("nothing half-made").isNotZero();
    }

    @Test
    void export_writesTheWholeFilesystemAsATar() throws IOException {
        ok("run", "-d", "--name", PREFIX + "exp", image, "sh", "-c", "echo exported > /root/mark; exec sleep 300");
        Path tar = Files.createTempFile("export", ".tar");
        try {
            waitForMark();
            ok("export", "-o", tar.toString(), PREFIX + "exp");
            CommandResult listing = Commands.run(Duration.ofSeconds(30), "tar", "-tf", tar.toString());
            assertThat(listing.stdout().lines()).contains("bin/", "bin/busybox", "etc/passwd", "root/mark", "proc/");
            assertThat(listing.stdout()).doesNotContain("proc/self");
            CommandResult content = Commands.run(Duration.ofSeconds(30), "tar", "-xOf", tar.toString(), "root/mark");
            assertThat(content.stdout()).isEqualTo("exported\n");
        } finally {
            Files.deleteIfExists(tar);
            docker("rm", "-f", PREFIX + "exp");
        }
    }

    private static void waitForMark() {
        Waits.until("the mark is written", Duration.ofSeconds(20),
                () -> docker("exec", PREFIX + "exp", "test", "-e", "/root/mark").exitCode() == 0);
    }
}
