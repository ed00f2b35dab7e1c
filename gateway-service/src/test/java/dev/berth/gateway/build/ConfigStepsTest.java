package dev.berth.gateway.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.gateway.build.dockerfile.Dockerfile;
import dev.berth.gateway.build.dockerfile.Expander;
import dev.berth.gateway.build.dockerfile.Instruction;
import dev.berth.proto.v1.ImageConfig;
import org.junit.jupiter.api.Test;

class ConfigStepsTest {

    private static String apply(StageState state, String line) {
        Instruction instruction = Dockerfile.parse("FROM scratch\n" + line + "\n").stages().get(0).instructions().get(0);
        return ConfigSteps.apply(Expander.expand(instruction, state.variables()), state);
    }

    private static StageState stage(ImageConfig base) {
        return new StageState("sha256:" + "a".repeat(64), 1, base);
    }

    @Test
    void aBaseWithoutPath_getsDockersDefaultPath_first() {
        StageState state = stage(ImageConfig.newBuilder().addEnv("A=1").build());
        assertThat(state.config.getEnvList()).containsExactly(StageState.DEFAULT_PATH, "A=1");
    }

    @Test
    void env_replacesAVariableInPlace_andAddsNewOnes_withTheHistoryDockerWrites() {
        StageState state = stage(ImageConfig.newBuilder().addEnv("PATH=/bin").addEnv("A=1").build());
        assertThat(apply(state, "ENV A=2 B=\"two words\"")).isEqualTo(" ENV A=2 B=two words");
        assertThat(state.config.getEnvList()).containsExactly("PATH=/bin", "A=2", "B=two words");
    }

    @Test
    void entrypoint_dropsTheBasesCmd_butKeepsOneGivenInTheStage() {
        StageState inherited = stage(ImageConfig.newBuilder().addCmd("sh").setCmdSet(true).build());
        apply(inherited, "ENTRYPOINT [\"/app\"]");
        assertThat(inherited.config.getCmdList()).isEmpty();
        assertThat(inherited.config.getCmdSet()).isFalse();

        StageState given = stage(ImageConfig.getDefaultInstance());
        apply(given, "CMD [\"--serve\"]");
        assertThat(apply(given, "ENTRYPOINT [\"/app\"]")).isEqualTo(" ENTRYPOINT [\"/app\"]");
        assertThat(given.config.getCmdList()).containsExactly("--serve");
    }

    @Test
    void shellForms_runInTheStagesShell() {
        StageState state = stage(ImageConfig.getDefaultInstance());
        apply(state, "CMD echo hi");
        assertThat(state.config.getCmdList()).containsExactly("/bin/sh", "-c", "echo hi");
        apply(state, "SHELL [\"/bin/bash\", \"-ec\"]");
        assertThat(apply(state, "CMD echo hi")).isEqualTo(" CMD [\"/bin/bash\" \"-ec\" \"echo hi\"]");
    }

    @Test
    void expose_addsDockersKeysSorted_andRefusesABadPort() {
        StageState state = stage(ImageConfig.getDefaultInstance());
        assertThat(apply(state, "EXPOSE 80 53/udp 8000-8001")).isEqualTo(" EXPOSE 53/udp 80/tcp 8000/tcp 8001/tcp");
        assertThat(state.config.getExposedPortsList()).containsExactly("53/udp", "80/tcp", "8000/tcp", "8001/tcp");
        assertThatThrownBy(() -> apply(state, "EXPOSE eighty")).isInstanceOf(BuildFailure.class)
                .hasMessageContaining("invalid containerPort: eighty");
    }

    @Test
    void healthcheck_onbuild_user_stopsignal_volume_andMaintainer_goWhereDockerKeepsThem() {
        StageState state = stage(ImageConfig.getDefaultInstance());
        apply(state, "HEALTHCHECK --interval=5s --retries=2 CMD true");
        apply(state, "ONBUILD RUN make");
        apply(state, "USER app:app");
        apply(state, "STOPSIGNAL SIGINT");
        apply(state, "VOLUME /data /cache");
        apply(state, "MAINTAINER ada");
        assertThat(state.config.getHealthcheck().getTestList()).containsExactly("CMD-SHELL", "true");
        assertThat(state.config.getHealthcheck().getInterval()).isEqualTo(5_000_000_000L);
        assertThat(state.config.getHealthcheck().getRetries()).isEqualTo(2);
        assertThat(state.config.getOnBuildList()).containsExactly("RUN make");
        assertThat(state.config.getUser()).isEqualTo("app:app");
        assertThat(state.config.getStopSignal()).isEqualTo("SIGINT");
        assertThat(state.config.getVolumesList()).containsExactly("/data", "/cache");
        assertThat(state.author).isEqualTo("ada");
    }

    @Test
    void variables_seeEnvBeforeArgs_andRunGetsOnlyTheArgsEnvDoesNotSet() {
        StageState state = stage(ImageConfig.newBuilder().addEnv("PATH=/bin").addEnv("MODE=env").build());
        state.args.put("MODE", "arg");
        state.args.put("VERSION", "7");
        state.args.put("UNSET", null);
        assertThat(state.variables().lookup("MODE")).contains("env");
        assertThat(state.variables().lookup("VERSION")).contains("7");
        assertThat(state.variables().lookup("UNSET")).isEmpty();
        assertThat(state.argEnv()).containsExactly("VERSION=7");
    }

    @Test
    void relativePaths_resolveAgainstTheWorkingDirectory() {
        StageState state = stage(ImageConfig.newBuilder().setWorkingDir("/srv").build());
        assertThat(state.absolute("app/")).isEqualTo("/srv/app/");
        assertThat(state.absolute("/etc")).isEqualTo("/etc");
        assertThat(stage(ImageConfig.getDefaultInstance()).absolute("x")).isEqualTo("/x");
    }
}
