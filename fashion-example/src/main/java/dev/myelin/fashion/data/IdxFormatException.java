package dev.myelin.fashion.data;

import java.io.IOException;
import java.nio.file.Path;

/** An IDX file that is not what its header, or the caller, says it should be. */
public final class IdxFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final String fault;

    public IdxFormatException(Path file, String fault) {
        super(file + ": " + fault);
        this.file = file;
        this.fault = fault;
    }

    public IdxFormatException(Path file, String fault, Throwable cause) {
        this(file, fault);
        initCause(cause);
    }

    /** The file at fault. */
    public Path file() {
        return file;
    }

    /** What is wrong with it, without the file name. */
    public String fault() {
        return fault;
    }
}
