package dev.berth.node.info;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.berth.proto.v1.NodeDescription;

class ProgramVersionTest {

    @Test
    void parse_runcVersionAndCommit() {
        String output = "runc version 1.1.5+ds1\ncommit: 1.1.5+ds1-1+deb12u1\nspec: 1.0.2-dev\ngo: go1.19.8\n";

        assertThat(ProgramVersion.parse("runc", output)).contains(NodeDescription.Program.newBuilder()
                .setVersion("1.1.5+ds1").setCommit("1.1.5+ds1-1+deb12u1").build());
    }

    @Test
    void parse_unknownCommitIsNoCommit() {
        assertThat(ProgramVersion.parse("conmon", "conmon version 2.1.6\ncommit: unknown\n"))
                .contains(NodeDescription.Program.newBuilder().setVersion("2.1.6").build());
    }

    @Test
    void parse_outputWithoutAVersionLineIsNothing() {
        assertThat(ProgramVersion.parse("runc", "runc: command not found\n")).isEmpty();
    }
}
