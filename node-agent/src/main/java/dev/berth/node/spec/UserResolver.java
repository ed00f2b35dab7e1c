package dev.berth.node.spec;

import dev.berth.common.error.BerthException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Resolves Docker's {@code User} ("name", "uid", "name:group", "uid:gid") against the rootfs' passwd/group files. */
public final class UserResolver {

    public record ResolvedUser(int uid, int gid) {
    }

    private final Path rootfs;

    public UserResolver(Path rootfs) {
        this.rootfs = rootfs;
    }

    public ResolvedUser resolve(String user) {
        if (user == null || user.isEmpty()) {
            return new ResolvedUser(0, 0);
        }
        int colon = user.indexOf(':');
        String userPart = colon < 0 ? user : user.substring(0, colon);
        String groupPart = colon < 0 ? null : user.substring(colon + 1);
        int uid;
        int gid = 0;
        Optional<String[]> passwd = find("etc/passwd", userPart);
        if (isNumber(userPart)) {
            uid = Integer.parseInt(userPart);
            Optional<String[]> byUid = findByNumber("etc/passwd", userPart, 2);
            if (byUid.isPresent()) {
                gid = Integer.parseInt(byUid.get()[3]);
            }
        } else if (passwd.isPresent()) {
            uid = Integer.parseInt(passwd.get()[2]);
            gid = Integer.parseInt(passwd.get()[3]);
        } else {
            throw BerthException.invalid("unable to find user " + userPart + ": no matching entries in passwd file");
        }
        if (groupPart != null && !groupPart.isEmpty()) {
            if (isNumber(groupPart)) {
                gid = Integer.parseInt(groupPart);
            } else {
                gid = find("etc/group", groupPart).map(g -> Integer.parseInt(g[2]))
                        .orElseThrow(() -> BerthException.invalid(
                                "unable to find group " + groupPart + ": no matching entries in group file"));
            }
        }
        return new ResolvedUser(uid, gid);
    }

    private Optional<String[]> find(String file, String name) {
        return lines(file).stream().map(l -> l.split(":", -1))
                .filter(f -> f.length >= 4 && f[0].equals(name)).findFirst();
    }

    private Optional<String[]> findByNumber(String file, String number, int field) {
        return lines(file).stream().map(l -> l.split(":", -1))
                .filter(f -> f.length >= 4 && f[field].equals(number) && isNumber(f[3])).findFirst();
    }

    private List<String> lines(String file) {
        // The rootfs is the container's: a symlinked passwd could point anywhere, so refuse links.
        Path path = rootfs.resolve(file);
        try {
            if (Files.isSymbolicLink(path) || !Files.isRegularFile(path)) {
                return List.of();
            }
            return Files.readAllLines(path);
        } catch (IOException e) {
            return List.of();
        }
    }

    private static boolean isNumber(String text) {
        return !text.isEmpty() && text.length() < 10 && text.chars().allMatch(Character::isDigit);
    }
}
