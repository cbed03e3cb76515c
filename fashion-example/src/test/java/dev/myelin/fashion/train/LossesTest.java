package dev.myelin.fashion.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.myelin.tensor.Tensor;
import org.junit.jupiter.api.Test;

class LossesTest {
    @Test
    void hingeIsZeroWhenTheTrueClassWinsByTheMargin() {
        Tensor logits = Tensor.of(new float[] {3f, 1.5f, 2f}, 1, 3);
        assertEquals(0f, Losses.multiclassHinge(logits, new int[] {0}).item(), 0f);
    }

    /** Row 0: true class 1 (score 1), worst violator class 2: max(2+1, 1+0, 0.5+1) − 1 = 2. Row 1: 0. */
    @Test
    void hingeValueAndGradientByHand() {
        Tensor logits = Tensor.of(new float[] {0.5f, 1f, 2f, /* row 1 */ 4f, 0f, 2.5f}, 2, 3).requiresGrad(true);
        Tensor loss = Losses.multiclassHinge(logits, new int[] {1, 0});
        assertEquals((2f + 0f) / 2, loss.item(), 1e-6f);
        loss.backward();
        // Row 0: +1 at the violator (class 2), −1 at the true class; averaged over 2 rows. Row 1 holds its
        // margin (4 ≥ 2.5 + 1): the max is the true class itself, so its +1 and −1 cancel.
        assertArrayEquals(new float[] {0f, -0.5f, 0.5f, 0f, 0f, 0f}, logits.grad().toArray(), 1e-6f);
    }

    @Test
    void hingeMatchesFiniteDifferences() {
        float[] values = {0.3f, -1.2f, 0.8f, 0.1f, 2.0f, -0.4f, 0.9f, 1.7f};
        int[] labels = {2, 3};
        Tensor logits = Tensor.of(values.clone(), 2, 4).requiresGrad(true);
        Losses.multiclassHinge(logits, labels).backward();
        float[] grad = logits.grad().toArray();
        float h = 1e-3f;
        for (int i = 0; i < values.length; i++) {
            float[] up = values.clone();
            float[] down = values.clone();
            up[i] += h;
            down[i] -= h;
            float numeric = (Losses.multiclassHinge(Tensor.of(up, 2, 4), labels).item()
                    - Losses.multiclassHinge(Tensor.of(down, 2, 4), labels).item()) / (2 * h);
            assertEquals(numeric, grad[i], 1e-3f, "d loss / d logit " + i);
        }
    }

    @Test
    void onlyTheSvmTrainsOnTheHinge() {
        Tensor logits = Tensor.of(new float[] {0.5f, 1f, 2f}, 1, 3);
        for (ModelPreset preset : ModelPreset.values()) {
            float expected = preset == ModelPreset.SVM ? 2f
                    : dev.myelin.tensor.Functional.crossEntropy(logits, new int[] {1}).item();
            assertEquals(expected, Losses.forPreset(preset).of(logits, new int[] {1}).item(), 1e-6f, preset.toString());
        }
    }
}
