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
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            try {
                OutputStream out = pipe.output();
                out.write(data);
                out.close(); // the tar closes its stream before the writer reports: the reader must wait for the report
                Thread.sleep(50);
                pipe.writerDone(null);
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        try (InputStream in = pipe.input()) {
            assertThat(in.readAllBytes()).isEqualTo(data);
        }
        writer.get();
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
