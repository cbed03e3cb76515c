package dev.myelin.fashion.train;

/**
 * The training recipe of a run: the preset's defaults, overridden by whatever the command line set.
 *
 * @param epochs         passes over the training images
 * @param learningRate   the base (or, for one-cycle, peak) learning rate
 * @param weightDecay    L2 for SGD/Adam, decoupled for AdamW; never applied to biases or norm weights
 * @param momentum       SGD's momentum (unused by Adam and AdamW)
 * @param nesterov       SGD's Nesterov momentum
 * @param labelSmoothing the training loss's label smoothing (validation and test losses use none)
 * @param dropout        the drop probability of the network's dropout layers
 */
public record Recipe(int epochs, double learningRate, OptimizerKind optimizer, ScheduleKind schedule, boolean augment,
        double weightDecay, double momentum, boolean nesterov, double labelSmoothing, double dropout) {

    /**
     * Each preset's defaults, chosen on this project's measurements (see README), with the options'
     * overrides.
     *
     * @throws IllegalArgumentException if an override is out of range or does not apply to the preset
     */
    public static Recipe of(TrainOptions options) {
        Recipe preset = defaults(options.model());
        Tuning t = options.tuning();
        Recipe recipe = new Recipe(
                options.epochs() != null ? options.epochs() : preset.epochs,
                options.learningRate() != null ? options.learningRate() : preset.learningRate,
                options.optimizer() != null ? options.optimizer() : preset.optimizer,
                options.schedule() != null ? options.schedule() : preset.schedule,
                options.augment() != null ? options.augment() : preset.augment,
                t.weightDecay() != null ? t.weightDecay() : preset.weightDecay,
                t.momentum() != null ? t.momentum() : preset.momentum,
                t.nesterov() != null ? t.nesterov() : preset.nesterov,
                t.labelSmoothing() != null ? t.labelSmoothing() : preset.labelSmoothing,
                t.dropout() != null ? t.dropout() : preset.dropout);
        recipe.check(options.model(), t);
        return recipe;
    }

    /** The preset's own recipe, before any option overrides it. */
    public static Recipe defaults(ModelPreset model) {
        return switch (model) {
            case MLP -> new Recipe(15, 1e-3, OptimizerKind.ADAM, ScheduleKind.COSINE, false, 0, 0.9, false, 0, 0.2);
            case CNN -> new Recipe(15, 1e-3, OptimizerKind.ADAM, ScheduleKind.COSINE, true, 0, 0.9, false, 0, 0);
            case VGG -> new Recipe(30, 3e-3, OptimizerKind.ADAMW, ScheduleKind.ONECYCLE, true, 0.05, 0.9, false, 0, 0.3);
            case BEST -> defaults(model.architecture());
            case RESNET -> new Recipe(20, 0.1, OptimizerKind.SGD, ScheduleKind.ONECYCLE, true, 5e-4, 0.9, true, 0.1, 0);
            case SOFTMAX, SVM -> new Recipe(20, 1e-3, OptimizerKind.ADAM, ScheduleKind.COSINE, false, 0, 0.9, false, 0, 0);
            case KNN, FOREST -> throw new IllegalArgumentException(model + " is not trained in epochs");
        };
    }

    /** The optimizer with the settings that differ from its plain form: "sgd (momentum 0.9, nesterov), weight decay 0.0005". */
    public String describeOptimizer() {
        StringBuilder s = new StringBuilder(optimizer.toString());
        if (optimizer == OptimizerKind.SGD) {
            s.append(" (momentum ").append(momentum).append(nesterov ? ", nesterov)" : ")");
        }
        if (weightDecay > 0) {
            s.append(", weight decay ").append(weightDecay);
        }
        if (labelSmoothing > 0) {
            s.append(", label smoothing ").append(labelSmoothing);
        }
        return s.toString();
    }

    private void check(ModelPreset model, Tuning t) {
        range("--weight-decay", weightDecay, 0, Double.MAX_VALUE, true);
        range("--momentum", momentum, 0, 1, false);
        range("--label-smoothing", labelSmoothing, 0, 1, false);
        range("--dropout", dropout, 0, 1, false);
        if ((t.momentum() != null || Boolean.TRUE.equals(t.nesterov())) && optimizer != OptimizerKind.SGD) {
            throw new IllegalArgumentException("--momentum and --nesterov are SGD's; " + model + " trains with "
                    + optimizer + " (choose --optimizer sgd)");
        }
        if (nesterov && momentum == 0) {
            throw new IllegalArgumentException("--nesterov needs a momentum above 0");
        }
        if (t.labelSmoothing() != null && labelSmoothing > 0 && model == ModelPreset.SVM) {
            throw new IllegalArgumentException("--label-smoothing is for cross-entropy; svm trains with the hinge loss");
        }
        if (t.dropout() != null && !model.hasDropout()) {
            throw new IllegalArgumentException("--dropout: " + model + " has no dropout layer");
        }
    }

    private static void range(String option, double value, double min, double max, boolean maxIncluded) {
        if (!(value >= min && (maxIncluded ? value <= max : value < max))) {
            throw new IllegalArgumentException(option + " must be in [" + min + ", " + (maxIncluded ? max + "]" : max + ")")
                    + ", not " + value);
        }
    }
}
