package dev.myelin.fashion.explore;

import dev.myelin.fashion.data.FashionMnist;
import dev.myelin.fashion.data.ImageSet;
import dev.myelin.fashion.progress.ProgressBar;
import java.io.PrintStream;
import java.util.Arrays;

/** Computes an {@link Exploration} of the dataset, showing progress for the slow part, the PCA. */
public final class Explorer {
    /** How many principal components are computed; the first two are plotted. */
    public static final int COMPONENTS = 10;

    /**
     * What to compute.
     *
     * @param samplesPerClass how many sample images to show of each class
     * @param pcaImages how many test images, from the first, to project
     */
    public record Settings(int samplesPerClass, int pcaImages) {}

    private Explorer() {}

    /**
     * Explores the training file, split as training splits it, and the test set.
     *
     * @param interactive whether {@code out} is a terminal where progress can be redrawn in place
     */
    public static Exploration explore(ImageSet trainingFile, ImageSet test, Settings settings, PrintStream out,
            boolean interactive) {
        if (settings.pcaImages() > test.size()) {
            throw new IllegalArgumentException(settings.pcaImages() + " images to project, but the test set has " + test.size());
        }
        SplitCounts counts = SplitCounts.of(trainingFile, test);
        ImageSet training = trainingFile.first(SplitCounts.trainingImages(trainingFile));
        ClassStatistics classes = ClassStatistics.of(training, FashionMnist.CLASSES);
        int[][] samples = ClassSamples.first(training.labels(), FashionMnist.CLASSES, settings.samplesPerClass());

        Covariance covariance;
        try (ProgressBar bar = new ProgressBar("PCA covariance", training.size(), ProgressBar.Unit.items("img"),
                out, interactive, System::nanoTime)) {
            covariance = Covariance.of(Rows.of(training, training.size()), bar::update);
        }
        int components = Math.min(COMPONENTS, training.imageSize());
        Pca pca;
        try (ProgressBar bar = new ProgressBar("PCA components", components, ProgressBar.Unit.items("PC"),
                out, interactive, System::nanoTime)) {
            pca = Pca.fit(covariance, components, PowerIteration.Settings.DEFAULT, bar::update);
        }
        float[][] points = pca.project(Rows.of(test, settings.pcaImages()), 2);
        Projection projection = new Projection(points, Arrays.copyOf(test.labels(), settings.pcaImages()));

        return new Exploration(counts, training, classes, PixelHistogram.of(training),
                ClassDistances.between(classes.means()), samples, pca, projection);
    }
}
