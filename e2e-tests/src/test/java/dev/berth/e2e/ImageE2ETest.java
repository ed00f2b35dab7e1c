package dev.berth.e2e;

import dev.berth.e2e.support.CommandResult;
import dev.berth.e2e.support.TestImages;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static dev.berth.e2e.support.DockerCli.docker;
import static org.assertj.core.api.Assertions.assertThat;

/** docker import, images, image inspect, and the errors around them. */
class ImageE2ETest {

    @Test
    void import_tarball_becomesAnImageListedAndInspectable() throws Exception {
        CommandResult imported = docker("import", TestImages.busyboxRootfs().toString(), "e2e-import:v1");
        assertThat(imported.exitCode()).as(imported.toString()).isZero();
        assertThat(imported.stdout()).matches("sha256:[0-9a-f]{64}\n");
        String id = imported.stdout().trim();

        CommandResult images = docker("images", "--format", "{{.Repository}}:{{.Tag}} {{.ID}}");
        assertThat(images.stdout()).contains("e2e-import:v1 " + id.substring(7, 19));

        CommandResult inspect = docker("image", "inspect", "--format",
                "{{.Id}} {{.RepoTags}} {{.Os}} {{.RootFS.Type}} {{len .RootFS.Layers}}", "e2e-import:v1");
        assertThat(inspect.exitCode()).as(inspect.toString()).isZero();
        assertThat(inspect.stdout()).isEqualTo(id + " [e2e-import:v1] linux layers 1\n");

        CommandResult byShortId = docker("image", "inspect", "--format", "{{.Id}}", id.substring(7, 19));
        assertThat(byShortId.stdout()).isEqualTo(id + "\n");
    }

    @Test
    void import_withChanges_setsTheConfig() {
        CommandResult imported = docker("import", "--change", "CMD [\"echo\", \"from-cmd\"]", "--change", "ENV A=b",
                TestImages.busyboxRootfs().toString(), "e2e-import:changes");
        assertThat(imported.exitCode()).as(imported.toString()).isZero();

        CommandResult run = docker("run", "--rm", "e2e-import:changes");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.stdout()).isEqualTo("from-cmd\n");
        assertThat(docker("image", "inspect", "--format", "{{.Config.Env}}", "e2e-import:changes").stdout()).isEqualTo("[A=b]\n");
    }

    @Test
    void import_ofSomethingNotATar_isRefusedAndStoresNothing() throws Exception {
        Path notATar = Files.createTempFile("not-a-tar", ".tar");
        Files.writeString(notATar, "this is not a tarball, not even close ".repeat(40));
        try {
            CommandResult imported = docker("import", notATar.toString(), "e2e-import:broken");
            assertThat(imported.exitCode()).as(imported.toString()).isNotZero();
            assertThat(imported.stderr()).isNotEmpty();
            assertThat(docker("images", "-q", "e2e-import:broken").stdout()).isEmpty();
        } finally {
            Files.delete(notATar);
        }
    }

    @Test
    void import_withBadReference_isRefusedWithDockersMessage() {
        CommandResult imported = docker("import", TestImages.busyboxRootfs().toString(), "Bad:Name");

        assertThat(imported.exitCode()).isNotZero();
        assertThat(imported.stderr()).contains("invalid reference format");
    }

    @Test
    void inspect_ofNothing_saysNoSuchObject() {
        CommandResult inspect = docker("inspect", "nosuch");

        assertThat(inspect.exitCode()).isEqualTo(1);
        assertThat(inspect.stdout()).isEqualTo("[]\n");
        assertThat(inspect.stderr()).isEqualTo("Error: No such object: nosuch\n");
    }

    @Test
    void run_ofUnknownImage_saysNoSuchImage() {
        CommandResult run = docker("run", "--rm", "--pull", "never", "e2e-nosuch:1", "true");

        assertThat(run.exitCode()).isEqualTo(125);
        assertThat(run.stderr()).contains("No such image: e2e-nosuch:1");
    }
}
