package dev.berth.image.registry;

import dev.berth.common.digest.Digest;

/** Content from the registry does not match the digest (or size) it was asked for. */
public class UnexpectedDigestException extends RegistryException {

    private final Digest expected;
    private final Digest actual;

    public UnexpectedDigestException(String message, Digest expected, Digest actual) {
        super(Kind.FAILED_PRECONDITION, message, null);
        this.expected = expected;
        this.actual = actual;
    }

    public Digest expected() {
        return expected;
    }

    /** The digest of what arrived; {@code null} when the size was already wrong. */
    public Digest actual() {
        return actual;
    }
}
