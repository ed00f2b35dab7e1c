package dev.berth.container.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StartFailureTest {

    @Test
    void dockerMessage_wrapsRuncTextAsDockerDoes() {
        String runc = "runc create failed: unable to start container process: exec: \"nosuchcmd\": "
                + "executable file not found in $PATH";

        assertThat(StartFailure.dockerMessage(runc)).isEqualTo("failed to create task for container: failed to create "
                + "shim task: OCI runtime create failed: runc create failed: unable to start container process: "
                + "exec: \"nosuchcmd\": executable file not found in $PATH: unknown");
    }

    @Test
    void exitCode_notFoundIs127() {
        assertThat(StartFailure.exitCode("exec: \"x\": executable file not found in $PATH")).isEqualTo(127);
        assertThat(StartFailure.exitCode("exec: \"/x\": stat /x: no such file or directory")).isEqualTo(127);
    }

    @Test
    void exitCode_notRunnableIs126() {
        assertThat(StartFailure.exitCode("exec: \"/etc\": permission denied")).isEqualTo(126);
        assertThat(StartFailure.exitCode("exec: \"/etc\": is a directory")).isEqualTo(126);
    }

    @Test
    void exitCode_otherwise128() {
        assertThat(StartFailure.exitCode("cgroup: operation not permitted")).isEqualTo(128);
    }
}
