package dev.myelin.fashion.predict;

import java.io.IOException;
import java.nio.file.Path;

/** An input picture that cannot be used: not a readable image, or too large. */
public final class ImageInputException extends IOException {
    private static final long serialVersionUID = 1L;

    public ImageInputException(Path file, String fault) {
        this(file.toString(), fault);
    }

    /** @param source the file or upload the picture came from, as an error message should name it */
    public ImageInputException(String source, String fault) {
        super(source + ": " + fault);
    }
}
