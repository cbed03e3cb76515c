package dev.myelin.io;

import dev.myelin.nn.LoadReport;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A well-formed state-dict file does not fit the model it was loaded into: some entries are missing,
 * unexpected or of the wrong shape. The message names the file and lists every such entry; nothing was
 * loaded.
 */
public final class StateDictException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final transient LoadReport report;

    /**
     * An exception for {@code file} that does not fit a model of type {@code modelType}.
     *
     * @param file the state-dict file
     * @param modelType the model's class name as the message should show it, such as {@code Sequential}
     * @param report what did not match; must not be clean
     */
    public StateDictException(Path file, String modelType, LoadReport report) {
        super(file + ": does not fit " + modelType + "; nothing was loaded:\n" + Json.printable(report.describe()));
        this.file = file;
        this.report = report;
    }

    /**
     * The file at fault.
     *
     * @return the path given to the constructor; null after deserialisation (it is not serialised)
     */
    public Path file() {
        return file;
    }

    /**
     * What did not match, for a caller that wants more than the message.
     *
     * @return the missing, unexpected and wrongly shaped entries; null after deserialisation
     */
    public LoadReport report() {
        return report;
    }
}
