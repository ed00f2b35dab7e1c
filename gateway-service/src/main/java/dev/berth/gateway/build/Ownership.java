package dev.berth.gateway.build;

import dev.berth.gateway.build.copy.CopyTar;
import java.util.Optional;

/**
 * COPY's and ADD's --chown and --chmod: numeric ids go into the tar itself; names are looked up
 * in the image's /etc/passwd and /etc/group by the node as it puts the files in ({@link #named}).
 */
record Ownership(CopyTar.Overrides overrides, String named) {

    static Ownership of(Optional<String> chown, Optional<String> chmod) {
        Integer mode = null;
        if (chmod.isPresent()) {
            try {
                mode = Integer.parseInt(chmod.get(), 8);
            } catch (NumberFormatException e) {
                mode = -1;
            }
            if (mode < 0 || mode > 07777) {
                throw new BuildFailure("invalid chmod parameter: " + chmod.get());
            }
        }
        if (chown.isEmpty() || chown.get().isEmpty()) {
            return new Ownership(new CopyTar.Overrides(null, null, mode), null);
        }
        String[] parts = chown.get().split(":", 2);
        Integer uid = number(parts[0]);
        Integer gid = parts.length == 2 ? number(parts[1]) : uid;
        if (uid != null && gid != null) {
            return new Ownership(new CopyTar.Overrides(uid, gid, mode), null);
        }
        return new Ownership(new CopyTar.Overrides(null, null, mode), chown.get());
    }

    private static Integer number(String text) {
        return text.matches("[0-9]{1,9}") ? Integer.valueOf(text) : null;
    }
}
