package dev.myelin.fashion.explore;

import dev.myelin.fashion.data.FashionMnist;
import dev.myelin.fashion.report.Html;
import dev.myelin.fashion.report.Png;
import dev.myelin.fashion.report.Tiles;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * Renders an {@link Exploration} as one self-contained HTML page in the report's style: styles
 * inline and every picture a base64 data URI, so the file needs nothing else to be read.
 */
public final class ExplorePage {
    /** Where {@code ./fashion explore} writes by default, relative to the working directory. */
    public static final Path DEFAULT_DIR = Path.of("runs", "explore");

    /** The page's file name in its directory. */
    public static final String FILE_NAME = "explore.html";

    /** How many of the closest pairs of class means are listed. */
    public static final int CLOSEST_PAIRS = 5;

    private static final int SIDE = FashionMnist.ROWS;
    private static final int SAMPLE_SCALE = 3;
    private static final int PAIR_SCALE = 2;
    private static final int MEAN_SCALE = 3;
    private static final List<String> NAMES = FashionMnist.CLASS_NAMES;

    /** What this page adds to the report's stylesheet. */
    private static final String CSS = """
            .samples { display: grid; grid-template-columns: max-content 1fr; gap: 8px 16px; align-items: center; }
            .samples .name { font-size: 13px; font-weight: 600; }
            .samples .row { display: flex; flex-wrap: wrap; gap: 4px; }
            .samples img.pixels, .pairs img.pixels { margin: 0; border-radius: 3px; }
            .means { display: grid; grid-template-columns: repeat(auto-fill, minmax(190px, 1fr)); gap: 16px; }
            .means .pair, .pairs .pair { display: flex; gap: 6px; justify-content: center; }
            .means figcaption { text-align: center; margin-top: 4px; }
            .pairs { display: flex; flex-wrap: wrap; gap: 18px; margin: 0 0 18px; }
            .pairs figcaption { text-align: center; margin-top: 4px; }
            table.distances th, table.distances td { text-align: center; padding: 6px 4px; font-size: 13px; }
            table.distances th:first-child { text-align: left; }
            table.distances td.close { font-weight: 700; outline: 2px solid var(--wrong); outline-offset: -2px; }
            .wide { display: flex; justify-content: center; }
            .wide img { max-width: 100%; height: auto; }
            """;

    private final StringBuilder html = new StringBuilder(1 << 18);
    private final Exploration data;

    private ExplorePage(Exploration data) {
        this.data = data;
    }

    /** The page; {@code generated} is the time shown at its foot. */
    public static String render(Exploration data, ZonedDateTime generated) throws IOException {
        return new ExplorePage(data).page(generated);
    }

