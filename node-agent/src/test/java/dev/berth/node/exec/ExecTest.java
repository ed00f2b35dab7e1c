package dev.berth.node.exec;

import dev.berth.node.state.ProcessExit;
import dev.berth.proto.v1.ExecConfig;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ExecTest {

    private static Exec exec() {
        return new Exec("e".repeat(64), "c".repeat(64), 3, ExecConfig.newBuilder().addCmd("true").build(),
                Path.of("/run/x/exec-eeeeeeeeeeee"));
    }

    @Test
    void newExec_isCreatedWithoutExitCodeOrPid() {
        Exec exec = exec();

        assertThat(exec.phase()).isEqualTo(Exec.Phase.CREATED);
        assertThat(exec.exitCode()).isNull();
        assertThat(exec.pid()).isZero();
    }

    @Test
    void beginStart_claimsTheOneStart() {
        Exec exec = exec();

        assertThat(exec.beginStart()).isTrue();
        assertThat(exec.beginStart()).isFalse();
        assertThat(exec.phase()).isEqualTo(Exec.Phase.STARTING);
    }

    @Test
    void started_thenExited_recordsPidAndExitCode() {
        Exec exec = exec();
        exec.beginStart();

        exec.started(4242, 4240);
        assertThat(exec.phase()).isEqualTo(Exec.Phase.RUNNING);
        assertThat(exec.pid()).isEqualTo(4242);
        assertThat(exec.exitCode()).isNull();

        exec.exited(new ProcessExit(5, Instant.now(), false));
        assertThat(exec.phase()).isEqualTo(Exec.Phase.EXITED);
        assertThat(exec.exitCode()).isEqualTo(5);
        assertThat(exec.process().hasExited()).isTrue();
    }

    @Test
    void lostExit_hasNoExitCode() {
        Exec exec = exec();
        exec.beginStart();
        exec.started(1, 2);

        exec.exited(ProcessExit.lost(Instant.now()));

        assertThat(exec.phase()).isEqualTo(Exec.Phase.EXITED);
        assertThat(exec.exitCode()).isNull();
    }

    @Test
    void exitFiles_areInTheExecsOwnDirNamedAfterTheContainer() {
        Exec exec = exec();

        assertThat(exec.process().exitFiles()).containsExactly(
                Path.of("/run/x/exec-eeeeeeeeeeee").resolve("c".repeat(64)),
                Path.of("/run/x/exec-eeeeeeeeeeee/exit"));
    }
}
