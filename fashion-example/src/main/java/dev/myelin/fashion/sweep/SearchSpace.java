package dev.myelin.fashion.sweep;

import dev.myelin.fashion.train.ModelPreset;
import dev.myelin.fashion.train.OptimizerKind;
import dev.myelin.fashion.train.Recipe;
import java.util.List;
import java.util.Random;

/**
 * Where a sweep draws its trials from, around the preset's own recipe: the learning rate log-uniform
 * from a tenth to three times the preset's; weight decay log-uniform over the range that suits the
 * optimizer (decoupled decay works at larger values than L2); the batch size from 32, 64 and 128;
 * dropout uniform in [0, 0.5] for the presets that have dropout layers; label smoothing uniform in
 * [0, 0.2] for those trained with cross-entropy.
 */
final class SearchSpace {
    static final List<Integer> BATCH_SIZES = List.of(32, 64, 128);

    private final ModelPreset model;
    private final Recipe preset;

    SearchSpace(ModelPreset model) {
        this.model = model;
        this.preset = Recipe.defaults(model);
    }

    /** The settings of trial after trial, the same for the same seed. */
    List<TrialSettings> draw(int trials, long seed) {
        Random random = new Random(seed);
        return java.util.stream.IntStream.range(0, trials).mapToObj(i -> draw(random)).toList();
    }

    private TrialSettings draw(Random random) {
        double lr = logUniform(random, preset.learningRate() / 10, preset.learningRate() * 3);
        boolean decoupled = preset.optimizer() == OptimizerKind.ADAMW;
        double weightDecay = decoupled ? logUniform(random, 1e-3, 0.3) : logUniform(random, 1e-6, 1e-3);
        int batchSize = BATCH_SIZES.get(random.nextInt(BATCH_SIZES.size()));
        Double dropout = model.hasDropout() ? round(0.5 * random.nextDouble()) : null;
        Double smoothing = model != ModelPreset.SVM ? round(0.2 * random.nextDouble()) : null;
        return new TrialSettings(round(lr), batchSize, round(weightDecay), dropout, smoothing);
    }

    private static double logUniform(Random random, double low, double high) {
        return Math.exp(Math.log(low) + random.nextDouble() * (Math.log(high) - Math.log(low)));
    }

    /** Three significant digits: the settings print and store as a person would write them. */
    private static double round(double value) {
        return value == 0 ? 0 : Double.parseDouble(String.format(java.util.Locale.ROOT, "%.3g", value));
    }
}
