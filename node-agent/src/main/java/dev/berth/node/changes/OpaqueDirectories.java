package dev.berth.node.changes;

import dev.berth.node.nativ.Native;
import java.nio.file.Path;

/**
 * overlayfs's mark of a replaced directory (removed, then made again): the xattr
 * trusted.overlay.opaque="y" on it, which hides whatever the layers below have under it.
 */
final class OpaqueDirectories {

    static final String XATTR = "trusted.overlay.opaque";

    private OpaqueDirectories() {
    }

    static boolean isOpaque(Path dir) {
        byte[] value = new byte[2]; // "y" fits; a longer value (ERANGE) is not the mark either
        long length = Native.libc().lgetxattr(dir.toString(), XATTR, value, value.length);
        return length == 1 && value[0] == 'y';
    }
}
