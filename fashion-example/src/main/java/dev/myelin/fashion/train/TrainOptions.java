package dev.myelin.fashion.train;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything {@code ./fashion train} was asked to do. A {@code null} in a nullable field means "the
 * preset's default" (or, for {@code threads}, every available processor; for {@code initFrom}, no
 * initial weights; for {@code limit}, the whole training set).
 *
 * @param model the preset
 * @param epochs number of epochs; nullable
 * @param batchSize images per step
 * @param learningRate the (peak) learning rate; nullable
 * @param optimizer nullable
 * @param schedule nullable
 * @param augment whether to augment training images; nullable
 * @param tuning weight decay, momentum, label smoothing and dropout; each null means the preset's
 * @param seed seeds every random choice: same seed, same weights
 * @param threads worker threads for the kernels; nullable
 * @param out the run directory to write
 * @param resume continue the run in {@code out} from its checkpoint
 * @param initFrom a run directory whose weights initialise the model; nullable
 * @param freeze parameter-name prefixes whose parameters are not trained; empty for none
 * @param data the dataset directory (already resolved and, when training starts, present)
 * @param limit use only the first this-many training images; nullable
 * @param trees the number of trees of a forest; nullable (the forest's default)
 * @param stopAfter stop after this many epochs of the schedule, with a checkpoint to continue from
 *        ({@code --resume}); nullable (train to the end)
 * @param classes train on these classes only (labels 0-9, distinct), relabelled 0, 1, ... in this
 *        order; empty for all ten
 * @param onNan what to do with a batch whose loss or gradient is not finite
 */
public record TrainOptions(
        ModelPreset model,
        Integer epochs,
        int batchSize,
        Double learningRate,
        OptimizerKind optimizer,
        ScheduleKind schedule,
        Boolean augment,
        Tuning tuning,
        long seed,
        Integer threads,
        Path out,
        boolean resume,
        Path initFrom,
        List<String> freeze,
        Path data,
        Integer limit,
        Integer trees,
        Integer stopAfter,
        List<Integer> classes,
        NanPolicy onNan) {

    public static final int DEFAULT_BATCH_SIZE = 64;
    public static final long DEFAULT_SEED = 42;

    /** The number of classes the model tells apart: 10, or as many as {@link #classes} names. */
    public int classCount() {
        return classes.isEmpty() ? 10 : classes.size();
    }

    public TrainOptions {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(tuning, "tuning");
        Objects.requireNonNull(onNan, "onNan");
        freeze = List.copyOf(freeze);
        classes = List.copyOf(classes);
    }

    /** The options with {@code --on-nan stop}, the default. */
    public TrainOptions(ModelPreset model, Integer epochs, int batchSize, Double learningRate, OptimizerKind optimizer,
            ScheduleKind schedule, Boolean augment, Tuning tuning, long seed, Integer threads, Path out, boolean resume,
            Path initFrom, List<String> freeze, Path data, Integer limit, Integer trees, Integer stopAfter,
            List<Integer> classes) {
        this(model, epochs, batchSize, learningRate, optimizer, schedule, augment, tuning, seed, threads, out, resume,
                initFrom, freeze, data, limit, trees, stopAfter, classes, NanPolicy.STOP);
    }

    /**
     * The options as written to a run's {@code config.json}; nulls mean "the preset's default". Only
     * the options that apply to the model are written: no epochs or optimizer for the models fitted in
     * one pass, no trees but for the forest.
     */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("model", model.toString());
        if (model.family() == ModelPreset.Family.NETWORK) {
            json.put("architecture", model.architecture().toString());
        }
        if (model.trainedInEpochs()) {
            json.put("epochs", epochs);
            json.put("batch_size", batchSize);
            json.put("lr", learningRate);
            json.put("optimizer", optimizer == null ? null : optimizer.toString());
            json.put("schedule", schedule == null ? null : schedule.toString());
            json.put("augment", augment);
            json.putAll(tuning.toJson());
        }
        json.put("seed", seed);
        json.put("threads", threads);
        if (model.trainedInEpochs()) {
            json.put("init_from", initFrom == null ? null : initFrom.toString());
            json.put("freeze", freeze);
            json.put("on_nan", onNan.toString());
        }
        json.put("limit", limit);
        json.put("classes", classes.isEmpty() ? null : classes);
        if (model == ModelPreset.FOREST) {
            json.put("trees", trees);
        }
        return json;
    }
}
