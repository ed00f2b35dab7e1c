package dev.berth.node.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.common.error.BerthException;
import dev.berth.proto.v1.ProcessList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ProcessTableTest {

    private static final String PS_EF = """
            UID          PID    PPID  C STIME TTY          TIME CMD
            root           1       0  0 12:00 ?        00:00:01 /sbin/init
            root         300     290  0 12:01 ?        00:00:00 sleep 1000
            root         301     300  0 12:01 pts/0    00:00:00 sh -c echo a   b
            """;

    @Test
    void parse_keepsTheContainersPids_lastColumnTakesTheRest() {
        ProcessList list = ProcessTable.parse(PS_EF, Set.of(300, 301));

        assertThat(list.getTitlesList()).containsExactly("UID", "PID", "PPID", "C", "STIME", "TTY", "TIME", "CMD");
        assertThat(list.getProcessesList()).extracting(r -> List.copyOf(r.getFieldsList())).containsExactly(
                List.of("root", "300", "290", "0", "12:01", "?", "00:00:00", "sleep 1000"),
                List.of("root", "301", "300", "0", "12:01", "pts/0", "00:00:00", "sh -c echo a b"));
    }

    @Test
    void parse_threadLines_keptUnderAKeptProcess() {
        String psM = """
                  PID TTY          TIME CMD
                  300 ?        00:00:00 app
                    - -        00:00:00 -
                  400 ?        00:00:00 other
                    - -        00:00:00 -
                """;

        ProcessList list = ProcessTable.parse(psM, Set.of(300));

        assertThat(list.getProcessesList()).extracting(r -> r.getFields(0)).containsExactly("300", "-");
    }

    @Test
    void parse_withoutPidColumn_isDockersError() {
        assertThatThrownBy(() -> ProcessTable.parse("USER COMMAND\nroot sh\n", Set.of(1)))
                .isInstanceOf(BerthException.class).hasMessage("Couldn't find PID field in ps output");
    }

    @Test
    void validate_renamingThePidColumn_isRefusedAsDocker() {
        assertThatThrownBy(() -> ProcessTable.validate("-o user=PID"))
                .hasMessage("specifying \"user=PID\" is not allowed");
        ProcessTable.validate("-o pid=PID,user");
        ProcessTable.validate("aux");
    }
}
