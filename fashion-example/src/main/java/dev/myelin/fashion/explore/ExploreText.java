package dev.myelin.fashion.explore;

import dev.myelin.fashion.data.FashionMnist;
import java.util.List;
import java.util.Locale;

/** The terminal summary of an {@link Exploration}: counts, closest class means, explained variance. */
public final class ExploreText {
    private ExploreText() {}

    /** The summary, ending with a newline. */
    public static String render(Exploration data) {
        StringBuilder text = new StringBuilder();
        counts(text, data.counts());
        text.append('\n');
        closest(text, data.distances());
        text.append('\n');
        variance(text, data.pca(), data.projection());
        return text.toString();
    }

    private static void counts(StringBuilder text, SplitCounts counts) {
        text.append(String.format(Locale.ROOT, "%-14s %9s %11s %7s%n", "Class", "training", "validation", "test"));
        for (int c = 0; c < FashionMnist.CLASSES; c++) {
            text.append(String.format(Locale.ROOT, "%-14s %,9d %,11d %,7d%n", FashionMnist.CLASS_NAMES.get(c),
                    counts.train()[c], counts.validation()[c], counts.test()[c]));
        }
        text.append(String.format(Locale.ROOT, "%-14s %,9d %,11d %,7d%n", "All", counts.trainTotal(),
                counts.validationTotal(), counts.testTotal()));
    }

    private static void closest(StringBuilder text, ClassDistances distances) {
        text.append("Closest class means (Euclidean distance, pixels in [0, 1]):\n");
        for (ClassDistances.Pair pair : distances.closest(ExplorePage.CLOSEST_PAIRS)) {
            text.append(String.format(Locale.ROOT, "  %-27s %5.2f%n", FashionMnist.CLASS_NAMES.get(pair.first())
                    + " – " + FashionMnist.CLASS_NAMES.get(pair.second()), pair.distance()));
        }
    }

    private static void variance(StringBuilder text, Pca pca, Projection projection) {
        List<Pca.Component> components = pca.components();
        text.append(String.format(Locale.ROOT, "PCA fitted on the %,d training-split images; explained variance:%n",
                pca.fitRows()));
        double cumulative = 0;
        for (int i = 0; i < components.size(); i++) {
            Pca.Component component = components.get(i);
            cumulative += component.explained();
            text.append(String.format(Locale.ROOT, "  PC%-2d %5.1f%%  (cumulative %5.1f%%)%s%n", i + 1,
                    100 * component.explained(), 100 * cumulative,
                    component.converged() ? "" : "  not converged in " + component.iterations() + " iterations"));
        }
        text.append(String.format(Locale.ROOT, "The first %,d test images are plotted on PC1 and PC2.%n", projection.size()));
    }
}
