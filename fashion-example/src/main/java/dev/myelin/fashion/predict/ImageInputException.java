package dev.myelin.fashion.predict;

import java.io.IOException;
import java.nio.file.Path;

/** An input picture that cannot be used: not a readable image, or too large. */
public final class ImageInputException extends IOException {
    private static final long serialVersionUID = 1L;

    /**
     * A picture file that cannot be used.
     *
     * @param file the picture's file, named first in the message
     * @param fault what is wrong with it, such as "no such file" or "a 20000x20000 image is too large"
     */
    public ImageInputException(Path file, String fault) {
        this(file.toString(), fault);
    }

    /**
     * A picture that cannot be used, from a file or an upload.
     *
     * @param source the file or upload the picture came from, as an error message should name it
     * @param fault what is wrong with it
     */
    public ImageInputException(String source, String fault) {
        super(source + ": " + fault);
    }
}
