package dev.myelin.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@link Functional#dropout}: statistics, scaling, reproducibility, evaluation mode and gradients. */
class DropoutTest {
    @Test
    void dropsAboutAFractionPAndScalesSurvivors() {
        int n = 200_000;
        float p = 0.3f;
        Tensor y = Functional.dropout(Tensor.ones(n), p, true, new Generator(7));
        int dropped = 0;
        for (float v : y.toArray()) {
            if (v == 0f) {
                dropped++;
            } else {
                assertEquals(1f / (1f - p), v, 1e-6f);
            }
        }
        // The fraction is binomial with standard deviation sqrt(0.3*0.7/n) ~ 0.001; allow five of them.
        assertEquals(p, dropped / (double) n, 0.005);
    }

    @Test
    void keepsTheMeanOnAverage() {
        Tensor y = Functional.dropout(Tensor.ones(200_000), 0.5f, true, new Generator(8));
        double sum = 0;
        for (float v : y.toArray()) {
            sum += v;
        }
        assertEquals(1.0, sum / y.size(), 0.01);
    }

    @Test
    void sameSeedGivesTheSameMaskAndADifferentSeedAnother() {
        Tensor x = Tensor.randn(new Generator(1), 4, 50);
        Tensor a = Functional.dropout(x, 0.5f, true, new Generator(99));
        Tensor b = Functional.dropout(x, 0.5f, true, new Generator(99));
        Tensor c = Functional.dropout(x, 0.5f, true, new Generator(100));
        assertTrue(a.contentEquals(b));
        assertFalse(a.contentEquals(c));
    }

    @Test
    void drawsOneNumberPerElementInRowMajorOrder() {
        Generator used = new Generator(5);
        Tensor y = Functional.dropout(Tensor.ones(2, 3), 0.5f, true, used);
        Generator replay = new Generator(5);
        for (int i = 0; i < 6; i++) {
            assertEquals(replay.nextFloat() < 0.5f ? 0f : 2f, y.toArray()[i]);
        }
        assertEquals(replay.nextLong(), used.nextLong());
    }

    @Test
    void isTheIdentityInEvaluationOrWithPZero() {
        Tensor x = Tensor.randn(new Generator(2), 3, 4);
        assertTrue(x.contentEquals(Functional.dropout(x, 0.5f, false, new Generator(3))));
        assertTrue(x.contentEquals(Functional.dropout(x, 0.5f, false, null)));
        assertTrue(x.contentEquals(Functional.dropout(x, 0f, true, new Generator(3))));
    }

    @Test
    void pOneDropsEverything() {
        Tensor x = Tensor.randn(new Generator(4), 3, 4).requiresGrad(true);
        Tensor y = Functional.dropout(x, 1f, true, new Generator(5));
        y.backward(Tensor.ones(3, 4));
        for (int i = 0; i < 12; i++) {
            // == rather than assertEquals: a negative input times the zero mask is -0.0, as in PyTorch.
            assertTrue(y.toArray()[i] == 0f && x.grad().toArray()[i] == 0f, "element " + i);
        }
    }

    @Test
    void gradientIsTheScaledMask() {
        Tensor x = Tensor.ones(10, 10).requiresGrad(true);
        Tensor y = Functional.dropout(x, 0.4f, true, new Generator(6));
        y.backward(Tensor.ones(10, 10));
        // With x all ones the output is the mask itself.
        assertArrayEquals(y.toArray(), x.grad().toArray());
    }

    @Test
    void rejectsProbabilitiesOutsideZeroToOne() {
        Tensor x = Tensor.ones(3);
        for (float p : new float[] {-0.1f, 1.5f, Float.NaN}) {
            String message = assertThrows(IllegalArgumentException.class,
                    () -> Functional.dropout(x, p, true, new Generator(1))).getMessage();
            assertTrue(message.contains("dropout") && message.contains(String.valueOf(p)), message);
        }
    }

    @Test
    void trainingNeedsAGenerator() {
        String message = assertThrows(IllegalArgumentException.class,
                () -> Functional.dropout(Tensor.ones(3), 0.5f, true, null)).getMessage();
        assertTrue(message.contains("dropout") && message.contains("Generator"), message);
    }

    @Test
    void gradCheckInTraining() {
        // A fresh generator with the same seed on every call keeps the mask fixed across evaluations.
        GradCheck.check(in -> Functional.dropout(in[0], 0.3f, true, new Generator(77)),
                Tensor.randn(new Generator(9), 3, 4, 5));
    }
}
