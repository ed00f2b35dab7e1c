package dev.berth.container.lookup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.berth.common.error.BerthException;
import dev.berth.container.store.ContainerRepository;
import dev.berth.container.store.ContainerRow;

class ContainerLookupTest {

    private static final String ID = "abc123" + "0".repeat(58);

    private final ContainerRepository repository = mock(ContainerRepository.class);
    private final ContainerLookup lookup = new ContainerLookup(repository);

    private static ContainerRow row(String id, String name) {
        return new ContainerRow(id, name, "sha256:x", "busybox", "{}", "{}", "created", 0, 0, "", false,
                null, null, null, 0, "local", "{}", 0, ContainerRow.NO_RUN, dev.berth.container.store.StopIntent.NONE, "", 1L);
    }

    @Test
    void resolve_fullIdComesFirst() {
        when(repository.findById(ID)).thenReturn(Optional.of(row(ID, "web")));

        assertThat(lookup.resolve(ID).name()).isEqualTo("web");
        verify(repository, never()).findByName(ID);
    }

    @Test
    void resolve_nameBeatsPrefix() {
        when(repository.findByName("abc")).thenReturn(Optional.of(row("f".repeat(64), "abc")));

        assertThat(lookup.resolve("abc").id()).isEqualTo("f".repeat(64));
        verify(repository, never()).findTop2ByIdStartingWith("abc");
    }

    @Test
    void resolve_nameWithLeadingSlash() {
        when(repository.findByName("web")).thenReturn(Optional.of(row(ID, "web")));

        assertThat(lookup.resolve("/web").id()).isEqualTo(ID);
    }

    @Test
    void resolve_uniquePrefix() {
        when(repository.findByName("abc1")).thenReturn(Optional.empty());
        when(repository.findTop2ByIdStartingWith("abc1")).thenReturn(List.of(row(ID, "web")));

        assertThat(lookup.resolve("abc1").id()).isEqualTo(ID);
    }

    @Test
    void resolve_ambiguousPrefixIsInvalidArgument() {
        when(repository.findByName("ab")).thenReturn(Optional.empty());
        when(repository.findTop2ByIdStartingWith("ab")).thenReturn(List.of(row(ID, "a"), row("ab" + "1".repeat(62), "b")));

        assertThatThrownBy(() -> lookup.resolve("ab")).isInstanceOfSatisfying(BerthException.class, e -> {
            assertThat(e.kind()).isEqualTo(BerthException.Kind.INVALID_ARGUMENT);
            assertThat(e.getMessage()).isEqualTo("multiple IDs found with provided prefix: ab");
        });
    }

    @Test
    void resolve_unknownIsNotFound() {
        when(repository.findByName("nope")).thenReturn(Optional.empty());

        assertThatThrownBy(() -> lookup.resolve("nope")).isInstanceOfSatisfying(BerthException.class, e -> {
            assertThat(e.kind()).isEqualTo(BerthException.Kind.NOT_FOUND);
            assertThat(e.getMessage()).isEqualTo("No such container: nope");
        });
        verify(repository, never()).findTop2ByIdStartingWith("nope");
    }

    @Test
    void resolve_emptyRefIsNotFound() {
        assertThatThrownBy(() -> lookup.resolve("")).hasMessage("No such container: ");
    }
}
