package dev.myelin.io;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A checkpoint cannot be read or restored: an unknown or newer format version, a missing or malformed
 * entry, or state that does not fit the objects it is restored into. The message names the file and
 * the fault.
 */
public final class CheckpointException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;

    /**
     * An exception about {@code file}; the message reads {@code "<file>: <fault>"}, control characters in
     * the fault escaped.
     *
     * @param file the checkpoint file
     * @param fault what is wrong, such as {@code "the metadata has no 'epoch'"}
     */
    public CheckpointException(Path file, String fault) {
        super(file + ": " + Json.printable(fault));
        this.file = file;
    }

    /**
     * An exception about {@code file} caused by {@code cause}; the message reads
     * {@code "<file>: <fault>"}, control characters in the fault escaped.
     *
     * @param file the checkpoint file
     * @param fault what is wrong
     * @param cause the lower-level exception, such as a {@link NumberFormatException} for a malformed number
     */
    public CheckpointException(Path file, String fault, Throwable cause) {
        super(file + ": " + Json.printable(fault), cause);
        this.file = file;
    }

    /**
     * The checkpoint file at fault.
     *
     * @return the path given to the constructor; null after deserialisation (it is not serialised)
     */
    public Path file() {
        return file;
    }
}
