package dev.myelin.io;

import dev.myelin.nn.BatchNorm1d;
import dev.myelin.nn.Dropout;
import dev.myelin.nn.Linear;
import dev.myelin.nn.ReLU;
import dev.myelin.nn.Sequential;
import dev.myelin.optim.Adam;
import dev.myelin.optim.AdamW;
import dev.myelin.optim.CosineAnnealingLR;
import dev.myelin.optim.LRScheduler;
import dev.myelin.optim.OneCycleLR;
import dev.myelin.optim.Optimizer;
import dev.myelin.optim.SGD;
import dev.myelin.optim.StepLR;
import dev.myelin.tensor.Functional;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A tiny training run whose every source of randomness is a named {@link Generator}: an MLP with batch
 * norm and dropout on a 3-class problem drawn from the {@code data} generator, with the masks drawn from
 * the {@code dropout} generator, an optimizer and a per-step scheduler. Two runs built from the same
 * seeds compute bit-identical steps.
 */
final class TinyRun {
    /** The optimizer and scheduler pairings that the resume tests cover. */
    enum Kind {
        ADAM_STEP_LR, SGD_MOMENTUM_ONE_CYCLE, ADAMW_WARMUP_COSINE
    }

    static final int TOTAL_STEPS = 12;
    private static final int BATCH = 8;

    final Sequential model;
    final Optimizer optimizer;
    final LRScheduler scheduler;
    final Generator data;
    final Generator dropout;

    /**
     * A run with parameters initialised from {@code initSeed} and generators seeded from
     * {@code generatorSeed}; a run that is about to be restored uses other seeds on purpose.
     */
    TinyRun(Kind kind, long initSeed, long generatorSeed) {
        Generator init = new Generator(initSeed);
        data = new Generator(generatorSeed);
        dropout = new Generator(generatorSeed + 1);
        model = new Sequential(new Linear(6, 16, init), new BatchNorm1d(16), new ReLU(), new Dropout(0.25f, dropout),
                new Linear(16, 3, init));
        switch (kind) {
            case ADAM_STEP_LR -> {
                optimizer = new Adam(model.parameters(), 1e-2);
                scheduler = new StepLR(optimizer, 3, 0.5);
            }
            case SGD_MOMENTUM_ONE_CYCLE -> {
                optimizer = new SGD(model.parameters(), 0.05, 0.9);
                scheduler = new OneCycleLR(optimizer, 0.1, TOTAL_STEPS);
            }
            case ADAMW_WARMUP_COSINE -> {
                optimizer = new AdamW(model.parameters(), 1e-2, 0.9, 0.999, 1e-8, 0.05);
                scheduler = new CosineAnnealingLR(optimizer, TOTAL_STEPS, 1e-4, 3, 0.1);
            }
            default -> throw new AssertionError(kind);
        }
    }

    /** The generators by the names a checkpoint stores them under. */
    Map<String, Generator> generators() {
        Map<String, Generator> out = new LinkedHashMap<>();
        out.put("data", data);
        out.put("dropout", dropout);
        return out;
    }

    /** One training step on a fresh batch; returns the loss. */
    float step() {
        Tensor x = Tensor.randn(data, BATCH, 6);
        int[] labels = new int[BATCH];
        for (int i = 0; i < BATCH; i++) {
            labels[i] = data.nextInt(3);
        }
        model.train();
        Tensor loss = Functional.crossEntropy(model.forward(x), labels);
        optimizer.zeroGrad();
        loss.backward();
        optimizer.step();
        scheduler.step();
        return loss.item();
    }

    /** A copy of everything a resumed run must reproduce, keyed by where it comes from. */
    Map<String, Object> snapshot() {
        Map<String, Object> out = new LinkedHashMap<>();
        model.stateDict().forEach((k, v) -> out.put("model." + k, v.copy()));
        optimizer.stateTensors().forEach((k, v) -> out.put("optimizer." + k, v));
        optimizer.stateScalars().forEach((k, v) -> out.put("optimizer." + k, v));
        scheduler.stateScalars().forEach((k, v) -> out.put("scheduler." + k, v));
        out.put("lr", optimizer.lr());
        generators().forEach((k, g) -> out.put("rng." + k, g.state()));
        return out;
    }
}
