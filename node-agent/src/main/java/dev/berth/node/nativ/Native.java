package dev.berth.node.nativ;

import jnr.ffi.LibraryLoader;
import jnr.posix.POSIX;
import jnr.posix.POSIXFactory;

/** Process-wide handles to libc, loaded once. */
public final class Native {

    private static final LibC LIBC = LibraryLoader.create(LibC.class).load("c");
    private static final POSIX POSIX_API = POSIXFactory.getNativePOSIX();

    private Native() {
    }

    public static LibC libc() {
        return LIBC;
    }

    public static POSIX posix() {
        return POSIX_API;
    }

    public static int errno() {
        return jnr.ffi.Runtime.getRuntime(LIBC).getLastError();
    }

    /** A message for the last failed libc call, e.g. "mount /x: No such file or directory". */
    public static String lastError(String what) {
        int errno = errno();
        return what + ": " + LIBC.strerror(errno) + " (errno " + errno + ")";
    }

    /** True when the process exists and is not a zombie (pid 1 here may not reap). */
    public static boolean isAlive(int pid) {
        if (pid <= 0 || POSIX_API.kill(pid, 0) != 0) {
            return false;
        }
        try {
            String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc", Integer.toString(pid), "stat"));
            int close = stat.lastIndexOf(')');
            return close < 0 || stat.length() < close + 3 || stat.charAt(close + 2) != 'Z';
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
