package dev.myelin.fashion.train;

import dev.myelin.nn.Module;
import dev.myelin.nn.Parameter;
import dev.myelin.optim.Adam;
import dev.myelin.optim.AdamW;
import dev.myelin.optim.CosineAnnealingLR;
import dev.myelin.optim.LRScheduler;
import dev.myelin.optim.OneCycleLR;
import dev.myelin.optim.Optimizer;
import dev.myelin.optim.ParamGroup;
import dev.myelin.optim.SGD;
import dev.myelin.optim.StepLR;
import java.util.ArrayList;
import java.util.List;

/** Builds the optimizer and the per-step learning-rate schedule a recipe names. */
final class Optimizers {
    private Optimizers() {
    }

    /**
     * Weights (rank ≥ 2) get the recipe's weight decay; biases and norm parameters (rank 1) none, as is
     * usual. Frozen parameters are left out.
     */
    static Optimizer create(Module model, Recipe recipe) {
        List<Parameter> decay = new ArrayList<>();
        List<Parameter> noDecay = new ArrayList<>();
        for (Parameter p : model.parameters()) {
            if (p.requiresGrad()) {
                (p.value().rank() >= 2 ? decay : noDecay).add(p);
            }
        }
        List<ParamGroup> groups = new ArrayList<>();
        if (!decay.isEmpty()) {
            groups.add(new ParamGroup(decay).setWeightDecay(recipe.weightDecay()));
        }
        if (!noDecay.isEmpty()) {
            groups.add(new ParamGroup(noDecay).setWeightDecay(0));
        }
        if (groups.isEmpty()) {
            throw new IllegalArgumentException("every parameter is frozen: nothing to train");
        }
        double lr = recipe.learningRate();
        return switch (recipe.optimizer()) {
            case SGD -> new SGD(groups, lr, SGD.options().momentum(recipe.momentum()).nesterov(recipe.nesterov()));
            case ADAM -> new Adam(groups, lr);
            case ADAMW -> new AdamW(groups, lr);
        };
    }

    /** A schedule stepped once per batch, or null for a constant rate. */
    static LRScheduler schedule(Optimizer optimizer, Recipe recipe, int stepsPerEpoch) {
        int total = Math.max(1, recipe.epochs() * stepsPerEpoch);
        return switch (recipe.schedule()) {
            case NONE -> null;
            // A tenth of the rate after each third of the run.
            case STEP -> new StepLR(optimizer, Math.max(1, total / 3));
            // Half an epoch of linear warm-up from 1% of the rate, then cosine down to zero.
            case COSINE -> new CosineAnnealingLR(optimizer, total, CosineAnnealingLR.options()
                    .warmupSteps(Math.min(total - 1, stepsPerEpoch / 2)).warmupStartFactor(0.01));
            case ONECYCLE -> new OneCycleLR(optimizer, recipe.learningRate(), total);
        };
    }
}
