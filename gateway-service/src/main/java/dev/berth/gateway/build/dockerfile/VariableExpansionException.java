package dev.berth.gateway.build.dockerfile;

/**
 * A word Docker cannot substitute variables in, with Docker's message, e.g.
 * {@code failed to process "${A": syntax error: missing '}'} or
 * {@code failed to process "${A?}": A: is not allowed to be unset}.
 * Docker reports these when it reaches the step, not when it parses the Dockerfile.
 */
public final class VariableExpansionException extends RuntimeException {

    public VariableExpansionException(String message) {
        super(message);
    }
}
