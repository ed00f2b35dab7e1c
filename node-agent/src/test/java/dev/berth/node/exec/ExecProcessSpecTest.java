package dev.berth.node.exec;

import dev.berth.node.spec.UserResolver;
import dev.berth.proto.v1.ExecConfig;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

class ExecProcessSpecTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static JsonNode containerProcess() {
        return JSON.readTree("""
                {"terminal": true, "consoleSize": {"height": 10, "width": 20},
                 "user": {"uid": 5, "gid": 6}, "args": ["sleep", "600"],
                 "env": ["PATH=/bin", "HOME=/root"], "cwd": "/srv",
                 "capabilities": {"bounding": ["CAP_KILL"]}, "noNewPrivileges": true,
                 "rlimits": [{"type": "RLIMIT_NOFILE", "hard": 1024, "soft": 1024}]}
                """);
    }

    @Test
    void build_replacesCommandAndKeepsTheContainersConfinement() {
        ObjectNode process = ExecProcessSpec.build(containerProcess(),
                ExecConfig.newBuilder().addCmd("echo").addCmd("hi").build(), null);

        assertThat(process.path("args").toString()).isEqualTo("[\"echo\",\"hi\"]");
        assertThat(process.path("terminal").asBoolean()).isFalse();
        assertThat(process.has("consoleSize")).isFalse();
        assertThat(process.path("cwd").asString()).isEqualTo("/srv");
        assertThat(process.path("user").toString()).isEqualTo("{\"uid\":5,\"gid\":6}");
        assertThat(process.path("capabilities").toString()).isEqualTo("{\"bounding\":[\"CAP_KILL\"]}");
        assertThat(process.path("noNewPrivileges").asBoolean()).isTrue();
        assertThat(process.path("rlimits").size()).isEqualTo(1);
    }

    @Test
    void build_execEnvironmentOverridesByKeyInPlace() {
        ObjectNode process = ExecProcessSpec.build(containerProcess(),
                ExecConfig.newBuilder().addCmd("env").addEnv("HOME=/tmp").addEnv("EXTRA=1").build(), null);

        assertThat(process.path("env").toString()).isEqualTo("[\"PATH=/bin\",\"HOME=/tmp\",\"EXTRA=1\"]");
    }

    @Test
    void build_userWorkdirAndTtyFromTheExec() {
        ObjectNode process = ExecProcessSpec.build(containerProcess(),
                ExecConfig.newBuilder().addCmd("sh").setWorkingDir("/tmp").setTty(true)
                        .setConsoleHeight(40).setConsoleWidth(120).build(),
                new UserResolver.ResolvedUser(1000, 0));

        assertThat(process.path("cwd").asString()).isEqualTo("/tmp");
        assertThat(process.path("user").toString()).isEqualTo("{\"uid\":1000,\"gid\":0}");
        assertThat(process.path("terminal").asBoolean()).isTrue();
        assertThat(process.path("consoleSize").toString()).isEqualTo("{\"height\":40,\"width\":120}");
    }

    @Test
    void build_userWithSupplementaryGroups_carriesThem() {
        ObjectNode process = ExecProcessSpec.build(containerProcess(), ExecConfig.newBuilder().addCmd("id").build(),
                new UserResolver.ResolvedUser(1, 1, java.util.List.of(4242)));

        assertThat(process.path("user").toString()).isEqualTo("{\"uid\":1,\"gid\":1,\"additionalGids\":[4242]}");
    }

    @Test
    void build_leavesTheContainersSpecUntouched() {
        JsonNode container = containerProcess();
        String before = container.toString();

        ExecProcessSpec.build(container, ExecConfig.newBuilder().addCmd("true").addEnv("A=1").build(), null);

        assertThat(container.toString()).isEqualTo(before);
    }
}
