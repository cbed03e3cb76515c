package dev.myelin.fashion.sweep;

import java.util.List;
import java.util.Locale;

/** The ranked trials of a sweep as a Markdown table, best first. */
final class SweepTable {
    private SweepTable() {
    }

    static String render(List<SweepState.Trial> ranked, double elapsedSeconds) {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "Trials ranked on the validation split (%.1f min in all):%n%n", elapsedSeconds / 60));
        s.append("| rank | trial | lr | batch | weight decay | dropout | label smoothing | epochs | val accuracy |\n");
        s.append("| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
        int rank = 1;
        for (SweepState.Trial t : ranked) {
            TrialSettings x = t.settings;
            String accuracy = t.error != null ? "failed: " + t.error
                    : t.lastAccuracy() < 0 ? "not run" : String.format(Locale.ROOT, "%.2f%%", 100 * t.lastAccuracy());
            s.append(String.format(Locale.ROOT, "| %d | %d | %s | %d | %s | %s | %s | %d | %s |%n", rank++, t.id,
                    Sweep.number(x.learningRate()), x.batchSize(), Sweep.number(x.weightDecay()),
                    Sweep.number(x.dropout()), Sweep.number(x.labelSmoothing()), t.epochsTrained(), accuracy));
        }
        return s.toString();
    }
}
