package dev.myelin.fashion.train;

/**
 * The training recipe of a run: the preset's defaults, overridden by whatever the command line set.
 *
 * @param epochs       passes over the training images
 * @param learningRate the base (or, for one-cycle, peak) learning rate
 * @param weightDecay  L2 for SGD/Adam, decoupled for AdamW; never applied to biases or norm weights
 */
record Recipe(int epochs, double learningRate, OptimizerKind optimizer, ScheduleKind schedule, boolean augment,
        double weightDecay) {

    /** Each preset's defaults, chosen on this project's measurements (see README). */
    static Recipe of(TrainOptions options) {
        Recipe preset = switch (options.model()) {
            case MLP -> new Recipe(15, 1e-3, OptimizerKind.ADAM, ScheduleKind.COSINE, false, 0);
            case CNN -> new Recipe(15, 1e-3, OptimizerKind.ADAM, ScheduleKind.COSINE, true, 0);
            case BEST -> new Recipe(30, 3e-3, OptimizerKind.ADAMW, ScheduleKind.ONECYCLE, true, 0.05);
            case SOFTMAX, SVM -> new Recipe(20, 1e-3, OptimizerKind.ADAM, ScheduleKind.COSINE, false, 0);
            case KNN, FOREST -> throw new IllegalArgumentException(options.model() + " is not trained in epochs");
        };
        return new Recipe(
                options.epochs() != null ? options.epochs() : preset.epochs,
                options.learningRate() != null ? options.learningRate() : preset.learningRate,
                options.optimizer() != null ? options.optimizer() : preset.optimizer,
                options.schedule() != null ? options.schedule() : preset.schedule,
                options.augment() != null ? options.augment() : preset.augment,
                preset.weightDecay);
    }
}
