package dev.myelin.io;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A safetensors file is malformed or does not hold what was asked for; the message names the file and the
 * fault. {@link SafetensorsReader} lists the faults it refuses.
 */
public final class SafetensorsException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;

    /**
     * An exception about {@code file}; the message reads {@code "<file>: <fault>"}, control characters in
     * the fault escaped.
     *
     * @param file the file at fault
     * @param fault what is wrong, such as {@code "tensor 'w': unknown dtype 'F4'"}
     */
    public SafetensorsException(Path file, String fault) {
        super(file + ": " + Json.printable(fault));
        this.file = file;
    }

    /**
     * An exception about {@code file} caused by {@code cause}; the message reads
     * {@code "<file>: <fault>"}, control characters in the fault escaped.
     *
     * @param file the file at fault
     * @param fault what is wrong
     * @param cause the lower-level exception, such as a JSON syntax error or an {@link java.io.EOFException}
     */
    public SafetensorsException(Path file, String fault, Throwable cause) {
        super(file + ": " + Json.printable(fault), cause);
        this.file = file;
    }

    /**
     * The file at fault.
     *
     * @return the path given to the constructor; null after deserialisation (it is not serialised)
     */
    public Path file() {
        return file;
    }
}
