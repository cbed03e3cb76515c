package dev.myelin.fashion.cli;

import dev.myelin.fashion.data.DataLocation;
import dev.myelin.fashion.download.Downloader;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Option;

/** {@code ./fashion download}: fetches and verifies the dataset. */
@Command(name = "download", mixinStandardHelpOptions = true, versionProvider = Version.class,
        showDefaultValues = true, sortOptions = false,
        header = "Download Fashion-MNIST and check its MD5 checksums.",
        description = {
            "Fetches the four original files (60,000 training and 10,000 test images) from the public "
                    + "mirrors, trying the next mirror when one fails, and keeps a file only once its MD5 "
                    + "matches the published one. Files already present and valid are kept.",
            ""
        })
final class DownloadCommand implements Callable<Integer> {
    private final FashionContext context;

    @Option(names = {"--dir", "--data"}, paramLabel = "DIR", showDefaultValue = Visibility.NEVER,
            description = "Where to put the files. Default: $FASHION_MNIST_DIR if set, else data/fashion-mnist.")
    Path dir;

    DownloadCommand(FashionContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        Path target = DataLocation.resolve(dir, context.env()).dir();
        fetch(context, target);
        return 0;
    }

    /** Downloads what is missing or damaged in {@code target}; also used by {@code train}. */
    static void fetch(FashionContext context, Path target) throws Exception {
        context.out().println("Downloading Fashion-MNIST into " + target);
        new Downloader(context.mirrors(), context.datasetFiles(), context.out(), context.interactive()).fetchAll(target);
        context.out().println("Fashion-MNIST is ready in " + target + " (" + context.datasetFiles().size()
                + " files, MD5 verified).");
    }
}
