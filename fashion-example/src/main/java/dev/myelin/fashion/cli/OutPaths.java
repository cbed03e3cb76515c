package dev.myelin.fashion.cli;

import dev.myelin.fashion.run.RunDirectory;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the commands' {@code --out} options mean, checked before any work is done. */
final class OutPaths {
    private OutPaths() {}

    /**
     * Where a command writes its one file: {@code out} when given, or {@code defaultName} inside it when
     * {@code out} is an existing directory (as {@code cp FILE DIR} does); without {@code out}, the
     * default file in the run directory.
     */
    static Path file(Path out, RunDirectory run, String defaultName) {
        if (out == null) {
            return run.file(defaultName);
        }
        return Files.isDirectory(out) ? out.resolve(defaultName) : out;
    }

    /** Refuses an {@code --out} naming an existing file where a folder (existing or to be made) is expected. */
    static void requireFolder(Path out) throws CommandFailure {
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new CommandFailure("--out " + out + " is a file; it must name a folder, existing or to be made");
        }
    }
}
