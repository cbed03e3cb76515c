package dev.myelin.fashion.cli;

import dev.myelin.fashion.data.DataLocation;
import dev.myelin.fashion.data.FashionMnist;
import dev.myelin.fashion.download.DownloadException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Option;

/** The {@code --data DIR} option shared by the commands that read the dataset. */
public final class DataOption {
    @Option(names = "--data", paramLabel = "DIR", showDefaultValue = Visibility.NEVER,
            description = "Directory of the four Fashion-MNIST .gz files. "
                    + "Default: $FASHION_MNIST_DIR if set, else data/fashion-mnist.")
    Path dir;

    /** Where the data is, by the one rule every command follows. */
    DataLocation location(FashionContext context) {
        return DataLocation.resolve(dir, context.env());
    }

    /** Where the data is; fails, saying how to get it, when files are missing, or saying what it is when not a directory. */
    Path require(FashionContext context) throws CommandFailure, FileSystemException {
        DataLocation location = location(context);
        DataLocation.requireDirectory(location.dir());
        List<String> missing = FashionMnist.missingFiles(location.dir());
        if (!missing.isEmpty()) {
            throw new CommandFailure(missingMessage(location, missing));
        }
        return location.dir();
    }

    /**
     * Where the data is, downloading it first when files are missing (train, sweep, compare); fails, as
     * {@link #require} does, saying where it looked and how to point elsewhere, when the download fails.
     */
    Path requireOrDownload(FashionContext context) throws Exception {
        DataLocation location = location(context);
        DataLocation.requireDirectory(location.dir());
        if (!FashionMnist.missingFiles(location.dir()).isEmpty()) {
            context.out().println("Fashion-MNIST is not in " + location.dir() + " yet; downloading it first.");
            try {
                DownloadCommand.fetch(context, location.dir());
            } catch (DownloadException e) {
                throw new CommandFailure("Fashion-MNIST is not in " + where(location) + ", and " + e.getMessage() + "\n"
                        + elsewhere());
            }
        }
        return location.dir();
    }

    static String missingMessage(DataLocation location, List<String> missing) {
        String download = location.origin().equals("default")
                ? "./fashion download" : "./fashion download --data " + location.dir();
        return "Fashion-MNIST is not in " + where(location) + "; missing " + String.join(", ", missing) + ".\n"
                + "Get it with: " + download + "\n"
                + elsewhere();
    }

    private static String where(DataLocation location) {
        return switch (location.origin()) {
            case "--data" -> location.dir() + " (given by --data)";
            case DataLocation.ENV -> location.dir() + " (named by " + DataLocation.ENV + ")";
            default -> location.dir() + " (the default place)";
        };
    }

    /** The last line of both messages: the two ways to point at data that is elsewhere. */
    private static String elsewhere() {
        return "or give --data DIR, or set " + DataLocation.ENV + ", naming a directory that holds the four files.";
    }
}
