package dev.myelin.fashion.report;

import dev.myelin.fashion.compare.ComparedModel;
import dev.myelin.fashion.compare.Comparison;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Locale;

/**
 * The two pictures of the comparison page, drawn on a {@link Canvas}: a bar per
 * model for validation and test accuracy, and a heat map of test F1 per model and class.
 */
final class ComparisonCharts {
    static final int BAR_WIDTH = 720;
    static final int HEAT_CELL = 52;

    private static final int LABEL = 130;
    private static final int ROW = 46;
    private static final int TOP = 34;
    private static final int MARGIN = 14;
    private static final Color VALIDATION = new Color(0xE07B24);
    private static final Color TEST = new Color(0x2F6DB5);

    private ComparisonCharts() {
    }

    static int barHeight(int models) {
        return TOP + models * ROW + MARGIN + 18;
    }

    static int heatWidth(int classes) {
        return LABEL + classes * HEAT_CELL + MARGIN;
    }

    static int heatHeight(int models) {
        return TOP + models * HEAT_CELL + MARGIN;
    }

    /**
     * Validation (orange) and test (blue) accuracy of each model, as horizontal bars on a scale that
     * starts at the lowest figure rounded down to 10 points, so that close models stay apart.
     */
    static BufferedImage accuracyBars(Comparison comparison) {
        List<ComparedModel> models = comparison.models();
        double low = 1;
        for (ComparedModel m : models) {
            low = Math.min(low, finiteOr(m.test().accuracy(), 1));
            low = Math.min(low, finiteOr(m.validationAccuracy(), 1));
        }
        double axisMin = Math.max(0, Math.floor(low * 10 - 1e-9) / 10);
        int plotLeft = LABEL;
        int plotWidth = BAR_WIDTH - LABEL - 70;
        return Canvas.draw(BAR_WIDTH, barHeight(models.size()), g -> {
            g.setFont(font(Font.PLAIN, 12));
            FontMetrics fm = g.getFontMetrics();
            legend(g, plotLeft, 16);
            for (int i = 0; i < models.size(); i++) {
                ComparedModel m = models.get(i);
                int y = TOP + i * ROW;
                String name = m.model() + (i == comparison.chosen() ? " ✔" : "");
                g.setColor(ConfusionHeatMap.INK);
                g.setFont(font(i == comparison.chosen() ? Font.BOLD : Font.PLAIN, 13));
                g.drawString(name, plotLeft - 10 - g.getFontMetrics().stringWidth(name), y + 24);
                g.setFont(font(Font.PLAIN, 11));
                bar(g, m.validationAccuracy(), axisMin, plotLeft, plotWidth, y + 4, VALIDATION);
                bar(g, m.test().accuracy(), axisMin, plotLeft, plotWidth, y + 22, TEST);
            }
            int axisY = TOP + models.size() * ROW + 4;
            g.setColor(ConfusionHeatMap.MUTED);
            g.setFont(font(Font.PLAIN, 11));
            for (int tick = 0; tick <= 4; tick++) {
                double v = axisMin + (1 - axisMin) * tick / 4;
                String text = String.format(Locale.ROOT, "%.1f%%", 100 * v);
                int x = plotLeft + plotWidth * tick / 4;
                g.drawLine(x, axisY - 3, x, axisY);
                g.drawString(text, x - fm.stringWidth(text) / 2f, axisY + 14);
            }
        });
    }

