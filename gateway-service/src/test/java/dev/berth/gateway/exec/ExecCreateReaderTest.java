package dev.berth.gateway.exec;

import dev.berth.gateway.api.DockerApiException;
import dev.berth.proto.v1.ExecConfig;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExecCreateReaderTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void read_takesWhatTheCliSends() {
        ExecConfig config = ExecCreateReader.read(JSON.readTree("""
                {"User":"1000","Privileged":false,"Tty":true,"ConsoleSize":[40,120],"AttachStdin":true,
                 "AttachStderr":true,"AttachStdout":true,"Detach":false,"DetachKeys":"",
                 "Env":["A=1"],"WorkingDir":"/tmp","Cmd":["sh","-c","tty"]}
                """));

        assertThat(config.getCmdList()).containsExactly("sh", "-c", "tty");
        assertThat(config.getEnvList()).containsExactly("A=1");
        assertThat(config.getUser()).isEqualTo("1000");
        assertThat(config.getWorkingDir()).isEqualTo("/tmp");
        assertThat(config.getTty()).isTrue();
        assertThat(config.getAttachStdin()).isTrue();
        assertThat(config.getAttachStdout()).isTrue();
        assertThat(config.getAttachStderr()).isTrue();
        assertThat(config.getConsoleHeight()).isEqualTo(40);
        assertThat(config.getConsoleWidth()).isEqualTo(120);
    }

    @Test
    void read_privileged_isCarried() {
        assertThat(ExecCreateReader.read(JSON.readTree("{\"Cmd\":[\"true\"],\"Privileged\":true}")).getPrivileged()).isTrue();
    }

    @Test
    void read_detachKeys_isRefusedByName() {
        assertThatThrownBy(() -> ExecCreateReader.read(JSON.readTree("{\"Cmd\":[\"true\"],\"DetachKeys\":\"ctrl-x\"}")))
                .isInstanceOf(DockerApiException.class).hasMessage("DetachKeys is not supported by Berth yet");
    }

    @Test
    void read_withoutCommand_isDockersMessage() {
        assertThatThrownBy(() -> ExecCreateReader.read(JSON.readTree("{\"Cmd\":[]}")))
                .isInstanceOf(DockerApiException.class).hasMessage("No exec command specified");
    }
}
