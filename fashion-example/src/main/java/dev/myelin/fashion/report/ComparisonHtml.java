package dev.myelin.fashion.report;

import dev.myelin.fashion.compare.ComparedModel;
import dev.myelin.fashion.compare.Comparison;
import dev.myelin.fashion.compare.ComparisonTable;
import dev.myelin.fashion.data.FashionMnist;
import dev.myelin.fashion.eval.ClassMetrics;
import dev.myelin.fashion.run.RunDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The comparison as one self-contained HTML page (styles inline, pictures as data URIs): the choice,
 * a bar chart of accuracy, the table, a heat map of per-class F1, and links to each run's report.
 */
public final class ComparisonHtml {
    private final StringBuilder html = new StringBuilder(1 << 15);
    private final Comparison comparison;
    private final Path pageDir;

    private ComparisonHtml(Comparison comparison, Path pageDir) {
        this.comparison = comparison;
        this.pageDir = pageDir;
    }

    /**
     * The page, to be written into {@code pageDir}; links to the runs are relative to it.
     */
    public static String render(Comparison comparison, Path pageDir) {
        return new ComparisonHtml(comparison, pageDir).page();
    }

    private String page() {
        String title = "Fashion-MNIST · model comparison";
        Html.openPage(html, title, "");
        header(title);
        bars();
        table();
        heatMap();
        html.append("<footer>Made by <code>./fashion compare</code> with Myelin on ")
                .append(Html.escape(comparison.generated().format(
                        DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z", Locale.ROOT))))
                .append(".</footer>\n</main>\n</body>\n</html>\n");
        return html.toString();
    }

    private void header(String title) {
        int images = comparison.models().getFirst().test().total();
        html.append("<header>\n<h1>").append(Html.escape(title)).append("</h1>\n<p class=\"sub\">")
                .append(comparison.models().size()).append(" models, each scored on the same ")
                .append(String.format(Locale.ROOT, "%,d", images)).append(" test images")
                .append(comparison.quick() ? "; trained by <code>--quick</code> (10,000 training images, few epochs)" : "")
                .append(".</p>\n<div class=\"cards\">\n");
        if (comparison.hasChoice()) {
            ComparedModel chosen = comparison.models().get(comparison.chosen());
            card("Chosen model", chosen.model(), "highest validation accuracy");
            card("Its validation accuracy", ComparisonTable.percent(chosen.validationAccuracy()), "the basis of the choice");
            card("Its test accuracy", ComparisonTable.percent(chosen.test().accuracy()), "reported, not used to choose");
        } else {
            card("Chosen model", "none", "no run recorded a validation accuracy");
        }
        ComparedModel bestTest = comparison.models().stream()
                .max(java.util.Comparator.comparingDouble(m -> m.test().accuracy())).orElseThrow();
        card("Best on test", bestTest.model(), ComparisonTable.percent(bestTest.test().accuracy()));
        html.append("</div>\n</header>\n");
    }

    private void bars() {
        html.append("<section id=\"accuracy\">\n<h2>Accuracy</h2>\n<p class=\"note\">")
                .append("Validation accuracy is measured on the images held out of training; the choice is made on it alone. ")
                .append("Test accuracy is for the record.</p>\n");
        image(Png.dataUri(ComparisonCharts.accuracyBars(comparison)), "Validation and test accuracy of each model",
                ComparisonCharts.BAR_WIDTH, ComparisonCharts.barHeight(comparison.models().size()));
        html.append("</section>\n");
    }

    private void table() {
        html.append("<section id=\"table\">\n<h2>The table</h2>\n<p class=\"note\">")
                .append(Html.escape(ComparisonTable.choiceSentence(comparison)))
                .append(" Inference is wall time for the whole test set, per image, in batches of 256, after one untimed batch.</p>\n")
                .append("<div style=\"overflow-x:auto\"><table class=\"compare\">\n<thead><tr><th>Model</th><th>Val acc</th><th>Test acc</th>")
                .append("<th>Macro P</th><th>Macro R</th><th>Macro F1</th><th>Best class (F1)</th><th>Worst class (F1)</th>")
                .append("<th>Training</th><th>Inference</th><th>Parameters</th><th>File</th><th>Report</th></tr></thead>\n<tbody>\n");
        for (int i = 0; i < comparison.models().size(); i++) {
            row(comparison.models().get(i), i == comparison.chosen());
        }
        html.append("</tbody>\n</table></div>\n</section>\n");
    }

    private void row(ComparedModel m, boolean chosen) {
        ClassMetrics best = m.bestClass();
        ClassMetrics worst = m.worstClass();
        html.append(chosen ? "<tr class=\"chosen\">" : "<tr>")
                .append("<td>").append(chosen ? "<b>" : "").append(Html.escape(m.model()))
                .append(chosen ? " " + ComparisonTable.CHOSEN_MARK + "</b>" : "").append("</td>");
        cell(ComparisonTable.percent(m.validationAccuracy()));
        cell(ComparisonTable.percent(m.test().accuracy()));
        cell(ComparisonTable.fixed(m.test().macroAverage().precision()));
        cell(ComparisonTable.fixed(m.test().macroAverage().recall()));
        cell(ComparisonTable.fixed(m.test().macroAverage().f1()));
        cell(best.name() + " (" + ComparisonTable.fixed(best.f1()) + ")");
        cell(worst.name() + " (" + ComparisonTable.fixed(worst.f1()) + ")");
        cell(ComparisonTable.duration(m.trainingSeconds()));
        cell(ComparisonTable.micros(m.inferenceMicrosPerImage()));
        cell(String.format(Locale.ROOT, "%,d", m.parameters()));
        cell(ComparisonTable.megabytes(m.modelBytes()));
        Path report = m.run().resolve(RunDirectory.REPORT);
        if (Files.isRegularFile(report)) {
            html.append("<td><a href=\"").append(Html.escape(link(report))).append("\">report</a></td>");
        } else {
            html.append("<td class=\"empty\" title=\"").append(Html.escape("./fashion report --run " + m.run()))
                    .append("\">none yet</td>");
        }
        html.append("</tr>\n");
    }

    private void heatMap() {
        int classes = FashionMnist.CLASSES;
        html.append("<section id=\"f1\">\n<h2>F1 per class</h2>\n<p class=\"note\">")
                .append("Test F1 of every model (rows) on every class (columns); darker is better. The colour ")
                .append(String.format(Locale.ROOT, "runs from white at F1 %.1f to full blue at 1. ", ComparisonCharts.f1Floor(comparison)))
                .append("The hard classes are hard for every model.</p>\n")
                .append("<div class=\"matrix\">");
        image(Png.dataUri(ComparisonCharts.f1HeatMap(comparison, FashionMnist.SHORT_NAMES)),
                "Heat map of test F1 per model and class", ComparisonCharts.heatWidth(classes),
                ComparisonCharts.heatHeight(comparison.models().size()));
        html.append("</div>\n</section>\n");
    }

    /** A link from the page's folder to {@code target}, with forward slashes. */
    private String link(Path target) {
        Path from = pageDir.toAbsolutePath().normalize();
        Path to = target.toAbsolutePath().normalize();
        return from.relativize(to).toString().replace('\\', '/');
    }

    private void card(String label, String value, String detail) {
        Html.card(html, label, value, detail);
    }

    private void cell(String text) {
        html.append("<td>").append(Html.escape(text)).append("</td>");
    }

    private void image(String uri, String alt, int width, int height) {
        html.append("<figure><img src=\"").append(uri).append("\" width=\"").append(width).append("\" height=\"")
                .append(height).append("\" alt=\"").append(Html.escape(alt))
                .append("\" style=\"max-width:100%;height:auto\"></figure>\n");
    }
}
