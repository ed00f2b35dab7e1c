package dev.berth.gateway.build.context;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ContextPathsTest {

    @Test
    void clean_makesNamesRelativeAndCleaned_andRefusesWhatClimbsOutOrIsAbsolute() {
        assertThat(ContextPaths.clean("./a/./b/../c/")).isEqualTo("a/c");
        assertThat(ContextPaths.clean(".")).isEmpty();
        assertThat(ContextPaths.clean("a/../..")).isNull();
        assertThat(ContextPaths.clean("../x")).isNull();
        assertThat(ContextPaths.clean("/etc/passwd")).isNull();
    }

    @Test
    void cleanSource_readsALeadingSlashAsTheContextsRoot() {
        assertThat(ContextPaths.cleanSource("/src/app")).isEqualTo("src/app");
        assertThat(ContextPaths.cleanSource(".")).isEmpty();
        assertThat(ContextPaths.cleanSource("../outside")).isNull();
        assertThat(ContextPaths.cleanSource("a/../../outside")).isNull();
    }

    @Test
    void linkStaysInside_seesTheTargetFromWhereTheLinkIs() {
        assertThat(ContextPaths.linkStaysInside("a/b/link", "../c")).isTrue();
        assertThat(ContextPaths.linkStaysInside("a/b/link", "../../c")).isTrue();
        assertThat(ContextPaths.linkStaysInside("a/b/link", "../../../c")).isFalse();
        assertThat(ContextPaths.linkStaysInside("link", "/etc/passwd")).isFalse();
        assertThat(ContextPaths.linkStaysInside("link", "")).isFalse();
    }
}
