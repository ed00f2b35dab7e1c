package dev.berth.container.naming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import dev.berth.common.error.BerthException;

class ContainerNamesTest {

    @ParameterizedTest
    @ValueSource(strings = {"web", "/web", "a1", "My_app.v2-x", "0abc"})
    void validate_acceptsDockerNamesAndStripsTheSlash(String name) {
        assertThat(ContainerNames.validate(name)).isEqualTo(name.startsWith("/") ? name.substring(1) : name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "_web", "-web", ".web", "web name", "web/x", "//web", "wéb"})
    void validate_rejectsOthersWithDockerText(String name) {
        assertThatThrownBy(() -> ContainerNames.validate(name))
                .isInstanceOfSatisfying(BerthException.class, e -> {
                    assertThat(e.kind()).isEqualTo(BerthException.Kind.INVALID_ARGUMENT);
                    assertThat(e.getMessage()).isEqualTo(
                            "Invalid container name (" + name + "), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed");
                });
    }

    @Test
    void nameInUse_isDockerConflictText() {
        BerthException e = ContainerNames.nameInUse("web", "f".repeat(64));

        assertThat(e.kind()).isEqualTo(BerthException.Kind.ALREADY_EXISTS);
        assertThat(e.getMessage()).isEqualTo("Conflict. The container name \"/web\" is already in use by container \""
                + "f".repeat(64) + "\". You have to remove (or rename) that container to be able to reuse that name.");
    }

    @Test
    void newId_is64LowercaseHexAndUnique() {
        String a = ContainerIds.newId();
        String b = ContainerIds.newId();

        assertThat(a).matches("[0-9a-f]{64}");
        assertThat(a).isNotEqualTo(b);
        assertThat(ContainerIds.isFullId(a)).isTrue();
        assertThat(ContainerIds.isFullId(a.toUpperCase())).isFalse();
        assertThat(ContainerIds.isHex("")).isFalse();
    }
}
