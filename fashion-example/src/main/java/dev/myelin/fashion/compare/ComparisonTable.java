package dev.myelin.fashion.compare;

import dev.myelin.fashion.eval.ClassMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The comparison as a Markdown table, its columns padded so that the same text reads well in a
 * terminal. The chosen model is marked in the first column.
 */
public final class ComparisonTable {
    /** How the table marks the chosen model. */
    public static final String CHOSEN_MARK = "✔";

    private static final String[] HEADER = {
        "chosen", "model", "val acc", "test acc", "macro P", "macro R", "macro F1", "best class (F1)",
        "worst class (F1)", "training", "inference", "parameters", "file"
    };

    private ComparisonTable() {
    }

    /** The table, then a line on how the choice was made. */
    public static String markdown(Comparison comparison) {
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADER);
        for (int i = 0; i < comparison.models().size(); i++) {
            rows.add(row(comparison.models().get(i), i == comparison.chosen()));
        }
        int[] widths = new int[HEADER.length];
        for (String[] row : rows) {
            for (int c = 0; c < row.length; c++) {
                widths[c] = Math.max(widths[c], row[c].length());
            }
        }
        StringBuilder out = new StringBuilder();
        line(out, rows.getFirst(), widths);
        String[] rule = new String[HEADER.length];
        for (int c = 0; c < rule.length; c++) {
            rule[c] = c < 2 ? "-".repeat(widths[c]) : "-".repeat(widths[c] - 1) + ":";
        }
        line(out, rule, widths);
        for (String[] row : rows.subList(1, rows.size())) {
            line(out, row, widths);
        }
        out.append('\n').append(choiceSentence(comparison)).append('\n');
        return out.toString();
    }

    /** Says which model was chosen and on what, or why none was. */
    public static String choiceSentence(Comparison comparison) {
        if (!comparison.hasChoice()) {
            return "No model was chosen: none of the runs recorded a validation accuracy.";
        }
        ComparedModel chosen = comparison.models().get(comparison.chosen());
        return String.format(Locale.ROOT, "%s marks the choice: %s, the highest validation accuracy (%s). "
                + "The test columns played no part in it.", CHOSEN_MARK, chosen.model(),
                percent(chosen.validationAccuracy()));
    }

    private static String[] row(ComparedModel m, boolean chosen) {
        ClassMetrics best = m.bestClass();
        ClassMetrics worst = m.worstClass();
        return new String[] {
            chosen ? CHOSEN_MARK : "",
            m.model(),
            percent(m.validationAccuracy()),
            percent(m.test().accuracy()),
            fixed(m.test().macroAverage().precision()),
            fixed(m.test().macroAverage().recall()),
            fixed(m.test().macroAverage().f1()),
            best.name() + " (" + fixed(best.f1()) + ")",
            worst.name() + " (" + fixed(worst.f1()) + ")",
            duration(m.trainingSeconds()),
            micros(m.inferenceMicrosPerImage()),
            String.format(Locale.ROOT, "%,d", m.parameters()),
            megabytes(m.modelBytes())
        };
    }

    private static void line(StringBuilder out, String[] cells, int[] widths) {
        out.append('|');
        for (int c = 0; c < cells.length; c++) {
            String cell = cells[c];
            String pad = " ".repeat(widths[c] - cell.length());
            out.append(' ').append(c < 2 ? cell + pad : pad + cell).append(" |");
        }
        out.append('\n');
    }

    /** "92.46%", or "n/a". */
    public static String percent(double fraction) {
        return Double.isFinite(fraction) ? String.format(Locale.ROOT, "%.2f%%", 100 * fraction) : "n/a";
    }

    /** Three decimals, or "n/a". */
    public static String fixed(double value) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%.3f", value) : "n/a";
    }

    /** "41.3 s", "3m 42s", "1h 05m", or "n/a". */
    public static String duration(double seconds) {
        if (!Double.isFinite(seconds)) {
            return "n/a";
        }
        long s = Math.round(seconds);
        if (s >= 3600) {
            return String.format(Locale.ROOT, "%dh %02dm", s / 3600, s / 60 % 60);
        }
        if (s >= 60) {
            return String.format(Locale.ROOT, "%dm %02ds", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%.1f s", seconds);
    }

    /** Per-image time in µs, or ms from 1 ms up. */
    public static String micros(double micros) {
        return micros >= 1000 ? String.format(Locale.ROOT, "%.2f ms/img", micros / 1000)
                : String.format(Locale.ROOT, "%.1f µs/img", micros);
    }

    /** A file size in kB or MB. */
    public static String megabytes(long bytes) {
        return bytes >= 1_000_000 ? String.format(Locale.ROOT, "%.1f MB", bytes / 1e6)
                : String.format(Locale.ROOT, "%.0f kB", Math.ceil(bytes / 1e3));
    }
}
