package dev.myelin.io;

import java.io.IOException;
import java.nio.file.Path;

/** A safetensors file is malformed or does not hold what was asked for; the message names the file and the fault. */
public final class SafetensorsException extends IOException {
    private final transient Path file;

    /**
     * An exception about {@code file}; the message reads {@code "<file>: <fault>"}, control characters in
     * the fault escaped.
     */
    public SafetensorsException(Path file, String fault) {
        super(file + ": " + Json.printable(fault));
        this.file = file;
    }

    /**
     * An exception about {@code file} caused by {@code cause}; the message reads
     * {@code "<file>: <fault>"}, control characters in the fault escaped.
     */
    public SafetensorsException(Path file, String fault, Throwable cause) {
        super(file + ": " + Json.printable(fault), cause);
        this.file = file;
    }

    /** The file at fault. */
    public Path file() {
        return file;
    }
}
