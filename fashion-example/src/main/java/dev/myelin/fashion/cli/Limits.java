package dev.myelin.fashion.cli;

import dev.myelin.fashion.data.ImageSet;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/** The {@code --limit N} of the commands that read the test set. */
final class Limits {
    private Limits() {}

    /** The first {@code limit} images, or all of them when {@code limit} is null. */
    static ImageSet first(ImageSet images, Integer limit) {
        return limit == null ? images : images.first(limit);
    }

    /** Checks a {@code --limit}; a usage error (exit code 2) when it is below 1. */
    static void check(CommandLine command, Integer limit) {
        if (limit != null && limit < 1) {
            throw new ParameterException(command, "--limit must be at least 1, not " + limit);
        }
    }
}
