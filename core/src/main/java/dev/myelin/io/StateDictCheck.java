package dev.myelin.io;

import dev.myelin.nn.LoadReport;
import dev.myelin.nn.Module;
import dev.myelin.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What {@link Module#loadStateDict} would report, found without loading anything, so that a caller can
 * refuse a file before touching the model (and before touching anything else it restores with it).
 */
final class StateDictCheck {
    private StateDictCheck() {
    }

    /** The missing, unexpected and wrongly shaped entries of {@code state} for {@code model}. */
    static LoadReport compare(Module model, Map<String, Tensor> state) {
        Map<String, Tensor> own = model.stateDict();
        List<String> missing = new ArrayList<>();
        List<LoadReport.ShapeMismatch> mismatched = new ArrayList<>();
        own.forEach((name, target) -> {
            Tensor source = state.get(name);
            if (source == null) {
                missing.add(name);
            } else if (!source.shape().equals(target.shape())) {
                mismatched.add(new LoadReport.ShapeMismatch(name, target.shape(), source.shape()));
            }
        });
        List<String> unexpected = new ArrayList<>();
        for (String name : state.keySet()) {
            if (!own.containsKey(name)) {
                unexpected.add(name);
            }
        }
        return new LoadReport(missing, unexpected, mismatched);
    }
}
