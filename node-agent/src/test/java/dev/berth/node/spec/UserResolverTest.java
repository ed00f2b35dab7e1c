package dev.berth.node.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UserResolverTest {

    @TempDir
    Path rootfs;

    @BeforeEach
    void files() throws IOException {
        Files.createDirectories(rootfs.resolve("etc"));
        Files.writeString(rootfs.resolve("etc/passwd"), "root:x:0:0:root:/root:/bin/sh\napp:x:1000:1001::/home/app:/bin/sh\n");
        Files.writeString(rootfs.resolve("etc/group"), "root:x:0:\nstaff:x:50:app\naudio:x:29:other,app\nvideo:x:44:\n");
    }

    @Test
    void resolve_empty_isRoot() {
        assertThat(new UserResolver(rootfs).resolve("")).isEqualTo(new UserResolver.ResolvedUser(0, 0, List.of(0)));
    }

    @Test
    void resolve_numericPair() {
        assertThat(new UserResolver(rootfs).resolve("1000:1000")).isEqualTo(new UserResolver.ResolvedUser(1000, 1000, List.of(1000)));
    }

    @Test
    void resolve_name_usesPasswdUidAndGid_andTheGroupsListingItAsSupplementary() {
        assertThat(new UserResolver(rootfs).resolve("app")).isEqualTo(new UserResolver.ResolvedUser(1000, 1001, List.of(1001, 50, 29)));
    }

    @Test
    void resolve_nameAndGroupName_hasOnlyThatGroupAsSupplementary() {
        assertThat(new UserResolver(rootfs).resolve("app:staff")).isEqualTo(new UserResolver.ResolvedUser(1000, 50, List.of(50)));
    }

    @Test
    void resolve_numericUidWithPasswdEntry_takesItsGid() {
        assertThat(new UserResolver(rootfs).resolve("1000")).isEqualTo(new UserResolver.ResolvedUser(1000, 1001, List.of(1001, 50, 29)));
        assertThat(new UserResolver(rootfs).resolve("4242")).isEqualTo(new UserResolver.ResolvedUser(4242, 0, List.of(0)));
    }

    @Test
    void resolve_unknownName_isDockersMessage() {
        assertThatThrownBy(() -> new UserResolver(rootfs).resolve("ghost"))
                .hasMessage("unable to find user ghost: no matching entries in passwd file");
    }

    @Test
    void resolve_groupAdd_byNameOrNumber_afterTheUsersOwnGroups() {
        assertThat(new UserResolver(rootfs).resolve("app", List.of("video", "29", "4242")))
                .isEqualTo(new UserResolver.ResolvedUser(1000, 1001, List.of(1001, 50, 29, 44, 4242)));
        assertThat(new UserResolver(rootfs).resolve("1000:1000", List.of("44")))
                .isEqualTo(new UserResolver.ResolvedUser(1000, 1000, List.of(1000, 44)));
    }

    @Test
    void resolve_groupAddUnknownName_isRuncsMessage() {
        assertThatThrownBy(() -> new UserResolver(rootfs).resolve("", List.of("wheel")))
                .hasMessage("Unable to find group wheel: no matching entries in group file");
    }

    @Test
    void resolve_groupAddWithoutGroupFile_takesNumbers() throws IOException {
        Files.delete(rootfs.resolve("etc/group"));
        assertThat(new UserResolver(rootfs).resolve("", List.of("10")))
                .isEqualTo(new UserResolver.ResolvedUser(0, 0, List.of(0, 10)));
    }
}
