package dev.berth.node.changes;

/**
 * One line of docker diff.
 *
 * @param path absolute in the container: "/etc/app.conf"
 */
public record Change(String path, Kind kind) {

    /** Docker's change kinds, with the numbers of its API (and of ours). */
    public enum Kind {
        /** "C": there before, different now (for a directory: itself, or something below it). */
        MODIFIED(0),
        /** "A": not in the image. */
        ADDED(1),
        /** "D": in the image, gone now. */
        DELETED(2);

        private final int code;

        Kind(int code) {
            this.code = code;
        }

        public int code() {
            return code;
        }
    }

    static Change modified(String path) {
        return new Change(path, Kind.MODIFIED);
    }

    static Change added(String path) {
        return new Change(path, Kind.ADDED);
    }

    static Change deleted(String path) {
        return new Change(path, Kind.DELETED);
    }
}
