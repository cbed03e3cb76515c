package dev.myelin.fashion.explore;

import dev.myelin.fashion.data.FashionMnist;
import dev.myelin.fashion.report.TrainingCharts;
import java.awt.Color;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The explore page's charts, drawn with XChart in the report's style into PNG bytes at
 * {@link TrainingCharts#PIXEL_RATIO} times their display size.
 */
final class ExploreCharts {
    /** Display sizes in CSS pixels. */
    static final int HISTOGRAM_WIDTH = 760;
    static final int HISTOGRAM_HEIGHT = 360;
    static final int SCATTER_WIDTH = 760;
    static final int SCATTER_HEIGHT = 560;

    private static final int RATIO = TrainingCharts.PIXEL_RATIO;

    /** One colour per class, the "tab10" palette: ten hues that stay apart for most readers. */
    static final List<Color> CLASS_COLOURS = List.of(
            new Color(0x1F77B4), new Color(0xFF7F0E), new Color(0x2CA02C), new Color(0xD62728), new Color(0x9467BD),
            new Color(0x8C564B), new Color(0xE377C2), new Color(0x7F7F7F), new Color(0xBCBD22), new Color(0x17BECF));

    private ExploreCharts() {}

    /**
     * The share of pixels at each intensity from 1 to 255. Intensity 0, the background, is left out:
     * it holds about half of all pixels and would flatten the rest; the page states its share.
     */
    static byte[] histogram(PixelHistogram pixels) throws IOException {
        XYChart chart = new XYChartBuilder().width(HISTOGRAM_WIDTH * RATIO).height(HISTOGRAM_HEIGHT * RATIO)
                .title("Pixel intensities, background left out").xAxisTitle("intensity (0 = black, 1 = white)")
                .yAxisTitle("share of all pixels (%)").build();
        TrainingCharts.style(chart);
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisDecimalPattern("#,##0.##");
        // The axis runs a little past the data at both ends: when the x values and axis ends are evenly
        // spaced, XChart puts its ticks on data points (multiples of 16/255) instead of round values.
        chart.getStyler().setXAxisMin(-0.01);
        chart.getStyler().setXAxisMax(1.01);
        chart.getStyler().setXAxisDecimalPattern("0.0");
        double[] intensities = new double[PixelHistogram.BINS - 1];
        double[] shares = new double[PixelHistogram.BINS - 1];
        for (int v = 1; v < PixelHistogram.BINS; v++) {
            // Scaled to [0, 1] like every other pixel on the page.
            intensities[v - 1] = v / 255.0;
            shares[v - 1] = 100 * pixels.fraction(v);
        }
        XYSeries series = chart.addSeries("pixels", intensities, shares);
        series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Area);
        series.setMarker(SeriesMarkers.NONE);
        series.setLineColor(new Color(0x2F6DB5));
        series.setFillColor(new Color(0x2F, 0x6D, 0xB5, 0x80));
        return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
    }

    /** The projected images as dots, coloured by class, with a legend of the class names. */
    static byte[] scatter(Projection projection, Pca pca) throws IOException {
        List<Pca.Component> components = pca.components();
        XYChart chart = new XYChartBuilder().width(SCATTER_WIDTH * RATIO).height(SCATTER_HEIGHT * RATIO)
                .title(String.format(Locale.ROOT, "%,d test images on the first two principal components", projection.size()))
                .xAxisTitle(axisTitle(1, components.get(0))).yAxisTitle(axisTitle(2, components.get(1))).build();
        TrainingCharts.style(chart);
        var styler = chart.getStyler();
        styler.setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        // Ten class names fit beside the plot, not under it.
        styler.setLegendPosition(Styler.LegendPosition.OutsideE);
        styler.setLegendLayout(Styler.LegendLayout.Vertical);
        styler.setMarkerSize(5 * RATIO);
        styler.setYAxisDecimalPattern("#,##0.#");
        styler.setXAxisDecimalPattern("#,##0.#");
        for (int c = 0; c < FashionMnist.CLASSES; c++) {
            int count = 0;
            for (int label : projection.labels()) {
                count += label == c ? 1 : 0;
            }
            if (count == 0) {
                continue;
            }
            double[] xs = new double[count];
            double[] ys = new double[count];
            int at = 0;
            for (int i = 0; i < projection.size(); i++) {
                if (projection.labels()[i] == c) {
                    xs[at] = projection.points()[i][0];
                    ys[at++] = projection.points()[i][1];
                }
            }
            Color colour = CLASS_COLOURS.get(c);
            XYSeries series = chart.addSeries(FashionMnist.CLASS_NAMES.get(c), xs, ys);
            series.setMarker(SeriesMarkers.CIRCLE);
            // Translucent, so that where classes overlap both still show.
            series.setMarkerColor(new Color(colour.getRed(), colour.getGreen(), colour.getBlue(), 0xB0));
        }
        return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
    }

    private static String axisTitle(int number, Pca.Component component) {
        return String.format(Locale.ROOT, "PC%d (%.1f%% of the variance)", number, 100 * component.explained());
    }
}
