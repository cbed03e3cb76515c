package dev.myelin.fashion.train;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The optimizer and regularisation settings a tuner turns ({@code --weight-decay}, {@code --momentum},
 * {@code --nesterov}, {@code --label-smoothing}, {@code --dropout}); a null means the preset's default.
 *
 * @param weightDecay    L2 for SGD and Adam, decoupled for AdamW; applied to weights, never to biases
 *                       or norm parameters
 * @param momentum       SGD's momentum
 * @param nesterov       SGD's Nesterov momentum
 * @param labelSmoothing the share of the target spread over all classes (Szegedy et al., 2016)
 * @param dropout        the drop probability of every dropout layer of the network
 */
public record Tuning(Double weightDecay, Double momentum, Boolean nesterov, Double labelSmoothing, Double dropout) {
    /** Every setting left to the preset. */
    public static final Tuning PRESET = new Tuning(null, null, null, null, null);

    /** The settings as written to a run's {@code config.json}, under their command-line names. */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("weight_decay", weightDecay);
        json.put("momentum", momentum);
        json.put("nesterov", nesterov);
        json.put("label_smoothing", labelSmoothing);
        json.put("dropout", dropout);
        return json;
    }
}
