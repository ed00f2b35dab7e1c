package dev.berth.image.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ChunkPipeTest {

    @Test
    void chunks_areReadInOrder_asOneStream_whileTheSenderWaitsForRoom() throws Exception {
        ChunkPipe pipe = new ChunkPipe();
        CompletableFuture<Void> sender = CompletableFuture.runAsync(() -> {
            try {
                for (int i = 0; i < 100; i++) { // more than fit ahead: the sender waits for the reader
                    pipe.put(ByteString.copyFromUtf8(String.format("%03d,", i)));
                }
                pipe.end();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            expected.append(String.format("%03d,", i));
        }
        try (InputStream in = pipe.input()) {
            assertThat(new String(in.readAllBytes())).isEqualTo(expected.toString());
        }
        sender.get(10, TimeUnit.SECONDS);
    }

    @Test
    void aSenderThatFails_failsTheReader() {
        ChunkPipe pipe = new ChunkPipe();
        pipe.fail(new IllegalStateException("client cancelled"));
        assertThatThrownBy(() -> pipe.input().readAllBytes()).isInstanceOf(IOException.class)
                .hasMessageContaining("client cancelled");
    }

    @Test
    void onceTheReaderIsDone_theSenderNeverWaits() throws Exception {
        ChunkPipe pipe = new ChunkPipe();
        pipe.readerDone();
        CompletableFuture<Void> sender = CompletableFuture.runAsync(() -> {
            try {
                for (int i = 0; i < 1000; i++) {
                    pipe.put(ByteString.copyFromUtf8("dropped"));
                }
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        sender.get(10, TimeUnit.SECONDS);
        assertThat(sender).isDone();
    }
}
