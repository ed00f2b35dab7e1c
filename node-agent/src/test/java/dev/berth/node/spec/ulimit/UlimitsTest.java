package dev.berth.node.spec.ulimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.node.spec.OciSpec;
import dev.berth.node.spec.OciSpecFactory;
import dev.berth.proto.v1.HostConfig;
import dev.berth.proto.v1.Ulimit;
import java.util.List;
import org.junit.jupiter.api.Test;

class UlimitsTest {

    private static HostConfig ulimits(Ulimit... limits) {
        return HostConfig.newBuilder().addAllUlimits(List.of(limits)).build();
    }

    private static Ulimit ulimit(String name, long soft, long hard) {
        return Ulimit.newBuilder().setName(name).setSoft(soft).setHard(hard).build();
    }

    @Test
    void of_becomesRlimits_replacingTheNodesOpenFilesDefault() {
        HostConfig host = ulimits(ulimit("nofile", 1024, 2048), ulimit("nproc", 100, 200));

        OciSpec spec = OciSpecFactory.build(List.of(
                s -> s.rlimit(new OciSpec.Rlimit("RLIMIT_NOFILE", 20000, 20000)),
                Ulimits.of(host)));

        assertThat(spec.process().rlimits()).containsExactly(
                new OciSpec.Rlimit("RLIMIT_NOFILE", 2048, 1024), new OciSpec.Rlimit("RLIMIT_NPROC", 200, 100));
    }

    @Test
    void check_unknownName_isDockersMessage() {
        assertThatThrownBy(() -> Ulimits.check(ulimits(ulimit("files", 1, 2))))
                .hasMessage("invalid ulimit type: files");
    }

    @Test
    void check_softAboveHard_isDockersMessage() {
        assertThatThrownBy(() -> Ulimits.check(ulimits(ulimit("nofile", 4096, 1024))))
                .hasMessage("ulimit soft limit must be less than or equal to hard limit: 4096 > 1024");
    }

    @Test
    void check_negative_isRefusedNamingIt() {
        assertThatThrownBy(() -> Ulimits.check(ulimits(ulimit("core", -1, -1))))
                .hasMessage("invalid ulimit core: Berth does not support negative (unlimited) values yet");
    }

    @Test
    void check_knownNames_pass() {
        assertThatCode(() -> Ulimits.check(ulimits(ulimit("core", 0, 0), ulimit("memlock", 64, 64))))
                .doesNotThrowAnyException();
    }
}
