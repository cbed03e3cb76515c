package dev.myelin.fashion.eval;

import java.util.List;
import java.util.Locale;

/** Renders an {@link Evaluation} as aligned plain-text tables for the terminal. */
public final class EvaluationText {
    private EvaluationText() {}

    /** Accuracy, the per-class table, the most frequent confusions and the confusion matrix. */
    public static String render(Evaluation evaluation, List<String> shortNames) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Accuracy %.2f%%  (%,d of %,d correct)%n%n",
                100 * evaluation.accuracy(), evaluation.correct(), evaluation.total()));
        out.append(perClassTable(evaluation)).append('\n');
        List<Evaluation.Confusion> confused = evaluation.mostConfused(3);
        if (!confused.isEmpty()) {
            List<String> names = evaluation.classNames();
            out.append("Most confused: ").append(String.join(", ", confused.stream()
                    .map(c -> String.format(Locale.ROOT, "%s as %s (%d)",
                            names.get(c.trueClass()), names.get(c.predicted()), c.count()))
                    .toList()));
            out.append("\n\n");
        }
        out.append(confusionMatrix(evaluation, shortNames));
        return out.toString();
    }

    /** Precision, recall, F1 and support per class, then the macro average. */
    public static String perClassTable(Evaluation evaluation) {
        int nameWidth = nameWidth(evaluation.classNames());
        String row = "%-" + nameWidth + "s  %9s  %6s  %6s  %7s%n";
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, row, "class", "precision", "recall", "F1", "support"));
        for (ClassMetrics m : evaluation.perClass()) {
            out.append(metricsRow(row, m));
        }
        out.append("-".repeat(nameWidth + 38)).append('\n');
        out.append(metricsRow(row, evaluation.macroAverage()));
        return out.toString();
    }

    /** Counts, rows the true class (full names), columns the predicted class (short names). */
    public static String confusionMatrix(Evaluation evaluation, List<String> shortNames) {
        int[][] confusion = evaluation.confusion();
        int nameWidth = nameWidth(evaluation.classNames());
        int cell = 2;
        for (String shortName : shortNames) {
            cell = Math.max(cell, shortName.length());
        }
        for (int[] row : confusion) {
            for (int count : row) {
                cell = Math.max(cell, Integer.toString(count).length());
            }
        }
        String cellFormat = " %" + cell + "s";
        StringBuilder out = new StringBuilder("Confusion matrix (rows: true class, columns: predicted class)\n");
        out.append(" ".repeat(nameWidth));
        for (String shortName : shortNames) {
            out.append(String.format(cellFormat, shortName));
        }
        out.append('\n');
        for (int t = 0; t < confusion.length; t++) {
            out.append(String.format("%-" + nameWidth + "s", evaluation.classNames().get(t)));
            for (int count : confusion[t]) {
                out.append(String.format(cellFormat, count));
            }
            out.append('\n');
        }
        return out.toString();
    }

    private static String metricsRow(String format, ClassMetrics m) {
        return String.format(Locale.ROOT, format, m.name(),
                String.format(Locale.ROOT, "%.3f", m.precision()),
                String.format(Locale.ROOT, "%.3f", m.recall()),
                String.format(Locale.ROOT, "%.3f", m.f1()),
                String.format(Locale.ROOT, "%,d", m.support()));
    }

    private static int nameWidth(List<String> names) {
        int width = "macro avg".length();
        for (String name : names) {
            width = Math.max(width, name.length());
        }
        return width;
    }
}
