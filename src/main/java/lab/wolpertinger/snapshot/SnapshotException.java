package lab.wolpertinger.snapshot;

/**
 * A snapshot (or safetensors) file that cannot be used, with a one-line message naming the
 * file, the part of it and what is wrong. An {@link IllegalArgumentException}, so the CLI
 * reports it as bad input (exit code 2) and the lab as a message, never as a crash.
 */
public final class SnapshotException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private static final int MAX_MESSAGE = 400;

    /** A failure described by {@code message} (newlines are folded, very long text cut). */
    public SnapshotException(String message) {
        super(oneLine(message));
    }

    /** A failure described by {@code message}, caused by {@code cause}. */
    public SnapshotException(String message, Throwable cause) {
        super(oneLine(message), cause);
    }

    private static String oneLine(String message) {
        String m = String.valueOf(message).replaceAll("[\\r\\n\\t]+", " ").strip();
        return m.length() <= MAX_MESSAGE ? m : m.substring(0, MAX_MESSAGE) + "...";
    }
}