    private String page(ZonedDateTime generated) throws IOException {
        String title = "Fashion-MNIST · the data";
        Html.openPage(html, title, CSS);
        header(title);
        counts();
        samples();
        means();
        pixels();
        distances();
        pca();
        html.append("<footer>Made by <code>./fashion explore</code> with Myelin on ")
                .append(Html.escape(generated.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z", Locale.ROOT))))
                .append(".</footer>\n</main>\n</body>\n</html>\n");
        return html.toString();
    }

    private void header(String title) {
        SplitCounts counts = data.counts();
        html.append("<header>\n<h1>").append(Html.escape(title)).append("</h1>\n<p class=\"sub\">")
                .append("What the images look like before any model sees them. Statistics, samples and the PCA fit ")
                .append("describe the training split; the last images of the training file are held out for ")
                .append("validation, as <code>./fashion train</code> holds them out.</p>\n<div class=\"cards\">\n");
        card("Training split", number(counts.trainTotal()), "images, the first of the training file");
        card("Validation split", number(counts.validationTotal()), "images, the last of the training file");
        card("Test set", number(counts.testTotal()), "images");
        card("Background", percent(data.pixels().zeroFraction()), "of training pixels are exactly 0");
        List<Pca.Component> components = data.pca().components();
        card("PC1 + PC2", percent(components.get(0).explained() + components.get(1).explained()),
                "of the pixel variance");
        html.append("</div>\n</header>\n");
    }

    private void card(String label, String value, String detail) {
        Html.card(html, label, value, detail);
    }

    private void counts() {
        SplitCounts counts = data.counts();
        html.append("<section id=\"counts\">\n<h2>Images per class</h2>\n")
                .append("<p class=\"note\">A balanced dataset: every class has about a tenth of each split.</p>\n")
                .append("<table>\n<thead><tr><th>Class</th><th>Training</th><th>Validation</th><th>Test</th></tr></thead>\n<tbody>\n");
        for (int c = 0; c < NAMES.size(); c++) {
            html.append("<tr><td>").append(Html.escape(NAMES.get(c))).append("</td><td>")
                    .append(number(counts.train()[c])).append("</td><td>").append(number(counts.validation()[c]))
                    .append("</td><td>").append(number(counts.test()[c])).append("</td></tr>\n");
        }
        html.append("</tbody>\n<tfoot><tr><td>All</td><td>").append(number(counts.trainTotal())).append("</td><td>")
                .append(number(counts.validationTotal())).append("</td><td>").append(number(counts.testTotal()))
                .append("</td></tr></tfoot>\n</table>\n</section>\n");
    }

    private void samples() {
        int[][] samples = data.samples();
        html.append("<section id=\"samples\">\n<h2>Samples</h2>\n<p class=\"note\">The first ")
                .append(samples.length == 0 ? 0 : samples[0].length)
                .append(" images of each class in the training split.</p>\n<div class=\"samples\">\n");
        for (int c = 0; c < samples.length; c++) {
            html.append("<div class=\"name\">").append(Html.escape(NAMES.get(c))).append("</div><div class=\"row\">");
            for (int index : samples[c]) {
                picture(Tiles.grayscale(data.training().image(index), SIDE, SAMPLE_SCALE), SAMPLE_SCALE,
                        "Training image " + index + ", a " + NAMES.get(c));
            }
            html.append("</div>\n");
        }
        html.append("</div>\n</section>\n");
    }

    private void means() {
        ClassStatistics classes = data.classes();
        float top = classes.maxDeviation();
        html.append("<section id=\"means\">\n<h2>Mean and spread of each class</h2>\n")
                .append("<p class=\"note\">Left, the mean image of the class: its typical shape. Right, the standard ")
                .append("deviation of every pixel: where the images of the class differ from one another. ")
                .append("One colour scale serves all classes. Below each class, the average of its mean image ")
                .append("(brightness) and of its deviations (spread).</p>\n")
                .append("<div class=\"legend\">standard deviation 0<span class=\"ramp\"></span>")
                .append(String.format(Locale.ROOT, "%.2f", top)).append(" (pixels in [0, 1])</div>\n")
                .append("<div class=\"means\">\n");
        for (int c = 0; c < classes.classes(); c++) {
            float[] deviation = classes.deviation(c);
            for (int p = 0; p < deviation.length; p++) {
                deviation[p] = top > 0 ? deviation[p] / top : 0;
            }
            html.append("<figure><div class=\"pair\">");
            picture(Tiles.grayscale(classes.mean(c), SIDE, MEAN_SCALE), MEAN_SCALE, "Mean image of " + NAMES.get(c));
            picture(Tiles.inferno(deviation, SIDE, MEAN_SCALE), MEAN_SCALE, "Standard deviation of " + NAMES.get(c));
            html.append("</div><figcaption><span class=\"true\">").append(Html.escape(NAMES.get(c)))
                    .append("</span><br><span class=\"meta\">")
                    .append(String.format(Locale.ROOT, "mean %.3f · spread %.3f", classes.meanIntensity(c),
                            classes.meanDeviation(c)))
                    .append("</span></figcaption></figure>\n");
        }
        html.append("</div>\n</section>\n");
    }

    private void pixels() throws IOException {
        PixelHistogram pixels = data.pixels();
        html.append("<section id=\"pixels\">\n<h2>Pixel intensities</h2>\n<p class=\"note\">")
                .append(percent(pixels.zeroFraction())).append(" of the ")
                .append(number(pixels.total())).append(" pixels of the training split are exactly 0, the black ")
                .append("background, and are left out of the chart so that the rest can be seen. ")
                .append(String.format(Locale.ROOT, "The mean pixel is %.4f on a scale of 0 to 1.", pixels.mean()))
                .append("</p>\n<div class=\"wide\">");
        chart(ExploreCharts.histogram(pixels), ExploreCharts.HISTOGRAM_WIDTH, ExploreCharts.HISTOGRAM_HEIGHT,
                "Histogram of pixel intensities 1 to 255");
        html.append("</div>\n</section>\n");
    }

    private void distances() {
        ClassDistances distances = data.distances();
        ClassStatistics classes = data.classes();
        List<ClassDistances.Pair> closest = distances.closest(CLOSEST_PAIRS);
        html.append("<section id=\"distances\">\n<h2>Which classes look alike</h2>\n")
                .append("<p class=\"note\">The Euclidean distance between the mean images of two classes, pixels in ")
                .append("[0, 1]. The closest pairs are a first guess at what a model will confuse.</p>\n")
                .append("<div class=\"pairs\">\n");
        for (ClassDistances.Pair pair : closest) {
            html.append("<figure><div class=\"pair\">");
            picture(Tiles.grayscale(classes.mean(pair.first()), SIDE, PAIR_SCALE), PAIR_SCALE,
                    "Mean image of " + NAMES.get(pair.first()));
            picture(Tiles.grayscale(classes.mean(pair.second()), SIDE, PAIR_SCALE), PAIR_SCALE,
                    "Mean image of " + NAMES.get(pair.second()));
            html.append("</div><figcaption><span class=\"true\">").append(Html.escape(NAMES.get(pair.first())))
                    .append(" – ").append(Html.escape(NAMES.get(pair.second()))).append("</span><br><span class=\"meta\">")
                    .append(String.format(Locale.ROOT, "distance %.2f", pair.distance()))
                    .append("</span></figcaption></figure>\n");
        }
        html.append("</div>\n<table class=\"distances\">\n<thead><tr><th></th>");
        for (String name : FashionMnist.SHORT_NAMES) {
            html.append("<th>").append(Html.escape(name)).append("</th>");
        }
        html.append("</tr></thead>\n<tbody>\n");
        double max = distances.max();
        for (int a = 0; a < distances.classes(); a++) {
            html.append("<tr><th>").append(Html.escape(NAMES.get(a))).append("</th>");
            for (int b = 0; b < distances.classes(); b++) {
                if (a == b) {
                    html.append("<td>–</td>");
                    continue;
                }
                double d = distances.distance(a, b);
                // The closer the pair, the deeper the blue.
                double closeness = max > 0 ? 1 - d / max : 0;
                boolean listed = isListed(closest, a, b);
                html.append("<td").append(listed ? " class=\"close\"" : "")
                        .append(String.format(Locale.ROOT, " style=\"background: rgba(47, 109, 181, %.2f)%s\">%.2f</td>",
                                0.75 * closeness, closeness > 0.55 ? "; color: #fff" : "", d));
            }
            html.append("</tr>\n");
        }
        html.append("</tbody>\n</table>\n</section>\n");
    }

    private static boolean isListed(List<ClassDistances.Pair> pairs, int a, int b) {
        return pairs.stream().anyMatch(p -> p.first() == Math.min(a, b) && p.second() == Math.max(a, b));
    }

    private void pca() throws IOException {
        Pca pca = data.pca();
        Projection projection = data.projection();
        html.append("<section id=\"pca\">\n<h2>Principal components</h2>\n<p class=\"note\">The directions in which ")
                .append("the training images vary most, fitted on the ").append(number(pca.fitRows()))
                .append(" images of the training split (the eigenvectors of their 784×784 pixel covariance, found by ")
                .append("power iteration with deflation on Myelin tensors). Below, the first ")
                .append(number(projection.size()))
                .append(" test images placed by their first two components: classes that overlap here are hard to ")
                .append("tell apart by their broad shape alone.</p>\n<div class=\"wide\">");
        chart(ExploreCharts.scatter(projection, pca), ExploreCharts.SCATTER_WIDTH, ExploreCharts.SCATTER_HEIGHT,
                "Scatter plot of test images on the first two principal components, coloured by class");
        html.append("</div>\n<table>\n<thead><tr><th>Component</th><th>Variance</th><th>Share</th><th>Cumulative</th>")
                .append("<th>Iterations</th></tr></thead>\n<tbody>\n");
        double cumulative = 0;
        for (int i = 0; i < pca.components().size(); i++) {
            Pca.Component component = pca.components().get(i);
            cumulative += component.explained();
            html.append("<tr><td>PC").append(i + 1).append("</td>")
                    .append(String.format(Locale.ROOT, "<td>%.3f</td>", component.variance()))
                    .append(String.format(Locale.ROOT,
                            "<td class=\"bar\"><div class=\"meter\"><span class=\"track\"><span class=\"fill\" style=\"width:%.1f%%\"></span></span>%.1f%%</div></td>",
                            100 * component.explained(), 100 * component.explained()))
                    .append(String.format(Locale.ROOT, "<td>%.1f%%</td>", 100 * cumulative))
                    .append("<td>").append(number(component.iterations()))
                    .append(component.converged() ? "" : " (not converged)").append("</td></tr>\n");
        }
        html.append("</tbody>\n</table>\n</section>\n");
    }

    private void picture(BufferedImage image, int scale, String alt) {
        html.append("<img class=\"pixels\" src=\"").append(Png.dataUri(image)).append("\" width=\"").append(SIDE * scale)
                .append("\" height=\"").append(SIDE * scale).append("\" alt=\"").append(Html.escape(alt)).append("\">");
    }

    private void chart(byte[] png, int width, int height, String alt) {
        html.append("<figure><img src=\"").append(Png.dataUri(png)).append("\" width=\"").append(width)
                .append("\" height=\"").append(height).append("\" alt=\"").append(Html.escape(alt)).append("\"></figure>");
    }

    private static String number(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    private static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * fraction);
    }
}
