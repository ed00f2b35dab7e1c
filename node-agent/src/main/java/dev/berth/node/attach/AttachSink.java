package dev.berth.node.attach;

/**
 * A registered consumer of a container's live output. Calls come from the output pump's thread and
 * must not block: every sink and the container's output wait for a sink that does.
 */
public interface AttachSink {

    void output(OutputKind kind, byte[] data);

    /** The run's output has ended (the container exited and its output is drained). */
    void end();
}
