package dev.berth.gateway.build.dockerfile;

/**
 * Docker's reason for refusing one instruction, before the parser knows which line to blame; the parser turns it
 * into a {@link DockerfileParseException} with the instruction's first line.
 */
final class InstructionSyntaxError extends RuntimeException {

    InstructionSyntaxError(String reason) {
        super(reason, null, false, false);
    }
}
