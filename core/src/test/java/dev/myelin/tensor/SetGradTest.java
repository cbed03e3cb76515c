package dev.myelin.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.myelin.nn.Linear;
import dev.myelin.optim.SGD;
import org.junit.jupiter.api.Test;

/** Setting a gradient directly, as {@code p.grad = g}: kept as a copy, added to by backward, read by a step. */
class SetGradTest {
    @Test
    void aSetGradientIsACopyThatBackwardAddsToAndAStepReads() {
        Tensor w = Tensor.of(new float[] {1, 2}, 2).requiresGrad(true);
        float[] given = {0.5f, -1f};
        Tensor g = Tensor.of(given, 2);
        w.setGrad(g);
        given[0] = 99; // the caller's array is not the gradient
        assertArrayEquals(new float[] {0.5f, -1f}, w.grad().toArray());

        w.mul(3f).sum().backward(); // adds 3 to each element of the gradient
        assertArrayEquals(new float[] {3.5f, 2f}, w.grad().toArray());

        w.setGrad(null);
        assertNull(w.grad());
        assertThrows(IllegalArgumentException.class, () -> w.setGrad(Tensor.zeros(3)));
    }

    @Test
    void anOptimizerStepsWithAGradientSetByHand() {
        Linear layer = new Linear(2, 1, new Generator(1));
        float[] before = layer.weight().value().toArray();
        layer.weight().setGrad(Tensor.of(new float[] {1, -2}, 1, 2));
        layer.bias().setGrad(Tensor.of(new float[] {4}, 1));
        new SGD(layer.parameters(), 0.5).step();
        assertArrayEquals(new float[] {before[0] - 0.5f, before[1] + 1f}, layer.weight().value().toArray(), 1e-6f);
    }
}
