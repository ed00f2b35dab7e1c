package dev.berth.gateway.build.dockerfile;

import java.util.List;
import java.util.Optional;

/**
 * One build stage: its FROM and the instructions after it, up to the next FROM.
 *
 * @param index        the stage's position in the Dockerfile, from 0 (what {@code COPY --from=0} names)
 * @param name         the name after {@code AS}, lower-cased
 * @param instructions the instructions after FROM, in order
 */
public record Stage(int index, Optional<String> name, Instruction.From from, List<Instruction> instructions) {

    public Stage {
        instructions = List.copyOf(instructions);
    }
}
