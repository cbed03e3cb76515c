package dev.myelin.fashion.compare;

import dev.myelin.fashion.eval.EvaluationJson;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The comparison as JSON, for programs. */
public final class ComparisonJson {
    private ComparisonJson() {
    }

    /**
     * <pre>
     * {"generated": "...", "quick": false, "chosen": "cnn", "chosen_by": "validation_accuracy",
     *  "models": [{"model": "cnn", "run": "runs/...", "chosen": true, "validation_accuracy": 0.93,
     *              "training_seconds": 222.0, "inference_microseconds_per_image": 180.0,
     *              "parameters": 421642, "model_bytes": 1686840,
     *              "test": {... as evaluation.json: accuracy, macro_avg, classes, confusion_matrix}}, ...]}
     * </pre>
     */
    public static Map<String, Object> toJson(Comparison comparison) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("generated", comparison.generated().toString());
        json.put("quick", comparison.quick());
        json.put("chosen", comparison.hasChoice() ? comparison.models().get(comparison.chosen()).model() : null);
        json.put("chosen_by", "validation_accuracy");
        List<Object> models = new ArrayList<>();
        for (int i = 0; i < comparison.models().size(); i++) {
            ComparedModel m = comparison.models().get(i);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("model", m.model());
            row.put("run", m.run().toString());
            row.put("chosen", i == comparison.chosen());
            row.put("validation_accuracy", m.validationAccuracy());
            row.put("training_seconds", m.trainingSeconds());
            row.put("inference_microseconds_per_image", m.inferenceMicrosPerImage());
            row.put("parameters", m.parameters());
            row.put("model_bytes", m.modelBytes());
            row.put("test", EvaluationJson.toJson(m.test()));
            models.add(row);
        }
        json.put("models", models);
        return json;
    }
}
