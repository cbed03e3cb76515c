package dev.myelin.fashion.report;

import dev.myelin.fashion.data.ImageSet;
import dev.myelin.fashion.eval.Evaluation;
import dev.myelin.fashion.run.Metrics;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;

/**
 * Everything the report shows, computed and ready to draw.
 *
 * @param runName the run folder's name
 * @param preset the model preset
 * @param config the run's configuration, empty when it has no {@code config.json}
 * @param metrics the training history and final metrics, or {@code null} when there is no {@code metrics.json}
 * @param evaluation predictions on {@code test} against its labels
 * @param test the images evaluated
 * @param mistakes the most confident wrong predictions, most confident first
 * @param saliency one sample per class that has one, in label order; empty when the model has none
 * @param saliencyUnavailable why the model has no saliency maps, or null when it has
 * @param pixelImportance where a model without saliency looks, 784 values, or null
 * @param links the study's other pages that concern this run (the data exploration, a comparison)
 * @param generated when the report was made
 */
public record ReportContent(
        String runName,
        String preset,
        Map<String, Object> config,
        Metrics metrics,
        Evaluation evaluation,
        ImageSet test,
        List<Mistake> mistakes,
        List<SaliencySample> saliency,
        String saliencyUnavailable,
        float[] pixelImportance,
        List<Link> links,
        ZonedDateTime generated) {

    /** Another page of the study, by a path relative to the report. */
    public record Link(String title, String href, String detail) {}

    /** A test image the model got wrong. */
    public record Mistake(int index, int trueClass, int predicted, float confidence) {}

    /**
     * A test image with its saliency for its true class.
     *
     * @param confidence the probability the model gave the true class
     */
    public record SaliencySample(int index, int label, int predicted, float confidence, float[] saliency) {}
}
