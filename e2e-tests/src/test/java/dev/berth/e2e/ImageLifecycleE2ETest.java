package dev.berth.e2e;

import static dev.berth.e2e.support.DockerCli.docker;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.berth.e2e.support.CommandResult;
import dev.berth.e2e.support.LocalRegistry;
import dev.berth.e2e.support.TestImages;

/**
 * An image's life after the pull, with the real CLI: tag, rmi (untag, delete, conflicts), history,
 * prune, login, push then pull by digest, save then load. Names are per run: the services keep
 * their images between runs.
 */
class ImageLifecycleE2ETest {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static LocalRegistry registry;

    @BeforeAll
    static void startRegistry() {
        registry = LocalRegistry.start();
    }

    @AfterAll
    static void stopRegistry() {
        if (registry != null) {
            registry.close();
        }
    }

    @Test
    void tagAndRmi_untagThenDelete_asDocker() {
        String id = fresh("rmi");
        String a = "lc-" + RUN + "/a:1";
        String b = "lc-" + RUN + "/b:1";
        ok(docker("tag", id, a));
        ok(docker("tag", a, b));
        assertThat(images()).contains(a + " " + id.substring(7, 19), b + " " + id.substring(7, 19));

        CommandResult byId = docker("rmi", id.substring(7, 19));
        assertThat(byId.exitCode()).isEqualTo(1);
        assertThat(byId.stderr()).contains("conflict: unable to delete " + id.substring(7, 19)
                + " (must be forced) - image is referenced in multiple repositories");

        assertThat(ok(docker("rmi", b)).stdout()).isEqualTo("Untagged: " + b + "\n");
        assertThat(images()).contains(a).doesNotContain(b);

        String removed = ok(docker("rmi", a)).stdout();
        assertThat(removed).startsWith("Untagged: " + a + "\nDeleted: " + id + "\n");
        assertThat(images()).doesNotContain(a);
        assertThat(docker("image", "inspect", id).exitCode()).isEqualTo(1);
    }

    @Test
    void rmi_imageAContainerUses_isAConflictUnlessForced() {
        String id = fresh("used");
        String tag = "lc-" + RUN + "/used:1";
        ok(docker("tag", id, tag));
        String container = ok(docker("create", tag, "true")).stdout().trim();
        try {
            CommandResult refused = docker("rmi", tag);
            assertThat(refused.exitCode()).isEqualTo(1);
            assertThat(refused.stderr()).contains("conflict: unable to remove repository reference \"" + tag
                    + "\" (must force) - container " + container.substring(0, 12) + " is using its referenced image "
                    + id.substring(7, 19));

            CommandResult forced = ok(docker("rmi", "-f", tag));
            assertThat(forced.stdout()).contains("Untagged: " + tag, "Deleted: " + id);
        } finally {
            docker("rm", "-f", container);
        }
    }

    @Test
    void history_andPrune_asDocker() {
        String id = fresh("hist");
        CommandResult history = ok(docker("history", "--no-trunc", "--format", "{{.ID}}|{{.CreatedBy}}|{{.Comment}}",
                id));
        assertThat(history.stdout()).isEqualTo(id + "||hist " + RUN + "\n");

        CommandResult dangling = ok(docker("images", "--filter", "dangling=true", "-q", "--no-trunc"));
        assertThat(dangling.stdout()).contains(id);
        CommandResult pruned = ok(docker("image", "prune", "-f"));
        assertThat(pruned.stdout()).contains("deleted: " + id).contains("Total reclaimed space:");
        assertThat(docker("image", "inspect", id).exitCode()).isEqualTo(1);
    }

    @Test
    void pushThenPullByDigest_keepsTheDigest_andASecondPushFindsTheLayers() {
        String id = fresh("push");
        String repo = registry.authority() + "/lc-" + RUN + "/push";
        ok(docker("tag", id, repo + ":t"));

        CommandResult pushed = ok(docker("push", repo + ":t"));
        assertThat(pushed.stdout()).contains("The push refers to repository [" + repo + "]", ": Pushed")
                .containsPattern("t: digest: sha256:[0-9a-f]{64} size: \\d+");
        String digest = pushed.stdout().replaceAll("(?s).*t: digest: (sha256:[0-9a-f]{64}).*", "$1");
        assertThat(ok(docker("push", repo + ":t")).stdout()).contains(": Layer already exists");

        ok(docker("tag", id, registry.authority() + "/lc-" + RUN + "/mounted:1"));
        assertThat(ok(docker("push", registry.authority() + "/lc-" + RUN + "/mounted:1")).stdout())
                .contains(": Mounted from lc-" + RUN + "/push");

        ok(docker("rmi", "-f", id));
        CommandResult pulled = ok(docker("pull", repo + "@" + digest));
        assertThat(pulled.stdout()).contains("Digest: " + digest);
        assertThat(ok(docker("image", "inspect", "--format", "{{.Id}}", repo + "@" + digest)).stdout().trim())
                .isEqualTo(id);
    }

    @Test
    void login_openRegistryAcceptsAnyone_andARegistryThatIsDownIsNamed() {
        CommandResult login = ok(docker("login", "-u", "ann", "-p", "pw", registry.authority()));
        assertThat(login.stdout()).contains("Login Succeeded");

        CommandResult down = docker("login", "-u", "ann", "-p", "pw", "127.0.0.1:1");
        assertThat(down.exitCode()).isEqualTo(1);
        assertThat(down.stderr()).contains("127.0.0.1:1");
    }

    @Test
    void saveRmiLoad_keepsTheIdAndRuns() throws Exception {
        String id = fresh("save");
        String tag = "lc-" + RUN + "/saved:1";
        ok(docker("tag", id, tag));
        Path tar = Files.createTempFile("save", ".tar");
        try {
            ok(docker("save", "-o", tar.toString(), tag));
            ok(docker("rmi", tag));
            CommandResult loaded = ok(docker("load", "-i", tar.toString()));
            assertThat(loaded.stdout()).contains("Loaded image: " + tag);
            assertThat(ok(docker("image", "inspect", "--format", "{{.Id}}", tag)).stdout().trim()).isEqualTo(id);
            assertThat(ok(docker("run", "--rm", tag, "echo", "loaded")).stdout()).isEqualTo("loaded\n");
        } finally {
            Files.deleteIfExists(tar);
            docker("rmi", "-f", tag);
        }
    }

    /** A new untagged image (its own config), imported from the busybox rootfs. */
    private static String fresh(String what) {
        CommandResult imported = ok(docker("import", "-m", what + " " + RUN, "-c", "CMD [\"sh\"]",
                TestImages.busyboxRootfs().toString()));
        return imported.stdout().trim();
    }

    private static String images() {
        return ok(docker("images", "--format", "{{.Repository}}:{{.Tag}} {{.ID}}")).stdout();
    }

    private static CommandResult ok(CommandResult result) {
        assertThat(result.exitCode()).as(result.toString()).isZero();
        return result;
    }
}
