package dev.myelin.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.myelin.tensor.Functional;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** The loss classes call the functional losses with their settings (the ops are tested in {@code dev.myelin.tensor}). */
class LossModulesTest {
    @Test
    void crossEntropyLossWithAndWithoutSmoothing() {
        Tensor logits = Tensor.randn(new Generator(1), 4, 5);
        int[] labels = {0, 4, 2, 2};
        assertTrue(Functional.crossEntropy(logits, labels).contentEquals(new CrossEntropyLoss().forward(logits, labels)));
        assertTrue(Functional.crossEntropy(logits, labels, 0.1f)
                .contentEquals(new CrossEntropyLoss(0.1f).forward(logits, labels)));
        assertThrows(IllegalArgumentException.class, () -> new CrossEntropyLoss(-0.1f));
    }

    @Test
    void logSoftmaxThenNllLossIsCrossEntropy() {
        Tensor logits = Tensor.randn(new Generator(2), 6, 3).mul(3f);
        int[] labels = {0, 1, 2, 2, 1, 0};
        float nll = new NLLLoss().forward(new LogSoftmax(1).forward(logits), labels).item();
        assertEquals(new CrossEntropyLoss().forward(logits, labels).item(), nll, 1e-6);
    }

    @Test
    void mseLoss() {
        Generator gen = new Generator(3);
        Tensor a = Tensor.randn(gen, 3, 4);
        Tensor b = Tensor.randn(gen, 3, 4);
        assertTrue(Functional.mseLoss(a, b).contentEquals(new MSELoss().forward(a, b)));
    }
}
