package dev.myelin.optim;

import static dev.myelin.optim.OptimTesting.setGrad;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.myelin.nn.Parameter;
import dev.myelin.parallel.Parallel;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Tensor;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which parameters a step touches, per-group options, validation, and thread-count independence. */
class OptimizerTest {
    private static Parameter randomParam(long seed, int... dims) {
        return new Parameter(Tensor.randn(new Generator(seed), dims));
    }

    private static Tensor snapshot(Parameter p) {
        return p.value().copy();
    }

    @Test
    void skipsFrozenParametersAndParametersWithoutGradient() {
        Parameter trained = randomParam(1, 3, 2);
        Parameter frozen = randomParam(2, 4);
        Parameter unused = randomParam(3, 5);
        Adam adam = new Adam(List.of(trained, frozen, unused), 0.1);
        Tensor frozenBefore = snapshot(frozen);
        Tensor unusedBefore = snapshot(unused);
        Tensor trainedBefore = snapshot(trained);

        setGrad(frozen, Tensor.ones(4));
        frozen.requiresGrad(false);
        setGrad(trained, Tensor.ones(3, 2));
        adam.step();

        assertTrue(frozen.value().contentEquals(frozenBefore), "a frozen parameter does not move");
        assertTrue(unused.value().contentEquals(unusedBefore), "a parameter without gradient does not move");
        assertFalse(trained.value().contentEquals(trainedBefore), "the trained parameter moves");
        assertEquals(List.of("group0.param0.exp_avg", "group0.param0.exp_avg_sq"), List.copyOf(adam.stateTensors().keySet()),
                "only the trained parameter has state");
        assertFalse(adam.stateScalars().containsKey("group0.param1.step"));
    }

    @Test
    void groupOptionsApplyPerGroupAndUnsetOnesTakeTheDefaults() {
        Parameter a = new Parameter(Tensor.full(2f, 3));
        Parameter b = new Parameter(Tensor.full(2f, 3));
        Parameter c = new Parameter(Tensor.full(2f, 3));
        SGD sgd = new SGD(List.of(
                new ParamGroup(List.of(a)),
                new ParamGroup(List.of(b)).setLr(0.5),
                new ParamGroup(List.of(c)).setWeightDecay(0)), 0.25, 0, 0, 0.5, false);
        for (Parameter p : List.of(a, b, c)) {
            setGrad(p, Tensor.ones(3));
        }
        sgd.step();
        // p - lr·(g + wd·p) with g = 1, p = 2
        assertEquals(2f - 0.25f * (1f + 0.5f * 2f), a.value().get(0));
        assertEquals(2f - 0.5f * (1f + 0.5f * 2f), b.value().get(0));
        assertEquals(2f - 0.25f * 1f, c.value().get(0));
        assertEquals(List.of(0.25, 0.5, 0.25), sgd.paramGroups().stream().map(ParamGroup::lr).toList());
        assertEquals(List.of(0.5, 0.5, 0.0), sgd.paramGroups().stream().map(ParamGroup::weightDecay).toList());
    }

    @Test
    void adamWSkipsDecayForAGroupWithZeroWeightDecay() {
        Parameter decayed = new Parameter(Tensor.full(1f, 2));
        Parameter kept = new Parameter(Tensor.full(1f, 2));
        AdamW adamW = new AdamW(List.of(new ParamGroup(List.of(decayed)), new ParamGroup(List.of(kept)).setWeightDecay(0)),
                0.1, 0.9, 0.999, 1e-8, 0.5);
        for (Parameter p : List.of(decayed, kept)) {
            setGrad(p, Tensor.zeros(2));
        }
        adamW.step();
        // a zero gradient leaves only the decoupled decay: p·(1 - lr·wd)
        assertEquals((float) (1 - 0.1 * 0.5), decayed.value().get(0));
        assertEquals(1f, kept.value().get(0));
    }

    @Test
    void setLrChangesEveryGroup() {
        Adam adam = new Adam(List.of(new ParamGroup(List.of(randomParam(1, 2))).setLr(0.5),
                new ParamGroup(List.of(randomParam(2, 2)))), 0.1);
        assertEquals(0.5, adam.lr());
        adam.setLr(0.01);
        assertEquals(0.01, adam.paramGroups().get(0).lr());
        assertEquals(0.01, adam.paramGroups().get(1).lr());
        adam.paramGroups().get(1).setLr(0.2);
        assertEquals(0.2, adam.paramGroups().get(1).lr());
    }

