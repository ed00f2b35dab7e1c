package dev.berth.gateway.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class LayerPipeTest {

    @Test
    void whatTheWriterWrites_isReadWhole_evenWhenItSaysItIsDoneOnlyAfterClosing() throws Exception {
        LayerPipe pipe = new LayerPipe();
        byte[] data = new byte[3 * 1024 * 1024];
        new java.util.Random(7).nextBytes(data);
        CompletableFuture<byte[]> read = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (InputStream in = pipe.input()) {
                read.complete(in.readAllBytes());
            } catch (IOException e) {
                read.completeExceptionally(e);
            }
        });
        reader.start();
        OutputStream out = pipe.output();
        out.write(data);
        out.close(); // the tar closes its stream before the writer reports: the reader must wait for the report
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (reader.getState() != Thread.State.WAITING && System.nanoTime() < deadline) {
            Thread.onSpinWait(); // the reader has read everything and waits for the writer's word
        }
        assertThat(reader.getState()).isEqualTo(Thread.State.WAITING);
        assertThat(read).isNotDone();
        pipe.writerDone(null);
        assertThat(read.get()).isEqualTo(data);
    }

    @Test
    void aWriterThatFails_failsTheReader_insteadOfEndingTheStream() throws Exception {
        LayerPipe pipe = new LayerPipe();
        CompletableFuture.runAsync(() -> {
            try {
                pipe.output().write(new byte[1000]);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            pipe.writerDone(new IOException("disk gone"));
        });
        try (InputStream in = pipe.input()) {
            assertThatThrownBy(in::readAllBytes).isInstanceOf(IOException.class).hasMessageContaining("disk gone");
        }
    }
}
