package dev.myelin.fashion.eval;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * How well predictions match labels: accuracy, a confusion matrix, and per-class and macro-averaged
 * precision, recall and F1.
 */
public final class Evaluation {
    private final List<String> classNames;
    private final int[][] confusion;
    private final int total;
    private final int correct;

    private Evaluation(List<String> classNames, int[][] confusion) {
        this.classNames = List.copyOf(classNames);
        this.confusion = confusion;
        int all = 0;
        int diagonal = 0;
        for (int t = 0; t < confusion.length; t++) {
            for (int p = 0; p < confusion.length; p++) {
                all += confusion[t][p];
            }
            diagonal += confusion[t][t];
        }
        this.total = all;
        this.correct = diagonal;
    }

    /** Compares {@code predicted} with {@code labels}, element by element. */
    public static Evaluation of(int[] labels, int[] predicted, List<String> classNames) {
        if (labels.length != predicted.length) {
            throw new IllegalArgumentException(labels.length + " labels but " + predicted.length + " predictions");
        }
        int classes = classNames.size();
        int[][] confusion = new int[classes][classes];
        for (int i = 0; i < labels.length; i++) {
            confusion[labels[i]][predicted[i]]++;
        }
        return new Evaluation(classNames, confusion);
    }

    public List<String> classNames() {
        return classNames;
    }

    /** The number of images evaluated. */
    public int total() {
        return total;
    }

    /** The number predicted correctly. */
    public int correct() {
        return correct;
    }

    /** The fraction predicted correctly, or NaN when there were no images. */
    public double accuracy() {
        return total == 0 ? Double.NaN : (double) correct / total;
    }

    /** {@code confusion()[t][p]} counts images of true class {@code t} predicted as {@code p}; a copy. */
    public int[][] confusion() {
        int[][] copy = new int[confusion.length][];
        for (int i = 0; i < copy.length; i++) {
            copy[i] = confusion[i].clone();
        }
        return copy;
    }

    /** Precision, recall and F1 of every class, in label order. */
    public List<ClassMetrics> perClass() {
        List<ClassMetrics> metrics = new ArrayList<>();
        for (int c = 0; c < confusion.length; c++) {
            int truePositives = confusion[c][c];
            int predictedAs = 0;
            int support = 0;
            for (int other = 0; other < confusion.length; other++) {
                predictedAs += confusion[other][c];
                support += confusion[c][other];
            }
            double precision = ratio(truePositives, predictedAs);
            double recall = ratio(truePositives, support);
            double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            metrics.add(new ClassMetrics(classNames.get(c), precision, recall, f1, support));
        }
        return metrics;
    }

    /** The unweighted mean over classes of precision, recall and F1; support is the total. */
    public ClassMetrics macroAverage() {
        List<ClassMetrics> perClass = perClass();
        double n = perClass.size();
        return new ClassMetrics("macro avg",
                perClass.stream().mapToDouble(ClassMetrics::precision).sum() / n,
                perClass.stream().mapToDouble(ClassMetrics::recall).sum() / n,
                perClass.stream().mapToDouble(ClassMetrics::f1).sum() / n,
                total);
    }

    /** A frequent confusion: {@code count} images of class {@code trueClass} predicted as {@code predicted}. */
    public record Confusion(int trueClass, int predicted, int count) {}

    /** The {@code n} most frequent off-diagonal cells, most frequent first. */
    public List<Confusion> mostConfused(int n) {
        List<Confusion> cells = new ArrayList<>();
        for (int t = 0; t < confusion.length; t++) {
            for (int p = 0; p < confusion.length; p++) {
                if (t != p && confusion[t][p] > 0) {
                    cells.add(new Confusion(t, p, confusion[t][p]));
                }
            }
        }
        cells.sort(Comparator.comparingInt(Confusion::count).reversed());
        return cells.subList(0, Math.min(n, cells.size()));
    }

    private static double ratio(int numerator, int denominator) {
        return denominator == 0 ? 0 : (double) numerator / denominator;
    }
}
