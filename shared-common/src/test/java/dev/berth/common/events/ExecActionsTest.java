package dev.berth.common.events;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class ExecActionsTest {

    @Test
    void create_joinsEntrypointAndArguments() {
        assertEquals("exec_create: sh -c exit 5", ExecActions.create(List.of("sh", "-c", "exit 5")));
    }

    @Test
    void start_withoutArguments_keepsDockersTrailingSpace() {
        assertEquals("exec_start: true ", ExecActions.start(List.of("true")));
    }
}
