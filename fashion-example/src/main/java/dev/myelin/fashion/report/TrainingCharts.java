package dev.myelin.fashion.report;

import dev.myelin.fashion.run.EpochMetrics;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The training curves, train against validation per epoch, drawn with XChart into PNG bytes.
 * They are drawn at twice their display size, every length scaled alike, so that they stay sharp on
 * high-density screens.
 */
public final class TrainingCharts {
    /** Display size in CSS pixels. */
    static final int WIDTH = 560;
    static final int HEIGHT = 340;

    /** Chart pixels per CSS pixel: charts are drawn at this multiple of their display size. */
    public static final int PIXEL_RATIO = 2;

    private static final Color TRAIN = new Color(0x2F6DB5);
    private static final Color VALIDATION = new Color(0xE07B24);

    private TrainingCharts() {}

    /** Cross-entropy loss per epoch. */
    static byte[] loss(List<EpochMetrics> history) throws IOException {
        return chart("Loss", "cross-entropy", history, EpochMetrics::trainLoss, EpochMetrics::valLoss, 1);
    }

    /** Accuracy per epoch, in percent. */
    static byte[] accuracy(List<EpochMetrics> history) throws IOException {
        return chart("Accuracy", "accuracy (%)", history, EpochMetrics::trainAccuracy, EpochMetrics::valAccuracy, 100);
    }

    private static byte[] chart(String title, String yTitle, List<EpochMetrics> history,
            ToDoubleFunction<EpochMetrics> train, ToDoubleFunction<EpochMetrics> validation, double scale)
            throws IOException {
        XYChart chart = new XYChartBuilder().width(WIDTH * PIXEL_RATIO).height(HEIGHT * PIXEL_RATIO).title(title)
                .xAxisTitle("epoch").yAxisTitle(yTitle).build();
        style(chart);
        styleEpochAxis(chart, history.size());
        addSeries(chart, "train", history, train, scale, TRAIN);
        addSeries(chart, "validation", history, validation, scale, VALIDATION);
        padYAxis(chart);
        if (chart.getSeriesMap().isEmpty()) {
            // XChart needs a series to draw axes; an invisible point keeps the empty chart honest.
            chart.addSeries("no data", new double[] {1}, new double[] {0}).setMarker(SeriesMarkers.NONE);
        }
        return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
    }

    private static void addSeries(XYChart chart, String name, List<EpochMetrics> history,
            ToDoubleFunction<EpochMetrics> metric, double scale, Color colour) {
        // NaN marks an unmeasured value (no validation split, say); XChart cannot draw it.
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        for (EpochMetrics e : history) {
            double y = metric.applyAsDouble(e);
            if (Double.isFinite(y)) {
                xs.add((double) e.epoch());
                ys.add(y * scale);
            }
        }
        if (xs.isEmpty()) {
            return;
        }
        XYSeries series = chart.addSeries(name, xs, ys);
        series.setLineColor(colour);
        series.setMarkerColor(colour);
        series.setMarker(SeriesMarkers.CIRCLE);
        series.setLineStyle(new BasicStroke(2f * PIXEL_RATIO, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
    }

    /**
     * Leaves a margin above and below the curves; XChart would otherwise put a single point, or a
     * flat line, on the very edge with labels of seventeen digits.
     */
    private static void padYAxis(XYChart chart) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (XYSeries series : chart.getSeriesMap().values()) {
            for (double y : series.getYData()) {
                min = Math.min(min, y);
                max = Math.max(max, y);
            }
        }
        double margin = max > min ? 0.08 * (max - min) : Math.max(0.05, 0.1 * Math.abs(max));
        chart.getStyler().setYAxisMin(min - margin);
        chart.getStyler().setYAxisMax(max + margin);
        chart.getStyler().setYAxisDecimalPattern(max - min >= 5 ? "#,##0" : "#,##0.###");
    }

    /**
     * The look the program's charts share: white background, light grid, legend below the plot, and
     * fonts, strokes and spacings scaled by {@link #PIXEL_RATIO}.
     */
    public static void style(XYChart chart) {
        var styler = chart.getStyler();
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setPlotBorderVisible(false);
        styler.setPlotGridLinesColor(new Color(0xE6E8EB));
        styler.setPlotGridLinesStroke(new BasicStroke(PIXEL_RATIO));
        styler.setAxisTickMarksColor(new Color(0x9AA0A6));
        styler.setAxisTickMarksStroke(new BasicStroke(PIXEL_RATIO));
        styler.setAxisTickLabelsColor(new Color(0x44474C));
        styler.setChartFontColor(new Color(0x202124));
        styler.setChartTitleFont(font(Font.BOLD, 15));
        styler.setChartTitleBoxVisible(false);
        styler.setAxisTitleFont(font(Font.PLAIN, 12));
        styler.setAxisTickLabelsFont(font(Font.PLAIN, 11));
        styler.setLegendFont(font(Font.PLAIN, 12));
        // Below the plot, where no curve can run under it.
        styler.setLegendPosition(Styler.LegendPosition.OutsideS);
        styler.setLegendLayout(Styler.LegendLayout.Horizontal);
        styler.setLegendBorderColor(Color.WHITE);
        styler.setChartPadding(styler.getChartPadding() * PIXEL_RATIO);
        styler.setChartTitlePadding(styler.getChartTitlePadding() * PIXEL_RATIO);
        styler.setLegendPadding(styler.getLegendPadding() * PIXEL_RATIO);
        styler.setLegendSeriesLineLength(styler.getLegendSeriesLineLength() * PIXEL_RATIO);
        styler.setAxisTickMarkLength(styler.getAxisTickMarkLength() * PIXEL_RATIO);
        styler.setAxisTickPadding(styler.getAxisTickPadding() * PIXEL_RATIO);
        styler.setAxisTitlePadding(styler.getAxisTitlePadding() * PIXEL_RATIO);
        styler.setPlotMargin(styler.getPlotMargin() * PIXEL_RATIO);
        styler.setXAxisTickMarkSpacingHint(styler.getXAxisTickMarkSpacingHint() * PIXEL_RATIO);
        styler.setYAxisTickMarkSpacingHint(styler.getYAxisTickMarkSpacingHint() * PIXEL_RATIO);
        styler.setAntiAlias(true);
        styler.setLocale(Locale.ROOT);
    }

    private static void styleEpochAxis(XYChart chart, int epochs) {
        var styler = chart.getStyler();
        styler.setMarkerSize(epochs > 40 ? 0 : 6 * PIXEL_RATIO);
        // Epochs are whole numbers: label only those, whatever tick spacing XChart picks.
        styler.setxAxisTickLabelsFormattingFunction(x -> x == Math.rint(x) ? Long.toString(Math.round(x)) : "");
        if (epochs <= 1) {
            styler.setXAxisMin(0.5);
            styler.setXAxisMax(1.5);
        }
    }

    private static Font font(int style, int size) {
        return new Font(Font.SANS_SERIF, style, size * PIXEL_RATIO);
    }
}
