package dev.myelin.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.myelin.nn.Parameter;
import dev.myelin.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The schedulers' named options: their defaults are PyTorch's (from {@code golden/optim/defaults.txt}),
 * each setter sets its own option, and a schedule built from options sets exactly the rates (and
 * momenta) of the one built from the same numbers in positional form.
 */
class SchedulerOptionsTest {
    private static final Golden PYTORCH = Golden.load("defaults");

    private static double pytorch(String name) {
        return PYTORCH.doubles(name)[0];
    }

    @Test
    void oneCycleDefaultsArePyTorchs() {
        OneCycleLR.Options options = OneCycleLR.options();
        assertEquals(pytorch("one_cycle.pct_start"), options.pctStart());
        assertEquals(PYTORCH.text("one_cycle.anneal_strategy"), options.annealStrategy().name().toLowerCase(Locale.ROOT));
        assertEquals(pytorch("one_cycle.cycle_momentum") != 0, options.cycleMomentum());
        assertEquals(pytorch("one_cycle.base_momentum"), options.baseMomentum());
        assertEquals(pytorch("one_cycle.max_momentum"), options.maxMomentum());
        assertEquals(pytorch("one_cycle.div_factor"), options.divFactor());
        assertEquals(pytorch("one_cycle.final_div_factor"), options.finalDivFactor());
    }

    @Test
    void cosineAndStepDefaultsArePyTorchs() {
        CosineAnnealingLR.Options options = CosineAnnealingLR.options();
        assertEquals(pytorch("cosine.eta_min"), options.etaMin());
        assertEquals(0, options.warmupSteps(), "no warm-up unless asked for, as CosineAnnealingLR alone");
        assertEquals(pytorch("linear_lr.start_factor"), options.warmupStartFactor(), "LinearLR's start_factor");
        assertEquals(schedule(o -> new StepLR(o, 3, pytorch("step_lr.gamma")), 10), schedule(o -> new StepLR(o, 3), 10),
                "StepLR without gamma uses PyTorch's");
    }

    @Test
    void eachSetterSetsItsOwnOption() {
        assertEquals(new OneCycleLR.Options(0.25, OneCycleLR.AnnealStrategy.LINEAR, false, 0.8, 0.9, 10, 100),
                OneCycleLR.options().pctStart(0.25).annealStrategy(OneCycleLR.AnnealStrategy.LINEAR).cycleMomentum(false)
                        .baseMomentum(0.8).maxMomentum(0.9).divFactor(10).finalDivFactor(100));
        assertEquals(new CosineAnnealingLR.Options(1e-4, 5, 0.01),
                CosineAnnealingLR.options().etaMin(1e-4).warmupSteps(5).warmupStartFactor(0.01));
    }

    @Test
    void theOptionsFormSetsTheSameRatesAsThePositionalForm() {
        assertEquals(schedule(o -> new OneCycleLR(o, 0.1, 20), 20),
                schedule(o -> new OneCycleLR(o, 0.1, 20, OneCycleLR.options()), 20));
        // 19 steps: the 20th takes the line past minLr to a negative rate (PyTorch sets it; setLr refuses it)
        assertEquals(schedule(o -> new OneCycleLR(o, 0.1, 20, 0.25, OneCycleLR.AnnealStrategy.LINEAR, true, 0.8, 0.9, 10, 100), 19),
                schedule(o -> new OneCycleLR(o, 0.1, 20, OneCycleLR.options().pctStart(0.25)
                        .annealStrategy(OneCycleLR.AnnealStrategy.LINEAR).baseMomentum(0.8).maxMomentum(0.9).divFactor(10)
                        .finalDivFactor(100)), 19));
        assertEquals(schedule(o -> new CosineAnnealingLR(o, 20), 25),
                schedule(o -> new CosineAnnealingLR(o, 20, CosineAnnealingLR.options()), 25));
        assertEquals(schedule(o -> new CosineAnnealingLR(o, 20, 1e-4, 5, 0.01), 25),
                schedule(o -> new CosineAnnealingLR(o, 20, CosineAnnealingLR.options().etaMin(1e-4).warmupSteps(5)
                        .warmupStartFactor(0.01)), 25));
    }

    @Test
    void oneCycleWithoutCycleMomentumLeavesTheMomentumAlone() {
        SGD sgd = new SGD(List.of(new Parameter(Tensor.zeros(1))), 0.1, 0.5);
        OneCycleLR scheduler = new OneCycleLR(sgd, 0.1, 10, OneCycleLR.options().cycleMomentum(false));
        scheduler.step();
        assertEquals(0.5, sgd.momentum());
    }

    /** "lr momentum" after construction and after each of {@code steps} steps, on an SGD with momentum 0.9. */
    private static List<String> schedule(Function<Optimizer, LRScheduler> make, int steps) {
        SGD sgd = new SGD(List.of(new Parameter(Tensor.zeros(1))), 0.1, 0.9);
        LRScheduler scheduler = make.apply(sgd);
        List<String> values = new ArrayList<>();
        values.add(sgd.lr() + " " + sgd.momentum());
        for (int i = 0; i < steps; i++) {
            scheduler.step();
            values.add(sgd.lr() + " " + sgd.momentum());
        }
        return values;
    }
}
