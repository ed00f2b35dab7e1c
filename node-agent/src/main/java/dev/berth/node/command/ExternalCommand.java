package dev.berth.node.command;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs an external program directly (never through a shell) with a deadline that fires even while
 * the program keeps writing: its output is read on a thread of its own while this one waits, and
 * a program still running at the deadline is killed. Stdin is /dev/null and stderr joins stdout,
 * unless an input is given.
 */
public final class ExternalCommand {

    /** Output kept in memory at most; the rest is read and dropped so the program never blocks. */
    static final int MAX_OUTPUT_BYTES = 64 * 1024;
    /** After the program exited, how long a descendant that inherited its stdout may keep the pipe open. */
    private static final long DRAIN_MILLIS = 1000;

    /** How a run ended. {@code exitCode} is -1 when it timed out or could not start. */
    public record Result(int exitCode, String output, boolean timedOut) {
        public boolean ok() {
            return exitCode == 0 && !timedOut;
        }
    }

    private final List<String> argv;
    private final Duration timeout;
    private final Path outputFile;
    private final Path directory;
    private final byte[] input;
    private final Map<String, String> environment;

    private ExternalCommand(List<String> argv, Duration timeout, Path outputFile, Path directory, byte[] input,
                            Map<String, String> environment) {
        this.argv = List.copyOf(argv);
        this.timeout = timeout;
        this.outputFile = outputFile;
        this.directory = directory;
        this.input = input;
        this.environment = Map.copyOf(environment);
    }

    public static ExternalCommand of(Duration timeout, List<String> argv) {
        return new ExternalCommand(argv, timeout, null, null, null, Map.of());
    }

    /**
     * The program reads {@code bytes} on its stdin, and its stderr is dropped so that stdout is
     * exactly what it answered (CNI plugins: the config in, the result JSON out).
     */
    public ExternalCommand withInput(byte[] bytes) {
        return new ExternalCommand(argv, timeout, outputFile, directory, bytes.clone(), environment);
    }

    /** Variables added to this process's environment for the program. */
    public ExternalCommand withEnvironment(Map<String, String> variables) {
        return new ExternalCommand(argv, timeout, outputFile, directory, input, variables);
    }

    /**
     * The output goes to the end of this file instead of the result: for a program that leaves a
     * daemon behind holding its stdout (conmon), a pipe would never reach its end.
     */
    public ExternalCommand appendingOutputTo(Path file) {
        return new ExternalCommand(argv, timeout, file, directory, input, environment);
    }

    /** Runs in {@code dir} instead of this process's working directory (files a program leaves in its own). */
    public ExternalCommand inDirectory(Path dir) {
        return new ExternalCommand(argv, timeout, outputFile, dir, input, environment);
    }

    public Result run() {
        ProcessBuilder builder = new ProcessBuilder(argv);
        if (input == null) {
            builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).redirectErrorStream(true);
        } else {
            builder.redirectError(ProcessBuilder.Redirect.DISCARD);
        }
        builder.environment().putAll(environment);
        if (directory != null) {
            builder.directory(directory.toFile());
        }
        if (outputFile != null) {
            builder.redirectOutput(ProcessBuilder.Redirect.appendTo(outputFile.toFile()));
        }
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            return new Result(-1, e.getMessage(), false);
        }
        OutputCollector output = new OutputCollector(process.getInputStream());
        if (outputFile == null) {
            output.start();
        }
        if (input != null) {
            try (OutputStream stdin = process.getOutputStream()) {
                stdin.write(input);
            } catch (IOException e) {
                // the program exited without reading all of it: its exit code tells
            }
        }
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                output.join(DRAIN_MILLIS);
                return new Result(-1, name() + " timed out after " + timeout.toMillis() + " ms", true);
            }
            output.join(DRAIN_MILLIS);
            return new Result(process.exitValue(), output.text(), false);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            return new Result(-1, name() + " interrupted", false);
        }
    }

    private String name() {
        return Path.of(argv.get(0)).getFileName() + (argv.size() > 1 ? " " + argv.get(1) : "");
    }

    /** Reads a program's output to its end, keeping the first {@link #MAX_OUTPUT_BYTES}. */
    private static final class OutputCollector extends Thread {

        private final InputStream in;
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();

        OutputCollector(InputStream in) {
            super("command-output");
            this.in = in;
            setDaemon(true);
        }

        @Override
        public void run() {
            byte[] buffer = new byte[8192];
            try (in) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    synchronized (kept) {
                        kept.write(buffer, 0, Math.min(n, Math.max(0, MAX_OUTPUT_BYTES - kept.size())));
                    }
                }
            } catch (IOException e) {
                // the program was killed or closed its end: what was read is kept
            }
        }

        String text() {
            synchronized (kept) {
                return kept.toString(StandardCharsets.UTF_8).trim();
            }
        }
    }
}
