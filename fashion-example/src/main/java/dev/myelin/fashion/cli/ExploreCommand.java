package dev.myelin.fashion.cli;

import dev.myelin.fashion.data.FashionMnist;
import dev.myelin.fashion.data.ImageSet;
import dev.myelin.fashion.explore.Exploration;
import dev.myelin.fashion.explore.ExploreJson;
import dev.myelin.fashion.explore.ExplorePage;
import dev.myelin.fashion.explore.ExploreText;
import dev.myelin.fashion.explore.Explorer;
import dev.myelin.fashion.explore.SplitCounts;
import dev.myelin.fashion.files.AtomicFiles;
import dev.myelin.fashion.json.JsonWriter;
import dev.myelin.fashion.train.Training;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code ./fashion explore}: a page about the data itself, before any model. */
@Command(name = "explore", mixinStandardHelpOptions = true, versionProvider = Version.class,
        showDefaultValues = true, sortOptions = false,
        header = "Explore the dataset: class balance, mean images, pixels, similar classes, PCA.",
        description = {
            "Counts the images of every class in the training, validation (the last " + Training.VALIDATION_IMAGES
                    + " images of the training file, as train holds them out) and test splits; draws each class's mean image and per-pixel "
                    + "standard deviation, the histogram of pixel intensities, samples of every class, the "
                    + "pairs of classes whose mean images are closest, and the test images projected on the "
                    + "first two principal components of the training split.",
            "Writes explore.html (self-contained: pictures embedded, no outside resources) and explore.json "
                    + "(the same numbers, for programs) into the output directory, and prints a summary.",
            ""
        })
final class ExploreCommand implements Callable<Integer> {
    /** More samples than this would make the page long without showing anything new. */
    static final int MAX_SAMPLES = 100;

    private final FashionContext context;

    @Spec
    CommandSpec spec;

    @Mixin
    DataOption data;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "runs/explore",
            description = "Directory to write explore.html and explore.json into; created if missing.")
    Path out;

    @Option(names = "--samples", paramLabel = "N", defaultValue = "10",
            description = "How many sample images to show of each class, from 1 to " + MAX_SAMPLES
                    + "; the first N of the class in the training split.")
    int samples;

    @Option(names = "--pca-images", paramLabel = "N", defaultValue = "2000",
            description = "How many test images, from the first, to plot on the first two principal "
                    + "components; at most the size of the test set.")
    int pcaImages;

    ExploreCommand(FashionContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        if (samples < 1 || samples > MAX_SAMPLES) {
            throw new ParameterException(spec.commandLine(), "--samples must be from 1 to " + MAX_SAMPLES + ", not " + samples);
        }
        if (pcaImages < 1) {
            throw new ParameterException(spec.commandLine(), "--pca-images must be at least 1, not " + pcaImages);
        }
        OutPaths.requireFolder(out);
        Path dataDir = data.require(context);
        long start = System.nanoTime();
        context.out().println("Reading Fashion-MNIST from " + dataDir);
        ImageSet trainingFile = FashionMnist.loadTrain(dataDir);
        ImageSet test = FashionMnist.loadTest(dataDir);
        if (pcaImages > test.size()) {
            throw new ParameterException(spec.commandLine(), String.format(Locale.ROOT,
                    "--pca-images %,d is more than the %,d test images", pcaImages, test.size()));
        }
        if (SplitCounts.trainingImages(trainingFile) < 2) {
            throw new CommandFailure("the training split of " + dataDir + " has fewer than 2 images; PCA needs more");
        }

        Exploration exploration = Explorer.explore(trainingFile, test, new Explorer.Settings(samples, pcaImages),
                context.out(), context.interactive());
        context.out().println("Drawing the page");
        // Both files are made in memory first, so a failure on the way leaves nothing half written.
        byte[] page = ExplorePage.render(exploration, ZonedDateTime.now(context.clock())).getBytes(StandardCharsets.UTF_8);
        String json = JsonWriter.write(ExploreJson.toJson(exploration));
        Path pageFile = out.resolve(ExplorePage.FILE_NAME);
        Path jsonFile = out.resolve(ExploreJson.FILE_NAME);
        AtomicFiles.writeString(jsonFile, json);
        AtomicFiles.write(pageFile, page);

        context.out().println();
        context.out().print(ExploreText.render(exploration));
        context.out().println();
        context.out().printf(Locale.ROOT, "Wrote %s (%,d kB) and %s in %.1f s; open the page in a browser.%n",
                pageFile, (page.length + 999) / 1000, jsonFile, (System.nanoTime() - start) / 1e9);
        return 0;
    }
}
