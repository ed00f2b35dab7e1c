package dev.berth.gateway.build;

import dev.berth.gateway.image.ProgressStream;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * The build's answer: Docker's JSON message stream, one message per write, each sent at once.
 * Quiet (docker build -q) keeps the step messages back and sends the image id alone at the end,
 * as Docker does. A write the client is no longer there for fails with {@link ClientGone}: the
 * build then stops.
 */
public class BuildOutput {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** How Docker's builder marks a step's standard error within the stream. */
    private static final String STDERR_START = "\u001b[91m";
    private static final String STDERR_END = "\u001b[0m";

    private final OutputStream out;
    private final HttpServletResponse response;
    private final boolean quiet;

    public BuildOutput(OutputStream out, HttpServletResponse response, boolean quiet) {
        this.out = out;
        this.response = response;
        this.quiet = quiet;
    }

    /** The client left: the build's answer has nobody to go to. */
    public static final class ClientGone extends IOException {
        public ClientGone(IOException cause) {
            super("the client went away", cause);
        }
    }

    /** "Step 2/6 : ENV A=1", then its line end, as two messages as Docker sends them. */
    public void step(int number, int total, String instruction) throws IOException {
        progress("Step " + number + "/" + total + " : " + instruction);
        progress("\n");
    }

    /** A line of the builder's own ({@code " ---> Using cache"}); the line end is added. */
    public void line(String text) throws IOException {
        progress(text + "\n");
    }

    /** What a RUN step printed. */
    public void output(String text, boolean stderr) throws IOException {
        progress(stderr ? STDERR_START + text + STDERR_END : text);
    }

    /** The built image's id, for the client (the CLI's --iidfile reads it). */
    public void imageId(String id) throws IOException {
        if (!quiet) {
            write(Map.of("aux", Map.of("ID", id)));
        } else {
            write(Map.of("stream", id + "\n"));
        }
    }

    /** A pull's progress messages, as docker pull shows them (none when quiet); false when the pull failed. */
    public boolean pullProgress(ProgressStream<?> pull) throws IOException {
        try {
            return pull.writeTo(quiet ? OutputStream.nullOutputStream() : out, response);
        } catch (IOException e) {
            throw new ClientGone(e);
        }
    }

    public void error(String message) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("errorDetail", Map.of("message", message));
        body.put("error", message);
        write(body);
    }

    private void progress(String text) throws IOException {
        if (!quiet) {
            write(Map.of("stream", text));
        }
    }

    /**
     * An empty message, which clients show as nothing: a step that prints nothing for a long time
     * still finds out, by the failing write, when the client has gone.
     */
    public void heartbeat() throws IOException {
        write(Map.of("stream", ""));
    }

    private synchronized void write(Map<String, Object> message) throws IOException {
        try {
            out.write(JSON.writeValueAsString(message).getBytes(StandardCharsets.UTF_8));
            out.write('\n');
            out.flush();
            // a streaming body's flush stays in the response's buffer: this sends it
            response.flushBuffer();
        } catch (IOException e) {
            throw new ClientGone(e);
        }
    }
}
