package dev.myelin.fashion.cli;

import dev.myelin.fashion.data.DataLocation;
import dev.myelin.fashion.data.FashionMnist;
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

    static String missingMessage(DataLocation location, List<String> missing) {
        String where = switch (location.origin()) {
            case "--data" -> location.dir() + " (given by --data)";
            case DataLocation.ENV -> location.dir() + " (named by " + DataLocation.ENV + ")";
            default -> location.dir() + " (the default place)";
        };
        String download = location.origin().equals("default")
                ? "./fashion download" : "./fashion download --data " + location.dir();
        return "Fashion-MNIST is not in " + where + "; missing " + String.join(", ", missing) + ".\n"
                + "Get it with: " + download + "\n"
                + "or set " + DataLocation.ENV + " to a directory that holds the four files.";
    }
}
