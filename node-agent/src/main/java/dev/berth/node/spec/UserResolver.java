package dev.berth.node.spec;

import dev.berth.common.error.BerthException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Resolves Docker's {@code User} ("name", "uid", "name:group", "uid:gid") and {@code GroupAdd}
 * against the rootfs' passwd/group files, as runc's user lookup does for Docker: a user found in
 * passwd without an explicit group gets the groups that list it as a member as supplementary
 * groups, and each GroupAdd entry is a group's name or number (a number need not exist).
 */
public final class UserResolver {

    /** {@code additionalGids}: supplementary groups, in the order found, without duplicates. */
    public record ResolvedUser(int uid, int gid, List<Integer> additionalGids) {

        public ResolvedUser(int uid, int gid) {
            this(uid, gid, List.of());
        }

        public ResolvedUser {
            additionalGids = List.copyOf(additionalGids);
        }
    }

    private final Path rootfs;

    public UserResolver(Path rootfs) {
        this.rootfs = rootfs;
    }

    public ResolvedUser resolve(String user) {
        return resolve(user, List.of());
    }

    /**
     * The user with its supplementary groups: its primary group first (Docker includes it since
     * 20.10.24, the fix of CVE-2023-25173, so that dropping a group cannot gain access), then the
     * groups that list it as a member, then {@code groupAdd}.
     */
    public ResolvedUser resolve(String user, List<String> groupAdd) {
        ResolvedUser resolved = resolveUser(user);
        Set<Integer> gids = new LinkedHashSet<>();
        gids.add(resolved.gid());
        gids.addAll(resolved.additionalGids());
        for (String group : groupAdd) {
            gids.add(groupId(group));
        }
        return new ResolvedUser(resolved.uid(), resolved.gid(), new ArrayList<>(gids));
    }

    private ResolvedUser resolveUser(String user) {
        if (user == null || user.isEmpty()) {
            return new ResolvedUser(0, 0);
        }
        int colon = user.indexOf(':');
        String userPart = colon < 0 ? user : user.substring(0, colon);
        String groupPart = colon < 0 ? null : user.substring(colon + 1);
        int uid;
        int gid = 0;
        String matchedName = null;
        Optional<String[]> passwd = find("etc/passwd", userPart);
        if (isNumber(userPart)) {
            uid = Integer.parseInt(userPart);
            Optional<String[]> byUid = findByNumber("etc/passwd", userPart, 2);
            if (byUid.isPresent()) {
                gid = Integer.parseInt(byUid.get()[3]);
                matchedName = byUid.get()[0];
            }
        } else if (passwd.isPresent()) {
            uid = Integer.parseInt(passwd.get()[2]);
            gid = Integer.parseInt(passwd.get()[3]);
            matchedName = passwd.get()[0];
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
            // Supplementary groups come only with the implicit form (runc's rule).
            return new ResolvedUser(uid, gid);
        }
        return new ResolvedUser(uid, gid, matchedName == null ? List.of() : memberOf(matchedName));
    }

    /** The gids of the groups whose member list names {@code userName}. */
    private List<Integer> memberOf(String userName) {
        List<Integer> gids = new ArrayList<>();
        for (String[] group : entries("etc/group")) {
            if (group.length >= 4 && isNumber(group[2]) && Arrays.asList(group[3].split(",")).contains(userName)) {
                gids.add(Integer.parseInt(group[2]));
            }
        }
        return gids;
    }

    /** A GroupAdd entry: a group of that name or number in the image, else a plain number. */
    private int groupId(String group) {
        for (String[] entry : entries("etc/group")) {
            if (entry.length >= 3 && isNumber(entry[2]) && (entry[0].equals(group) || entry[2].equals(group))) {
                return Integer.parseInt(entry[2]);
            }
        }
        if (isNumber(group)) {
            return Integer.parseInt(group);
        }
        throw BerthException.invalid("Unable to find group " + group + ": no matching entries in group file");
    }

    private Optional<String[]> find(String file, String name) {
        return entries(file).stream().filter(f -> f.length >= 4 && f[0].equals(name)).findFirst();
    }

    private Optional<String[]> findByNumber(String file, String number, int field) {
        return entries(file).stream()
                .filter(f -> f.length >= 4 && f[field].equals(number) && isNumber(f[3])).findFirst();
    }

    private List<String[]> entries(String file) {
        return lines(file).stream().map(l -> l.split(":", -1)).toList();
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
