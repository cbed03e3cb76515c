package dev.myelin.fashion.report;

import dev.myelin.fashion.data.FashionMnist;
import dev.myelin.fashion.eval.ClassMetrics;
import dev.myelin.fashion.eval.Evaluation;
import dev.myelin.fashion.run.EpochMetrics;
import dev.myelin.fashion.run.Metrics;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Renders a {@link ReportContent} as one self-contained HTML page: styles inline and every picture
 * a base64 data URI, so the file can be mailed or archived on its own.
 */
public final class ReportHtml {
    /** Dataset images are shown at this many screen pixels per image pixel. */
    static final int TILE_SCALE = 4;

    private static final List<String> NAMES = FashionMnist.CLASS_NAMES;

    private final StringBuilder html = new StringBuilder(1 << 16);
    private final ReportContent report;

    private ReportHtml(ReportContent report) {
        this.report = report;
    }

    /** The page. */
    public static String render(ReportContent report) throws IOException {
        return new ReportHtml(report).page();
    }

    private String page() throws IOException {
        String title = "Fashion-MNIST · " + report.runName();
        Html.openPage(html, title, "");
        header(title);
        links();
        curves();
        confusion();
        perClass();
        mistakes();
        saliency();
        configuration();
        html.append("<footer>Made by <code>./fashion report</code> with Myelin on ")
                .append(Html.escape(report.generated().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z", Locale.ROOT))))
                .append(".</footer>\n</main>\n</body>\n</html>\n");
        return html.toString();
    }

    private void header(String title) {
        Evaluation evaluation = report.evaluation();
        html.append("<header>\n<h1>").append(Html.escape(title)).append("</h1>\n<p class=\"sub\">Preset <b>")
                .append(Html.escape(report.preset())).append("</b>, evaluated on ")
                .append(String.format(Locale.ROOT, "%,d", evaluation.total())).append(" test images.</p>\n")
                .append("<div class=\"cards\">\n");
        card("Test accuracy", percent(evaluation.accuracy()),
                String.format(Locale.ROOT, "%,d of %,d right", evaluation.correct(), evaluation.total()));
        card("Macro F1", String.format(Locale.ROOT, "%.3f", evaluation.macroAverage().f1()), "mean over the 10 classes");
        Metrics metrics = report.metrics();
        if (metrics != null && !metrics.history().isEmpty()) {
            List<EpochMetrics> history = metrics.history();
            EpochMetrics best = history.stream()
                    .filter(e -> Double.isFinite(e.valAccuracy()))
                    .max((a, b) -> Double.compare(a.valAccuracy(), b.valAccuracy()))
                    .orElse(null);
            if (best != null) {
                card("Best validation", percent(best.valAccuracy()), "epoch " + best.epoch());
            }
            card("Epochs", Integer.toString(history.getLast().epoch()), "");
            double seconds = history.stream().mapToDouble(EpochMetrics::seconds).filter(Double::isFinite).sum();
            double rate = history.stream().mapToDouble(EpochMetrics::imagesPerSecond).filter(Double::isFinite)
                    .average().orElse(Double.NaN);
            card("Training time", duration(seconds),
                    Double.isFinite(rate) ? String.format(Locale.ROOT, "%,.0f images/s", rate) : "");
        } else if (metrics != null) {
            // A classic model: no epochs, but its validation score and fitting time are in the final metrics.
            if (metrics.test().get("best_validation_accuracy") instanceof Number v) {
                card("Validation", percent(v.doubleValue()), "held-out training images");
            }
            if (metrics.test().get("training_seconds") instanceof Number t) {
                card("Training time", duration(t.doubleValue()), "");
            }
        }
        html.append("</div>\n</header>\n");
    }

    private void card(String label, String value, String detail) {
        Html.card(html, label, value, detail);
    }

    private void links() {
        if (report.links().isEmpty()) {
            return;
        }
        html.append("<nav class=\"study\">");
        for (ReportContent.Link link : report.links()) {
            html.append("<a href=\"").append(Html.escape(link.href())).append("\">").append(Html.escape(link.title()))
                    .append("</a> <span class=\"detail\">").append(Html.escape(link.detail())).append("</span> ");
        }
        html.append("</nav>\n");
    }

    private void curves() throws IOException {
        Metrics metrics = report.metrics();
        if (metrics != null && metrics.history().isEmpty() && !metrics.test().isEmpty()) {
            return; // a finished model fitted without epochs (k-NN, a forest): there are no curves to draw
        }
        html.append("<section id=\"curves\">\n<h2>Training curves</h2>\n");
        if (metrics == null || metrics.history().isEmpty()) {
            html.append("<p class=\"empty\">This run has no training history (no metrics.json, or no finished epoch).</p>\n</section>\n");
            return;
        }
        html.append("<p class=\"note\">Per epoch, on the training images and on the held-out validation images.</p>\n")
                .append("<div class=\"charts\">\n");
        image(TrainingCharts.loss(metrics.history()), "Loss per epoch, train and validation",
                TrainingCharts.WIDTH, TrainingCharts.HEIGHT, "");
        image(TrainingCharts.accuracy(metrics.history()), "Accuracy per epoch, train and validation",
                TrainingCharts.WIDTH, TrainingCharts.HEIGHT, "");
        html.append("</div>\n</section>\n");
    }

    private void confusion() {
        int classes = NAMES.size();
        html.append("<section id=\"confusion\">\n<h2>Confusion matrix</h2>\n")
                .append("<p class=\"note\">Rows are the true class, columns the predicted class; each cell counts test images. ")
                .append("Blue shows the share of a class recognised; red shows where the rest went, ")
                .append("four times as saturated so that small confusions stand out.</p>\n")
                .append("<div class=\"matrix\">");
        image(Png.encode(ConfusionHeatMap.render(report.evaluation(), FashionMnist.SHORT_NAMES)),
                "Confusion matrix heat map", ConfusionHeatMap.displayWidth(classes),
                ConfusionHeatMap.displayHeight(classes), "");
        html.append("</div>\n</section>\n");
    }

    private void perClass() {
        html.append("<section id=\"classes\">\n<h2>Per-class metrics</h2>\n")
                .append("<p class=\"note\">Precision: of the images predicted as the class, the share that are. ")
                .append("Recall: of the images of the class, the share found. F1: their harmonic mean.</p>\n")
                .append("<table>\n<thead><tr><th>Class</th><th>Precision</th><th>Recall</th><th>F1</th><th>Support</th></tr></thead>\n<tbody>\n");
        for (ClassMetrics m : report.evaluation().perClass()) {
            classRow(m);
        }
        html.append("</tbody>\n<tfoot>\n");
        classRow(report.evaluation().macroAverage());
        html.append("</tfoot>\n</table>\n</section>\n");
    }

    private void classRow(ClassMetrics m) {
        html.append("<tr><td>").append(Html.escape(m.name())).append("</td>")
                .append(String.format(Locale.ROOT, "<td>%.3f</td><td>%.3f</td>", m.precision(), m.recall()))
                .append(String.format(Locale.ROOT,
                        "<td class=\"bar\"><div class=\"meter\"><span class=\"track\"><span class=\"fill\" style=\"width:%.1f%%\"></span></span>%.3f</div></td>",
                        100 * m.f1(), m.f1()))
                .append(String.format(Locale.ROOT, "<td>%,d</td></tr>%n", m.support()));
    }

    private void mistakes() {
        html.append("<section id=\"mistakes\">\n<h2>Most confident mistakes</h2>\n");
        if (report.mistakes().isEmpty()) {
            html.append("<p class=\"empty\">The model got every test image right.</p>\n</section>\n");
            return;
        }
        html.append("<p class=\"note\">The test images the model got wrong while most sure of itself, ")
                .append("shown at ").append(TILE_SCALE).append("&times; with their true class and, in red, the class the model gave them.</p>\n")
                .append("<div class=\"gallery\">\n");
        for (ReportContent.Mistake m : report.mistakes()) {
            html.append("<figure>");
            tile(report.test().image(m.index()), "Test image " + m.index() + ": a " + NAMES.get(m.trueClass())
                    + " taken for a " + NAMES.get(m.predicted()));
            html.append("<figcaption><span class=\"true\">").append(Html.escape(NAMES.get(m.trueClass())))
                    .append("</span><br>as <span class=\"predicted\">").append(Html.escape(NAMES.get(m.predicted())))
                    .append("</span><br><span class=\"meta\">")
                    .append(sure(m.confidence())).append(" · #").append(m.index())
                    .append("</span></figcaption></figure>\n");
        }
        html.append("</div>\n</section>\n");
    }

    private void saliency() {
        if (report.saliencyUnavailable() != null) {
            html.append("<section id=\"saliency\">\n<h2>Saliency</h2>\n<p class=\"empty\">Not for this model: ")
                    .append(Html.escape(report.saliencyUnavailable())).append(".</p>\n");
            pixelImportance();
            html.append("</section>\n");
            return;
        }
        html.append("<section id=\"saliency\">\n<h2>Saliency</h2>\n")
                .append("<p class=\"note\">For one test image of each class: the image, and how strongly each pixel ")
                .append("moves the score of its true class (the gradient's magnitude). Bright pixels are the ones the model looks at.</p>\n")
                .append("<div class=\"legend\">low<span class=\"ramp\"></span>high influence</div>\n")
                .append("<div class=\"saliency\">\n");
        int side = FashionMnist.ROWS;
        for (ReportContent.SaliencySample s : report.saliency()) {
            float[] image = report.test().image(s.index());
            html.append("<figure><div class=\"pair\">");
            tile(image, "Test image " + s.index() + ", a " + NAMES.get(s.label()));
            String uri = Png.dataUri(Tiles.saliencyOverlay(image, s.saliency(), side, TILE_SCALE));
            html.append("<img class=\"pixels\" src=\"").append(uri).append("\" width=\"").append(side * TILE_SCALE)
                    .append("\" height=\"").append(side * TILE_SCALE).append("\" alt=\"")
                    .append(Html.escape("Saliency of test image " + s.index())).append("\">");
            html.append("</div><figcaption><span class=\"true\">").append(Html.escape(NAMES.get(s.label())))
                    .append("</span><br><span class=\"meta\">");
            if (s.predicted() == s.label()) {
                html.append(sure(s.confidence())).append(" · #").append(s.index());
            } else {
                html.append("as ").append(Html.escape(NAMES.get(s.predicted())))
                        .append(String.format(Locale.ROOT, " · #%d", s.index()));
            }
            html.append("</span></figcaption></figure>\n");
        }
        html.append("</div>\n</section>\n");
    }

    /** Where a model without saliency looks, over all images: its pixel importance as one map. */
    private void pixelImportance() {
        float[] importance = report.pixelImportance();
        if (importance == null) {
            return;
        }
        int side = FashionMnist.ROWS;
        html.append("<p class=\"note\">Instead, where the model looks over all images: each pixel's importance ")
                .append("(for a forest, its share of the decrease in Gini impurity over every split), brightest where it matters most.</p>\n")
                .append("<figure><img class=\"pixels\" src=\"")
                .append(Png.dataUri(Tiles.inferno(Tiles.normalise(importance), side, 2 * TILE_SCALE)))
                .append("\" width=\"").append(2 * side * TILE_SCALE).append("\" height=\"").append(2 * side * TILE_SCALE)
                .append("\" alt=\"Pixel importance map\"></figure>\n");
    }

    private void configuration() {
        html.append("<section id=\"config\">\n<h2>Configuration</h2>\n");
        if (report.config().isEmpty()) {
            html.append("<p class=\"empty\">This run has no config.json.</p>\n</section>\n");
            return;
        }
        html.append("<p class=\"note\">The options the run was trained with; \"preset default\" where none was given.</p>\n")
                .append("<dl class=\"config\">\n");
        for (Map.Entry<String, Object> e : report.config().entrySet()) {
            html.append("<dt>").append(Html.escape(e.getKey())).append("</dt><dd>")
                    .append(Html.escape(e.getValue() == null ? "preset default" : Objects.toString(e.getValue())))
                    .append("</dd>\n");
        }
        html.append("</dl>\n</section>\n");
    }

    private void tile(float[] image, String alt) {
        int side = FashionMnist.ROWS;
        html.append("<img class=\"pixels\" src=\"").append(Png.dataUri(Tiles.grayscale(image, side, TILE_SCALE)))
                .append("\" width=\"").append(side * TILE_SCALE).append("\" height=\"").append(side * TILE_SCALE)
                .append("\" alt=\"").append(Html.escape(alt)).append("\">");
    }

    private void image(byte[] png, String alt, int width, int height, String cssClass) {
        html.append("<figure><img").append(cssClass.isEmpty() ? "" : " class=\"" + cssClass + "\"")
                .append(" src=\"").append(Png.dataUri(png)).append("\" width=\"").append(width)
                .append("\" height=\"").append(height).append("\" alt=\"").append(Html.escape(alt))
                .append("\"></figure>\n");
    }

    /** The report's stylesheet, for other pages of the program that should look the same. */
    public static String css() {
        try (InputStream in = ReportHtml.class.getResourceAsStream("report.css")) {
            if (in == null) {
                throw new IllegalStateException("report.css is missing from the program's resources");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** "97.3% sure"; never "100.0%", which a softmax cannot reach. */
    private static String sure(double probability) {
        return probability >= 0.9995 ? "&gt;99.9% sure" : String.format(Locale.ROOT, "%.1f%% sure", 100 * probability);
    }

    private static String percent(double fraction) {
        return Double.isFinite(fraction) ? String.format(Locale.ROOT, "%.2f%%", 100 * fraction) : "n/a";
    }

    private static String duration(double seconds) {
        long s = Math.round(seconds);
        if (s >= 3600) {
            return String.format(Locale.ROOT, "%dh %02dm", s / 3600, s / 60 % 60);
        }
        return s >= 60 ? String.format(Locale.ROOT, "%dm %02ds", s / 60, s % 60) : s + " s";
    }
}
