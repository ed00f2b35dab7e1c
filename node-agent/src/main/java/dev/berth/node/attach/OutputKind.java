package dev.berth.node.attach;

/** Which of the container's output streams bytes came from (a TTY's output is all STDOUT). */
public enum OutputKind { STDOUT, STDERR }
