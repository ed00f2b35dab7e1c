package dev.berth.container.image;

import dev.berth.common.error.BerthException;
import dev.berth.proto.v1.ContainerConfig;
import dev.berth.proto.v1.HealthConfig;
import dev.berth.proto.v1.ImageConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigMergerTest {

    private static final ImageConfig IMAGE = ImageConfig.newBuilder()
            .addEnv("PATH=/bin").addEnv("LANG=C")
            .addEntrypoint("/entry.sh")
            .addCmd("serve")
            .setWorkingDir("/srv").setUser("app").setStopSignal("SIGQUIT")
            .putLabels("tier", "base").putLabels("vendor", "acme")
            .addExposedPorts("80/tcp")
            .build();

    private static final ImageConfig SHELL_IMAGE = ImageConfig.newBuilder().addCmd("sh").build();

    /** A request as the gateway reads it; a null list is one the client left out. */
    record Request(ContainerConfig config, boolean entrypointGiven) {
    }

    static Request request(List<String> entrypoint, List<String> cmd) {
        return request(entrypoint, cmd, null, null);
    }

    static Request request(List<String> entrypoint, List<String> cmd, List<String> env,
                           Map<String, String> labels) {
        ContainerConfig.Builder config = ContainerConfig.newBuilder().setImage("img")
                .setAttachStdout(true).setAttachStderr(true);
        if (entrypoint != null) {
            config.addAllEntrypoint(entrypoint);
        }
        if (cmd != null) {
            config.addAllCmd(cmd);
        }
        if (env != null) {
            config.addAllEnv(env);
        }
        if (labels != null) {
            config.putAllLabels(labels);
        }
        return new Request(config.build(), entrypoint != null);
    }

    static ContainerConfig merge(Request request, ImageConfig image) {
        return ConfigMerger.merge(request.config(), request.entrypointGiven(), image);
    }

    static Stream<Arguments> commands() {
        return Stream.of(
                // request entrypoint, request cmd, image -> entrypoint, cmd
                Arguments.of(null, null, IMAGE, List.of("/entry.sh"), List.of("serve")),
                Arguments.of(null, List.of("debug"), IMAGE, List.of("/entry.sh"), List.of("debug")),
                Arguments.of(List.of("/bin/sh"), null, IMAGE, List.of("/bin/sh"), List.of()),
                Arguments.of(List.of("/bin/sh"), List.of("-c", "x"), IMAGE, List.of("/bin/sh"), List.of("-c", "x")),
                Arguments.of(List.of(""), List.of("ls"), IMAGE, List.of(), List.of("ls")),
                Arguments.of(List.of(), null, IMAGE, List.of(), List.of("serve")),
                Arguments.of(null, List.of(), SHELL_IMAGE, List.of(), List.of("sh")));
    }

    @ParameterizedTest
    @MethodSource("commands")
    void merge_commandTable(List<String> entrypoint, List<String> cmd, ImageConfig image,
                            List<String> expectedEntrypoint, List<String> expectedCmd) {
        ContainerConfig merged = merge(request(entrypoint, cmd), image);

        assertThat(merged.getEntrypointList()).isEqualTo(expectedEntrypoint);
        assertThat(merged.getCmdList()).isEqualTo(expectedCmd);
    }

    @Test
    void merge_noCommandAnywhere_isRefused() {
        assertThatThrownBy(() -> merge(request(List.of(""), null), ImageConfig.getDefaultInstance()))
                .isInstanceOf(BerthException.class).hasMessage("No command specified");
    }

    @Test
    void merge_envRequestFirstThenImageVariablesNotOverridden() {
        ContainerConfig merged = merge(request(null, null, List.of("LANG=en", "X=1"), null), IMAGE);

        assertThat(merged.getEnvList()).containsExactly("LANG=en", "X=1", "PATH=/bin");
    }

    @Test
    void merge_labelsUnionRequestWins() {
        ContainerConfig merged = merge(request(null, null, null, Map.of("tier", "web")), IMAGE);

        assertThat(merged.getLabelsMap()).isEqualTo(Map.of("tier", "web", "vendor", "acme"));
    }

    @Test
    void merge_emptyRequestFieldsTakeTheImagesValues() {
        ContainerConfig merged = merge(request(null, null), IMAGE);

        assertThat(merged.getWorkingDir()).isEqualTo("/srv");
        assertThat(merged.getUser()).isEqualTo("app");
        assertThat(merged.getStopSignal()).isEqualTo("SIGQUIT");
        assertThat(merged.getExposedPortsList()).containsExactly("80/tcp");
        assertThat(merged.getImage()).isEqualTo("img");
        assertThat(merged.hasStopTimeout()).isFalse();
    }

    @Test
    void merge_requestFieldsWin() {
        ContainerConfig request = ContainerConfig.newBuilder().setHostname("h").setUser("root").setTty(true)
                .setOpenStdin(true).addCmd("x").setImage("img").setWorkingDir("/tmp").setStopSignal("SIGINT")
                .setStopTimeout(3).build();

        ContainerConfig merged = ConfigMerger.merge(request, false, IMAGE);

        assertThat(merged.getWorkingDir()).isEqualTo("/tmp");
        assertThat(merged.getUser()).isEqualTo("root");
        assertThat(merged.getStopSignal()).isEqualTo("SIGINT");
        assertThat(merged.getStopTimeout()).isEqualTo(3);
        assertThat(merged.getHostname()).isEqualTo("h");
        assertThat(merged.getTty()).isTrue();
        assertThat(merged.getOpenStdin()).isTrue();
    }

    private static final HealthConfig IMAGE_CHECK = HealthConfig.newBuilder()
            .addTest("CMD-SHELL").addTest("true").setInterval(5_000_000_000L).setRetries(2).build();
    private static final ImageConfig CHECKED_IMAGE = SHELL_IMAGE.toBuilder().setHealthcheck(IMAGE_CHECK).build();

    @Test
    void merge_noHealthcheckInRequest_takesTheImages() {
        ContainerConfig merged = ConfigMerger.merge(ContainerConfig.getDefaultInstance(), false, CHECKED_IMAGE);

        assertThat(merged.getHealthcheck()).isEqualTo(IMAGE_CHECK);
    }

    @Test
    void merge_requestHealthcheck_winsFieldByField() {
        ContainerConfig request = ContainerConfig.newBuilder()
                .setHealthcheck(HealthConfig.newBuilder().setInterval(1_000_000_000L).setTimeout(7)).build();

        HealthConfig merged = ConfigMerger.merge(request, false, CHECKED_IMAGE).getHealthcheck();

        assertThat(merged).isEqualTo(HealthConfig.newBuilder().addTest("CMD-SHELL").addTest("true")
                .setInterval(1_000_000_000L).setTimeout(7).setRetries(2).build());
    }

    @Test
    void merge_requestTestNone_staysNone_theOtherFieldsFilledAsDockerDoes() {
        ContainerConfig request = ContainerConfig.newBuilder()
                .setHealthcheck(HealthConfig.newBuilder().addTest("NONE")).build();

        assertThat(ConfigMerger.merge(request, false, CHECKED_IMAGE).getHealthcheck()).isEqualTo(
                HealthConfig.newBuilder().addTest("NONE").setInterval(5_000_000_000L).setRetries(2).build());
    }

    @Test
    void merge_imageWithoutHealthcheck_leavesTheRequestsAlone() {
        assertThat(ConfigMerger.merge(ContainerConfig.getDefaultInstance(), false, SHELL_IMAGE).hasHealthcheck())
                .isFalse();
    }
}
