package dev.myelin.fashion.eval;

/**
 * Precision, recall and F1 of one class. A ratio with a zero denominator (no image predicted as,
 * or labelled with, the class) is 0, as scikit-learn reports it.
 *
 * @param support the number of images whose true class this is
 */
public record ClassMetrics(String name, double precision, double recall, double f1, int support) {}
