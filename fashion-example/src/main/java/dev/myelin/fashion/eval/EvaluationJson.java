package dev.myelin.fashion.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON form of an {@link Evaluation}, as written to a run's {@code evaluation.json}. */
public final class EvaluationJson {
    private EvaluationJson() {}

    /**
     * <pre>
     * {"images": 10000, "correct": 9120, "accuracy": 0.912,
     *  "macro_avg": {"precision": ..., "recall": ..., "f1": ...},
     *  "classes": [{"label": 0, "name": "T-shirt/top", "precision": ..., "recall": ..., "f1": ..., "support": 1000}, ...],
     *  "confusion_matrix": [[...], ...]}   (rows: true class, columns: predicted class)
     * </pre>
     */
    public static Map<String, Object> toJson(Evaluation evaluation) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("images", evaluation.total());
        json.put("correct", evaluation.correct());
        json.put("accuracy", evaluation.accuracy());
        ClassMetrics macro = evaluation.macroAverage();
        Map<String, Object> macroJson = new LinkedHashMap<>();
        macroJson.put("precision", macro.precision());
        macroJson.put("recall", macro.recall());
        macroJson.put("f1", macro.f1());
        json.put("macro_avg", macroJson);
        List<Object> classes = new ArrayList<>();
        List<ClassMetrics> perClass = evaluation.perClass();
        for (int label = 0; label < perClass.size(); label++) {
            ClassMetrics m = perClass.get(label);
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("label", label);
            c.put("name", m.name());
            c.put("precision", m.precision());
            c.put("recall", m.recall());
            c.put("f1", m.f1());
            c.put("support", m.support());
            classes.add(c);
        }
        json.put("classes", classes);
        json.put("confusion_matrix", Arrays.asList(evaluation.confusion()));
        return json;
    }
}
