package dev.berth.node.spec;

import java.util.List;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MountOrderTest {

    private static OciSpec.Mount at(String destination) {
        return new OciSpec.Mount(destination, "bind", "/src" + destination, List.of("rbind"));
    }

    @Test
    void aParentMount_goesBeforeWhatIsMountedInsideIt_theRestKeepTheirOrder() {
        List<OciSpec.Mount> ordered = SpecBuilder.parentsFirst(List.of(at("/proc"), at("/etc/hosts"), at("/tmp"),
                at("/etc/hostname"), at("/etc"), at("/etcetera"), at("/data/sub"), at("/data")));
        assertThat(ordered).extracting(OciSpec.Mount::destination).containsExactly("/proc", "/etc", "/etc/hosts",
                "/tmp", "/etc/hostname", "/etcetera", "/data", "/data/sub");
    }
}
