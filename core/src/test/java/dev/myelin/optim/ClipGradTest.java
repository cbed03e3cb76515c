package dev.myelin.optim;

import static dev.myelin.optim.OptimTesting.setGrad;
import static dev.myelin.optim.OptimizerTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.myelin.nn.Parameter;
import dev.myelin.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Clipping's edge cases: no gradients, parameters without gradient, a non-finite norm, bad limits. */
class ClipGradTest {
    @Test
    void ignoresParametersWithoutGradient() {
        Parameter with = new Parameter(Tensor.zeros(2));
        Parameter without = new Parameter(Tensor.zeros(3));
        setGrad(with, Tensor.of(new float[] {3, 4}));
        assertEquals(5.0, ClipGrad.clipGradNorm(List.of(with, without), 1.0));
        assertEquals((float) (3 / (5 + 1e-6)), with.grad().get(0));
        assertNull(without.grad());
        assertEquals(0.0, ClipGrad.clipGradNorm(List.of(without), 1.0));
    }

    @Test
    void nonFiniteNormLeavesTheGradientsAlone() {
        Parameter p = new Parameter(Tensor.zeros(2));
        setGrad(p, Tensor.of(new float[] {Float.POSITIVE_INFINITY, 1}));
        assertEquals(Double.POSITIVE_INFINITY, ClipGrad.clipGradNorm(List.of(p), 1.0));
        assertTrue(p.grad().contentEquals(Tensor.of(new float[] {Float.POSITIVE_INFINITY, 1})));
    }

    @Test
    void rejectsANegativeLimit() {
        assertMessage("maxNorm must be a finite number >= 0, got -1.0", () -> ClipGrad.clipGradNorm(List.of(), -1));
    }
}