    /**
     * Test F1 per model (rows) and class (columns), the value written in each cell. The colour runs
     * from white at the table's lowest F1, rounded down to a tenth, to full blue at 1: the heat map
     * spends its colours where the models differ.
     */
    static BufferedImage f1HeatMap(Comparison comparison, List<String> shortNames) {
        List<ComparedModel> models = comparison.models();
        int classes = shortNames.size();
        double floor = f1Floor(comparison);
        return Canvas.draw(heatWidth(classes), heatHeight(models.size()), g -> {
            g.setFont(font(Font.PLAIN, 12));
            FontMetrics fm = g.getFontMetrics();
            g.setColor(ConfusionHeatMap.INK);
            for (int c = 0; c < classes; c++) {
                String name = shortNames.get(c);
                g.drawString(name, LABEL + c * HEAT_CELL + (HEAT_CELL - fm.stringWidth(name)) / 2f, TOP - 10);
            }
            for (int r = 0; r < models.size(); r++) {
                ComparedModel m = models.get(r);
                int y = TOP + r * HEAT_CELL;
                String name = m.model() + (r == comparison.chosen() ? " ✔" : "");
                g.setColor(ConfusionHeatMap.INK);
                g.setFont(font(r == comparison.chosen() ? Font.BOLD : Font.PLAIN, 13));
                g.drawString(name, LABEL - 10 - g.getFontMetrics().stringWidth(name), y + HEAT_CELL / 2f + 5);
                List<Double> f1 = m.classF1();
                g.setFont(font(Font.PLAIN, 12));
                for (int c = 0; c < classes; c++) {
                    float t = (float) Math.clamp((f1.get(c) - floor) / (1 - floor), 0, 1);
                    int x = LABEL + c * HEAT_CELL;
                    g.setColor(ConfusionHeatMap.mix(ConfusionHeatMap.CORRECT, t));
                    g.fillRect(x, y, HEAT_CELL, HEAT_CELL);
                    g.setColor(Color.WHITE);
                    g.drawRect(x, y, HEAT_CELL, HEAT_CELL);
                    String text = String.format(Locale.ROOT, "%.2f", f1.get(c));
                    g.setColor(t > 0.55f ? Color.WHITE : ConfusionHeatMap.INK);
                    g.drawString(text, x + (HEAT_CELL - fm.stringWidth(text)) / 2f, y + HEAT_CELL / 2f + 4);
                }
            }
        });
    }

    /** The lowest F1 in the table, rounded down to a tenth (at most 0.9, so that 1 stays apart). */
    static double f1Floor(Comparison comparison) {
        double lowest = comparison.models().stream().flatMap(m -> m.classF1().stream())
                .mapToDouble(Double::doubleValue).filter(Double::isFinite).min().orElse(0);
        return Math.min(0.9, Math.floor(lowest * 10 + 1e-9) / 10);
    }

    private static void legend(Graphics2D g, int x, int y) {
        g.setColor(VALIDATION);
        g.fillRect(x, y - 9, 12, 10);
        g.setColor(ConfusionHeatMap.INK);
        g.drawString("validation accuracy (the choice)", x + 18, y);
        int next = x + 36 + g.getFontMetrics().stringWidth("validation accuracy (the choice)");
        g.setColor(TEST);
        g.fillRect(next, y - 9, 12, 10);
        g.setColor(ConfusionHeatMap.INK);
        g.drawString("test accuracy", next + 18, y);
    }

    private static void bar(Graphics2D g, double value, double axisMin, int left, int width, int y, Color colour) {
        g.setColor(new Color(0xEEF0F3));
        g.fillRect(left, y, width, 14);
        if (!Double.isFinite(value)) {
            g.setColor(ConfusionHeatMap.MUTED);
            g.drawString("n/a", left + 4, y + 11);
            return;
        }
        int length = (int) Math.round(width * Math.clamp((value - axisMin) / (1 - axisMin), 0, 1));
        g.setColor(colour);
        g.fillRect(left, y, length, 14);
        g.setColor(ConfusionHeatMap.INK);
        g.drawString(String.format(Locale.ROOT, "%.2f%%", 100 * value), left + length + 6, y + 11);
    }

    private static Font font(int style, int size) {
        return new Font(Font.SANS_SERIF, style, size);
    }

    private static double finiteOr(double value, double fallback) {
        return Double.isFinite(value) ? value : fallback;
    }
}