    @Test
    void zeroGradDropsTheGradients() {
        Parameter p = randomParam(1, 2);
        SGD sgd = new SGD(List.of(p), 0.1);
        setGrad(p, Tensor.ones(2));
        sgd.zeroGrad();
        assertNull(p.grad());
    }

    @Test
    void invalidHyperParametersAreRejected() {
        List<Parameter> ps = List.of(randomParam(1, 2));
        assertMessage("lr must be a finite number >= 0, got -0.1", () -> new SGD(ps, -0.1));
        assertMessage("lr must be a finite number >= 0, got NaN", () -> new Adam(ps, Double.NaN));
        assertMessage("momentum must be a finite number >= 0, got -0.5", () -> new SGD(ps, 0.1, -0.5));
        assertMessage("Nesterov momentum requires a momentum > 0 and zero dampening, got momentum 0.0 and dampening 0.0",
                () -> new SGD(ps, 0.1, 0, 0, 0, true));
        assertMessage("Nesterov momentum requires a momentum > 0 and zero dampening, got momentum 0.9 and dampening 0.1",
                () -> new SGD(ps, 0.1, 0.9, 0.1, 0, true));
        assertMessage("beta1 must be in [0, 1), got 1.0", () -> new Adam(ps, 1e-3, 1.0, 0.999, 1e-8, 0));
        assertMessage("beta2 must be in [0, 1), got -0.1", () -> new AdamW(ps, 1e-3, 0.9, -0.1, 1e-8, 0));
        assertMessage("eps must be a finite number > 0, got -1.0E-8", () -> new Adam(ps, 1e-3, 0.9, 0.999, -1e-8, 0));
        assertMessage("weight decay must be a finite number >= 0, got -0.01", () -> new AdamW(ps, 1e-3, 0.9, 0.999, 1e-8, -0.01));
        assertMessage("lr must be a finite number >= 0, got -1.0", () -> new ParamGroup(ps).setLr(-1));
        assertMessage("optimizer got an empty parameter list", () -> new SGD(List.<Parameter>of(), 0.1));
        assertMessage("parameter group1.param0 is the same tensor as group0.param0; a parameter may appear only once",
                () -> new SGD(List.of(new ParamGroup(ps), new ParamGroup(ps)), 0.1, 0));
        SGD nesterov = new SGD(ps, 0.1, 0.9, 0, 0, true);
        assertMessage("Nesterov momentum requires a momentum > 0 and zero dampening, got momentum 0.0 and dampening 0.0",
                () -> nesterov.setMomentum(0));
        assertThrows(IllegalArgumentException.class, () -> new Adam(ps).setMomentum(1.5));
    }

    @Test
    void resultsDoNotDependOnTheThreadCount() {
        // Large enough for the kernels to split the work into chunks.
        int n = 3 * (1 << 16) + 5;
        Tensor[] results = new Tensor[2];
        int saved = Parallel.threads();
        try {
            for (int threads = 1; threads <= 2; threads++) {
                Parallel.setThreads(threads);
                Parameter p = randomParam(7, n);
                Parameter q = randomParam(8, n);
                var optimizers = List.of(new Adam(List.of(p), 1e-2, 0.9, 0.999, 1e-8, 0.1),
                        new SGD(List.of(q), 0.1, 0.9, 0, 0.1, true));
                Tensor g = Tensor.randn(new Generator(9), n);
                for (int step = 0; step < 3; step++) {
                    for (Optimizer o : optimizers) {
                        o.zeroGrad();
                    }
                    setGrad(p, g);
                    setGrad(q, g);
                    optimizers.forEach(Optimizer::step);
                }
                results[threads - 1] = Tensor.of(concat(p.value().toArray(), q.value().toArray()));
            }
        } finally {
            Parallel.setThreads(saved);
        }
        assertTrue(results[0].contentEquals(results[1]), "1 and 2 threads give bit-identical parameters");
    }

    private static float[] concat(float[] a, float[] b) {
        float[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    static void assertMessage(String expected, Runnable action) {
        var e = assertThrows(IllegalArgumentException.class, action::run);
        assertEquals(expected, e.getMessage());
    }
}
