package dev.myelin.fashion.predict;

import java.io.IOException;
import java.nio.file.Path;

/** An input picture that cannot be used: not a readable image, or too large. */
public final class ImageInputException extends IOException {
    private static final long serialVersionUID = 1L;

    public ImageInputException(Path file, String fault) {
        super(file + ": " + fault);
    }
}
