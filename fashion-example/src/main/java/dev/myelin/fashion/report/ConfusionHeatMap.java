package dev.myelin.fashion.report;

import dev.myelin.fashion.eval.Evaluation;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * The confusion matrix as a heat map, drawn with Java2D: rows are the true class, columns the
 * predicted class, each cell shows its count. Colour shows the share of the row: blue on the
 * diagonal (recall), red off it, where shares are four times as saturated so that small confusions
 * stand out. Drawn at twice its display size for sharp text on high-density screens.
 */
final class ConfusionHeatMap {
    /** Pixels per display unit; the page shows the image at 1/PIXEL_RATIO of its size. */
    static final int PIXEL_RATIO = 2;

    private static final int CELL = 46;
    private static final int LEFT = 118;
    private static final int TOP = 62;
    private static final int MARGIN = 12;
    static final Color INK = new Color(0x202124);
    static final Color MUTED = new Color(0x5F6368);
    static final float[] CORRECT = {0x1F / 255f, 0x4E / 255f, 0x9C / 255f};
    private static final float[] WRONG = {0xC6 / 255f, 0x28 / 255f, 0x28 / 255f};
    private static final float ERROR_GAIN = 4;

    private ConfusionHeatMap() {}

    /** The display width in CSS pixels for {@code classes} classes. */
    static int displayWidth(int classes) {
        return LEFT + classes * CELL + MARGIN;
    }

    /** The display height in CSS pixels for {@code classes} classes. */
    static int displayHeight(int classes) {
        return TOP + classes * CELL + MARGIN;
    }

    static BufferedImage render(Evaluation evaluation, List<String> shortNames) {
        int[][] confusion = evaluation.confusion();
        int n = confusion.length;
        return Canvas.draw(displayWidth(n), displayHeight(n), g -> {
            drawAxisTitles(g, n);
            drawLabels(g, evaluation.classNames(), shortNames);
            drawCells(g, confusion);
        });
    }

    private static void drawAxisTitles(Graphics2D g, int n) {
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 12));
        g.setColor(MUTED);
        FontMetrics fm = g.getFontMetrics();
        String predicted = "predicted class";
        g.drawString(predicted, LEFT + (n * CELL - fm.stringWidth(predicted)) / 2f, 18);
        AffineTransform saved = g.getTransform();
        String actual = "true class";
        g.rotate(-Math.PI / 2);
        g.drawString(actual, -(TOP + (n * CELL + fm.stringWidth(actual)) / 2f), 16);
        g.setTransform(saved);
    }

    private static void drawLabels(Graphics2D g, List<String> names, List<String> shortNames) {
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.setColor(INK);
        FontMetrics fm = g.getFontMetrics();
        for (int i = 0; i < names.size(); i++) {
            String shortName = shortNames.get(i);
            g.drawString(shortName, LEFT + i * CELL + (CELL - fm.stringWidth(shortName)) / 2f, TOP - 10);
            String name = names.get(i);
            float baseline = TOP + i * CELL + (CELL + fm.getAscent() - fm.getDescent()) / 2f;
            g.drawString(name, LEFT - 8 - fm.stringWidth(name), baseline);
        }
    }

    private static void drawCells(Graphics2D g, int[][] confusion) {
        Font font = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
        Font bold = font.deriveFont(Font.BOLD);
        for (int t = 0; t < confusion.length; t++) {
            int rowTotal = 0;
            for (int count : confusion[t]) {
                rowTotal += count;
            }
            for (int p = 0; p < confusion.length; p++) {
                int count = confusion[t][p];
                float share = rowTotal == 0 ? 0 : (float) count / rowTotal;
                float intensity = t == p ? share : Math.min(1, share * ERROR_GAIN);
                float[] hue = t == p ? CORRECT : WRONG;
                g.setColor(mix(hue, intensity));
                int x = LEFT + p * CELL;
                int y = TOP + t * CELL;
                g.fillRect(x, y, CELL, CELL);
                g.setColor(new Color(0xFFFFFF));
                g.drawRect(x, y, CELL, CELL);
                if (count > 0) {
                    g.setFont(t == p ? bold : font);
                    g.setColor(intensity > 0.55f ? Color.WHITE : INK);
                    FontMetrics fm = g.getFontMetrics();
                    String text = Integer.toString(count);
                    g.drawString(text, x + (CELL - fm.stringWidth(text)) / 2f,
                            y + (CELL + fm.getAscent() - fm.getDescent()) / 2f);
                }
            }
        }
    }

    /** White blended toward {@code hue} by {@code t}; a faint grey at zero so empty cells still read as cells. */
    static Color mix(float[] hue, float t) {
        float base = 0.965f;
        return new Color(
                base + t * (hue[0] - base),
                base + t * (hue[1] - base),
                base + t * (hue[2] - base));
    }
}
