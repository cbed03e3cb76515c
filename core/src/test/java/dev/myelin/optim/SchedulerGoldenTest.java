package dev.myelin.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.myelin.nn.Parameter;
import dev.myelin.tensor.Tensor;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The four schedules against the rates PyTorch 1.13's schedulers set at epochs 0..100
 * ({@code tools/golden/make_optim_golden.py}). Tolerance: {@code 1e-12} relative, in double. Ours are
 * closed forms with PyTorch's operation order; PyTorch's StepLR, CosineAnnealingLR and LinearLR step
 * recursively from the previous rate, which drifts from the closed form by under 1e-15 relative over
 * these 100 epochs, so 1e-12 leaves a wide margin while any formula error (an off-by-one epoch is
 * ~1e-2) fails. A rate of exactly 0 must match exactly.
 */
class SchedulerGoldenTest {
    private static final double RTOL = 1e-12;

    private static SGD sgd() {
        return new SGD(List.of(new Parameter(Tensor.zeros(1))), 0.1, 0.9);
    }

    private static void check(String fixture, Function<SGD, LRScheduler> make) {
        Golden golden = Golden.load(fixture);
        double[] lrs = golden.doubles("lr");
        double[] momenta = golden.has("momentum") ? golden.doubles("momentum") : null;
        SGD optimizer = sgd();
        LRScheduler scheduler = make.apply(optimizer);
        for (int epoch = 0; epoch < lrs.length; epoch++) {
            if (epoch > 0) {
                scheduler.step();
            }
            assertEquals(epoch, scheduler.lastEpoch());
            assertEquals(lrs[epoch], optimizer.lr(), RTOL * Math.abs(lrs[epoch]), fixture + " lr at epoch " + epoch);
            assertEquals(optimizer.lr(), scheduler.lastLr(), 0.0);
            if (momenta != null) {
                assertEquals(momenta[epoch], optimizer.momentum(), RTOL * momenta[epoch], fixture + " momentum at epoch " + epoch);
            }
        }
    }

    @Test
    void stepLr() {
        check("step_lr", o -> new StepLR(o, 30, 0.1));
    }

    @Test
    void cosineAnnealing() {
        check("cosine", o -> new CosineAnnealingLR(o, 100, 1e-5));
    }

    @Test
    void linearWarmupThenCosineMatchesSequentialLr() {
        check("warmup_cosine", o -> new CosineAnnealingLR(o, 100, 0, 10, 0.01));
    }

    @Test
    void oneCycleRateAndMomentum() {
        check("one_cycle", o -> new OneCycleLR(o, 0.1, 100));
    }
}
