package dev.berth.gateway.build;

/** A build that cannot go on, with what Docker's builder would tell the user (sent as the stream's error). */
public class BuildFailure extends RuntimeException {

    public BuildFailure(String message) {
        super(message);
    }

    /** A failure whose error message is in the stream already (a pull's). */
    public static final class Reported extends BuildFailure {
        public Reported(String message) {
            super(message);
        }
    }
}
