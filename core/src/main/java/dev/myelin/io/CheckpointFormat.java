package dev.myelin.io;

import dev.myelin.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Writes the checkpoint layout documented in {@link Checkpoint}, format version {@value #VERSION}, and
 * names its entries for {@link CheckpointDecoder}. A change to the layout that an older reader would
 * misread needs a new {@link #VERSION} (and a new compatibility fixture; see {@code CheckpointCompatibilityTest}).
 */
final class CheckpointFormat {
    /** The format version this build writes and the newest it reads. */
    static final int VERSION = 1;

    static final String FORMAT_VERSION = "format_version";
    static final String MYELIN_VERSION = "myelin_version";
    static final String EPOCH = "epoch";
    static final String STEP = "step";
    static final String OPTIMIZER_TYPE = "optimizer_type";
    static final String SCHEDULER_TYPE = "scheduler_type";

    static final String MODEL = "model.";
    static final String OPTIMIZER = "optimizer.";
    static final String SCHEDULER = "scheduler.";
    static final String RNG = "rng.";
    static final String METRIC = "metric.";

    private CheckpointFormat() {
    }

    /** The tensors of {@code state}: the model's state dict, then the optimizer's buffers. */
    static Map<String, Tensor> tensors(CheckpointState state) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        state.model().stateDict().forEach((name, t) -> out.put(MODEL + name, t));
        state.optimizer().stateTensors().forEach((key, t) -> out.put(OPTIMIZER + key, t));
        return out;
    }

    /** The metadata of {@code state}, in the order listed in the class comment. */
    static Map<String, String> metadata(CheckpointState state) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put(FORMAT_VERSION, Integer.toString(VERSION));
        out.put(MYELIN_VERSION, MyelinVersion.current());
        out.put(EPOCH, Long.toString(state.epoch()));
        out.put(STEP, Long.toString(state.step()));
        out.put(OPTIMIZER_TYPE, state.optimizer().getClass().getName());
        state.optimizer().stateScalars().forEach((key, v) -> out.put(OPTIMIZER + key, Double.toString(v)));
        if (state.scheduler() != null) {
            out.put(SCHEDULER_TYPE, state.scheduler().getClass().getName());
            state.scheduler().stateScalars().forEach((key, v) -> out.put(SCHEDULER + key, Double.toString(v)));
        }
        state.generators().forEach((name, g) -> out.put(RNG + name, words(g.state())));
        state.metrics().forEach((name, v) -> out.put(METRIC + name, Double.toString(v)));
        return out;
    }

    private static String words(long[] words) {
        StringJoiner joined = new StringJoiner(",");
        for (long w : words) {
            joined.add(Long.toString(w));
        }
        return joined.toString();
    }
}
