package dev.myelin.fashion.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** The dataset directory lacks some of the dataset's files. */
public final class MissingDataException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient Path directory;
    private final List<String> missing;

    public MissingDataException(Path directory, List<String> missing) {
        super("Fashion-MNIST is not in " + directory + " (missing " + String.join(", ", missing) + ")");
        this.directory = directory;
        this.missing = List.copyOf(missing);
    }

    public Path directory() {
        return directory;
    }

    /** The names of the missing files. */
    public List<String> missing() {
        return missing;
    }
}
