package dev.myelin.fashion.sweep;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The hyper-parameters of one trial; {@code dropout} and {@code labelSmoothing} are null where the
 * preset has no such setting. {@link #toJson} uses the keys of a run's {@code config.json}, so that
 * {@code train --config} reads them.
 */
record TrialSettings(double learningRate, int batchSize, double weightDecay, Double dropout, Double labelSmoothing) {
    Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("lr", learningRate);
        json.put("batch_size", batchSize);
        json.put("weight_decay", weightDecay);
        json.put("dropout", dropout);
        json.put("label_smoothing", labelSmoothing);
        return json;
    }
}
