package dev.berth.container.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.google.protobuf.Timestamp;

import dev.berth.proto.v1.NodeExit;

class ExitTest {

    @Test
    void fromNode_keepsCodeTimeAndOom() {
        Exit exit = Exit.fromNode(NodeExit.newBuilder().setExitCode(137).setOomKilled(true)
                .setFinishedAt(Timestamp.newBuilder().setSeconds(1_700_000_000).setNanos(123_456_789)).build());

        assertThat(exit.code()).isEqualTo(137);
        assertThat(exit.oomKilled()).isTrue();
        assertThat(exit.error()).isEmpty();
        assertThat(exit.finishedAt().toInstant().getEpochSecond()).isEqualTo(1_700_000_000);
        assertThat(exit.finishedAt().getNano()).isEqualTo(123_456_000);
    }

    @Test
    void fromNode_lostExitCodeIs255WithAnError() {
        Exit exit = Exit.fromNode(NodeExit.newBuilder().setExitCodeLost(true).build());

        assertThat(exit.code()).isEqualTo(255);
        assertThat(exit.error()).isEqualTo("exit code lost: the container's monitor disappeared");
        assertThat(exit.finishedAt()).isNotNull();
    }
}
