package dev.myelin.fashion.report;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.function.Consumer;

/**
 * A white picture drawn with Java2D at {@link ConfusionHeatMap#PIXEL_RATIO} times its display size
 * (so it stays sharp on high-density screens), antialiased; the painter draws in display pixels.
 */
final class Canvas {
    private Canvas() {
    }

    static BufferedImage draw(int width, int height, Consumer<Graphics2D> painter) {
        int ratio = ConfusionHeatMap.PIXEL_RATIO;
        BufferedImage image = new BufferedImage(width * ratio, height * ratio, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
            g.scale(ratio, ratio);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            painter.accept(g);
        } finally {
            g.dispose();
        }
        return image;
    }
}
