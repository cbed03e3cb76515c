package dev.myelin.fashion.classic;

import java.io.IOException;
import java.nio.file.Path;

/** A classic model's file that cannot be loaded: the message names the file and what is wrong with it. */
public final class ModelFileException extends IOException {
    private final transient Path file;

    public ModelFileException(Path file, String fault) {
        super(file + ": " + fault);
        this.file = file;
    }

    public ModelFileException(Path file, String fault, Throwable cause) {
        super(file + ": " + fault, cause);
        this.file = file;
    }

    /** The file that could not be loaded. */
    public Path file() {
        return file;
    }
}
