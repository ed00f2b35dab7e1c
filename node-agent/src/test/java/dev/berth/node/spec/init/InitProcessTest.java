package dev.berth.node.spec.init;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.node.spec.OciSpec;
import dev.berth.node.spec.OciSpecFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InitProcessTest {

    @TempDir
    Path dir;

    @Test
    void of_runsTheCommandUnderTini_boundReadOnlyAtDockersPath() throws IOException {
        Path tini = Files.createFile(dir.resolve("tini-static"), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwxr-xr-x")));

        OciSpec spec = OciSpecFactory.build(List.of(
                s -> s.process(List.of("sleep", "10"), List.of(), "/", false),
                InitProcess.of(tini)));

        assertThat(spec.process().args()).containsExactly("/sbin/docker-init", "--", "sleep", "10");
        assertThat(spec.mounts()).containsExactly(
                new OciSpec.Mount("/sbin/docker-init", "bind", tini.toString(), List.of("bind", "ro")));
    }

    @Test
    void of_missingBinary_namesIt() {
        Path missing = dir.resolve("tini-static");
        assertThatThrownBy(() -> InitProcess.of(missing))
                .hasMessage("the init binary " + missing + " is missing on this node (install Debian's tini package)");
    }
}
