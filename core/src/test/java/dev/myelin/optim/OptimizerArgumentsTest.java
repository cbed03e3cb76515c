package dev.myelin.optim;

import static dev.myelin.BadArguments.nullRefused;
import static dev.myelin.BadArguments.refused;

import dev.myelin.BadArguments;
import dev.myelin.nn.Parameter;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Tensor;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The optimizers and schedulers refuse a bad hyper-parameter at construction, and their options when it
 * is set, naming it and its value (the common cases are in
 * {@link OptimizerTest#invalidHyperParametersAreRejected}; these are the rest).
 */
class OptimizerArgumentsTest {
    static Stream<Arguments> badArguments() {
        List<Parameter> ps = List.of(new Parameter(Tensor.randn(new Generator(1), 2, 2)));
        SGD sgd = new SGD(ps, 0.1);
        return Stream.of(
                refused("eps must be a finite number > 0, got 0.0", () -> new Adam(ps, 1e-3, 0.9, 0.999, 0, 0)),
                refused("eps must be a finite number > 0, got Infinity",
                        () -> new AdamW(ps, 1e-3, 0.9, 0.999, Double.POSITIVE_INFINITY, 0)),
                refused("lr must be a finite number >= 0, got Infinity", () -> new SGD(ps, Double.POSITIVE_INFINITY)),
                refused("lr must be a finite number >= 0, got -1.0", () -> new AdamW(ps, -1)),
                refused("momentum must be a finite number >= 0, got NaN", () -> new SGD(ps, 0.1, Double.NaN)),
                refused("dampening must be a finite number >= 0, got -1.0", () -> new SGD(ps, 0.1, 0.9, -1, 0, false)),
                refused("weight decay must be a finite number >= 0, got NaN", () -> new SGD(ps, 0.1, 0.9, 0, Double.NaN, false)),
                refused("beta1 must be in [0, 1), got NaN", () -> new Adam(ps, 1e-3, Double.NaN, 0.999, 1e-8, 0)),
                refused("beta2 must be in [0, 1), got 1.0", () -> new Adam(ps, 1e-3, 0.9, 1.0, 1e-8, 0)),
                refused("beta1 must be in [0, 1), got 1.5", () -> new Adam(ps, 1e-3).setMomentum(1.5)),
                refused("lr must be a finite number >= 0, got NaN", () -> sgd.setLr(Double.NaN)),
                refused("stepSize must be at least 1, got 0", () -> new StepLR(sgd, 0, 0.1)),
                refused("gamma must be a finite number >= 0, got -0.5", () -> new StepLR(sgd, 1, -0.5)),
                refused("tMax must be at least 1, got 0", () -> new CosineAnnealingLR(sgd, 0)),
                refused("etaMin must be a finite number >= 0, got -1.0", () -> new CosineAnnealingLR(sgd, 5, -1)),
                refused("maxNorm must be a finite number >= 0, got NaN", () -> ClipGrad.clipGradNorm(ps, Double.NaN)),
                nullRefused("params", () -> new SGD((List<Parameter>) null, 0.1)),
                nullRefused("params[1] is null", () -> new Adam(Arrays.asList(ps.getFirst(), null), 0.1)),
                nullRefused("groups", () -> new SGD((java.util.SequencedCollection<ParamGroup>) null, 0.1, 0)),
                nullRefused("groups[0] is null", () -> new AdamW(Arrays.asList((ParamGroup) null), 0.1)),
                nullRefused("optimizer", () -> new StepLR(null, 1, 0.1)),
                // the named options: each value when it is set, the rest when the optimizer or schedule is built
                refused("lr must be a finite number >= 0, got -1.0", () -> Adam.options().lr(-1)),
                refused("beta2 must be in [0, 1), got 1.0", () -> AdamW.options().betas(0.9, 1)),
                refused("eps must be a finite number > 0, got 0.0", () -> Adam.options().eps(0)),
                refused("weight decay must be a finite number >= 0, got NaN", () -> AdamW.options().weightDecay(Double.NaN)),
                refused("momentum must be a finite number >= 0, got -0.9", () -> SGD.options().momentum(-0.9)),
                refused("dampening must be a finite number >= 0, got Infinity",
                        () -> SGD.options().dampening(Double.POSITIVE_INFINITY)),
                refused("weight decay must be a finite number >= 0, got -1.0", () -> SGD.options().weightDecay(-1)),
                refused("lr must be a finite number >= 0, got -1.0", () -> new SGD(ps, -1, SGD.options())),
                refused("Nesterov momentum requires a momentum > 0 and zero dampening, got momentum 0.0",
                        () -> new SGD(ps, 0.1, SGD.options().nesterov(true))),
                refused("Nesterov momentum requires a momentum > 0 and zero dampening, got momentum 0.9 and dampening 0.1",
                        () -> new SGD(ps, 0.1, SGD.options().momentum(0.9).dampening(0.1).nesterov(true))),
                refused("pctStart must be in [0, 1), got 1.0", () -> OneCycleLR.options().pctStart(1)),
                refused("baseMomentum must be a finite number >= 0, got -0.1", () -> OneCycleLR.options().baseMomentum(-0.1)),
                refused("maxMomentum must be a finite number >= 0, got NaN", () -> OneCycleLR.options().maxMomentum(Double.NaN)),
                refused("divFactor must be a finite number > 0, got 0.0", () -> OneCycleLR.options().divFactor(0)),
                refused("finalDivFactor must be a finite number > 0, got -1.0", () -> OneCycleLR.options().finalDivFactor(-1)),
                refused("pctStart must be in [0, 1) with pctStart * totalSteps != 1, got 0.1 for 10 steps",
                        () -> new OneCycleLR(sgd, 0.1, 10, OneCycleLR.options().pctStart(0.1))),
                refused("maxLr must be a finite number >= 0, got -0.1", () -> new OneCycleLR(sgd, -0.1, 10, OneCycleLR.options())),
                refused("etaMin must be a finite number >= 0, got NaN", () -> CosineAnnealingLR.options().etaMin(Double.NaN)),
                refused("warmupSteps must be >= 0, got -1", () -> CosineAnnealingLR.options().warmupSteps(-1)),
                refused("warmupStartFactor must be in (0, 1], got 1.5", () -> CosineAnnealingLR.options().warmupStartFactor(1.5)),
                refused("warmupSteps must be in [0, tMax) = [0, 10), got 10",
                        () -> new CosineAnnealingLR(sgd, 10, CosineAnnealingLR.options().warmupSteps(10))),
                nullRefused("options", () -> new SGD(ps, 0.1, (SGD.Options) null)),
                nullRefused("options", () -> new Adam(ps, (Adam.Options) null)),
                nullRefused("options", () -> new AdamW(List.of(new ParamGroup(ps)), (AdamW.Options) null)),
                nullRefused("options", () -> new OneCycleLR(sgd, 0.1, 10, null)),
                nullRefused("options", () -> new CosineAnnealingLR(sgd, 10, (CosineAnnealingLR.Options) null)),
                nullRefused("annealStrategy", () -> OneCycleLR.options().annealStrategy(null)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badArguments")
    void refusedAtConstruction(String message, Class<? extends Throwable> type, Executable call) {
        BadArguments.assertRefused(message, type, call);
    }
}
