package dev.berth.gateway.build.dockerfile;

/**
 * A Dockerfile that Docker would refuse. The message is Docker's: {@code dockerfile parse error on line N: reason}.
 * <p>
 * Docker itself prints that prefix only for the errors of its second parsing pass (instruction arguments); errors of
 * its first pass (parser directives, {@code ENV}/{@code LABEL} syntax, JSON arrays of non-strings) carry just the
 * reason. Berth prefixes them all, and keeps {@link #reason()} for a caller that wants the bare text.
 */
public final class DockerfileParseException extends RuntimeException {

    private final int line;
    private final String reason;

    public DockerfileParseException(int line, String reason) {
        super("dockerfile parse error on line " + line + ": " + reason);
        this.line = line;
        this.reason = reason;
    }

    /** The 1-based line where the offending instruction starts. */
    public int line() {
        return line;
    }

    /** Docker's message without the line prefix, e.g. {@code unknown instruction: FORM (did you mean FROM?)}. */
    public String reason() {
        return reason;
    }
}
