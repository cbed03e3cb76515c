package dev.myelin.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * {@link Functional#batchNorm}: forward against a naive double reference, the running-statistics rule,
 * evaluation mode, gradients and errors.
 *
 * <p>Tolerances: the op computes statistics in double and each output element in double, rounded once,
 * so it agrees with the double reference to a few float ulps of {@code |y|}, which is at most about
 * {@code sqrt(m)·|weight| + |bias| ≲ 20} here: {@code atol 1e-5, rtol 1e-5} leaves a wide margin and
 * still catches a biased/unbiased mix-up (a relative change of {@code 1/(2m) ≥ 1e-3}).
 */
class BatchNormOpTest {
    /** Per-channel mean and biased variance of an {@code (N, C, *)} tensor, in double. */
    static double[][] naiveStats(Tensor x) {
        int n = x.dim(0);
        int c = x.dim(1);
        int s = x.size() / (n * c);
        double[] mean = new double[c];
        double[] var = new double[c];
        float[] v = x.toArray();
        for (int ch = 0; ch < c; ch++) {
            double sum = 0;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < s; j++) {
                    sum += v[(i * c + ch) * s + j];
                }
            }
            mean[ch] = sum / (n * s);
            double sq = 0;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < s; j++) {
                    double d = v[(i * c + ch) * s + j] - mean[ch];
                    sq += d * d;
                }
            }
            var[ch] = sq / (n * s);
        }
        return new double[][] {mean, var};
    }

    /** {@code (x - mean) / sqrt(var + eps) · w + b} per channel, in double. */
    static Tensor naiveNormalize(Tensor x, double[] mean, double[] var, Tensor w, Tensor b, double eps) {
        int n = x.dim(0);
        int c = x.dim(1);
        int s = x.size() / (n * c);
        float[] v = x.toArray();
        float[] y = new float[v.length];
        for (int i = 0; i < n; i++) {
            for (int ch = 0; ch < c; ch++) {
                double scale = (w == null ? 1.0 : w.get(ch)) / Math.sqrt(var[ch] + eps);
                double shift = b == null ? 0.0 : b.get(ch);
                for (int j = 0; j < s; j++) {
                    int at = (i * c + ch) * s + j;
                    y[at] = (float) ((v[at] - mean[ch]) * scale + shift);
                }
            }
        }
        return Tensor.of(y, x.dims());
    }

    private static int[] randomShape(Generator g, int rank) {
        int[] dims = new int[rank];
        do {
            for (int i = 0; i < rank; i++) {
                dims[i] = 1 + g.nextInt(i == 1 ? 6 : 5);
            }
        } while (dims[0] * (rank > 2 ? dims[2] : 1) * (rank > 3 ? dims[3] : 1) < 2);
        return dims;
    }

    @Property(tries = 150)
    void trainingForwardMatchesNaiveReference(@ForAll long seed, @ForAll @IntRange(min = 2, max = 4) int rank) {
        Generator g = new Generator(seed);
        int[] shape = randomShape(g, rank);
        int c = shape[1];
        float offset = (float) (g.nextGaussian() * 10);
        Tensor x = Tensor.randn(g, shape).mul((float) (0.1 + 3 * g.nextDouble())).add(offset);
        Tensor w = g.nextInt(4) == 0 ? null : Tensor.randn(g, c);
        Tensor b = g.nextInt(4) == 0 ? null : Tensor.randn(g, c);
        double eps = g.nextInt(2) == 0 ? 1e-5 : 1e-3;
        double[][] stats = naiveStats(x);
        Tensor expected = naiveNormalize(x, stats[0], stats[1], w, b, eps);
        Tensor actual = Functional.batchNorm(x, null, null, w, b, true, 0.1, eps);
        Tensors.assertClose(expected, actual, 1e-5, 1e-5);
    }

    @Property(tries = 50)
    void runningStatisticsFollowPyTorchsRuleOverSeveralSteps(@ForAll long seed) {
        Generator g = new Generator(seed);
        int[] shape = randomShape(g, 2 + g.nextInt(3));
        int c = shape[1];
        int m = shape[0] * (shape.length > 2 ? shape[2] : 1) * (shape.length > 3 ? shape[3] : 1);
        double momentum = g.nextInt(2) == 0 ? 0.1 : g.nextDouble();
        Tensor runningMean = Tensor.zeros(c);
        Tensor runningVar = Tensor.ones(c);
        double[] expectedMean = new double[c];
        double[] expectedVar = new double[c];
        Arrays.fill(expectedVar, 1.0);
        for (int step = 0; step < 5; step++) {
            Tensor x = Tensor.randn(g, shape).mul(2f).add(step);
            double[][] stats = naiveStats(x);
            Functional.batchNorm(x, runningMean, runningVar, null, null, true, momentum, 1e-5);
            for (int ch = 0; ch < c; ch++) {
                expectedMean[ch] = (1 - momentum) * expectedMean[ch] + momentum * stats[0][ch];
                expectedVar[ch] = (1 - momentum) * expectedVar[ch] + momentum * stats[1][ch] * m / (m - 1);
                assertEquals(expectedMean[ch], runningMean.get(ch), 1e-5 + 1e-5 * Math.abs(expectedMean[ch]),
                        "running mean of channel " + ch + " after step " + step);
                assertEquals(expectedVar[ch], runningVar.get(ch), 1e-5 * expectedVar[ch],
                        "running variance of channel " + ch + " after step " + step);
            }
        }
    }

    /**
     * With small integers every batch statistic is exact in double, so the update must be bit-for-bit
     * {@code (float) (momentum·stat + (1 - momentum)·running)} evaluated in double, PyTorch's CPU rule
     * (its momentum and accumulator are doubles).
     */
    @Test
    void runningStatisticsUpdateIsBitExact() {
        // Two channels, m = 4 values each: channel 0 {1, 2, 4, 7}, channel 1 {0, 0, 3, -3}.
        Tensor x = Tensor.of(new float[] {1, 2, 0, 0, 4, 7, 3, -3}, 2, 2, 2);
        Tensor runningMean = Tensor.of(new float[] {0.3f, -1.7f});
        Tensor runningVar = Tensor.of(new float[] {1.1f, 0.9f});
        double[] mean = {3.5, 0};
        double[] unbiased = {(6.25 + 2.25 + 0.25 + 12.25) / 3, 18.0 / 3};
        for (int step = 0; step < 3; step++) {
            float[] m0 = runningMean.toArray();
            float[] v0 = runningVar.toArray();
            Functional.batchNorm(x, runningMean, runningVar, null, null, true, 0.1, 1e-5);
            for (int ch = 0; ch < 2; ch++) {
                assertEquals((float) (0.1 * mean[ch] + (1 - 0.1) * m0[ch]), runningMean.get(ch));
                assertEquals((float) (0.1 * unbiased[ch] + (1 - 0.1) * v0[ch]), runningVar.get(ch));
            }
        }
    }

    @Test
    void evaluationUsesRunningStatisticsAndLeavesThemAlone() {
        Generator g = new Generator(5);
        Tensor x = Tensor.randn(g, 3, 4, 2, 5);
        Tensor runningMean = Tensor.randn(g, 4);
        Tensor runningVar = Tensor.rand(g, 4).add(0.5f);
        Tensor w = Tensor.randn(g, 4);
        Tensor b = Tensor.randn(g, 4);
        Tensor meanBefore = runningMean.copy();
        Tensor varBefore = runningVar.copy();
        double[] mean = new double[4];
        double[] var = new double[4];
        for (int ch = 0; ch < 4; ch++) {
            mean[ch] = runningMean.get(ch);
            var[ch] = runningVar.get(ch);
        }
        Tensor y = Functional.batchNorm(x, runningMean, runningVar, w, b, false, 0.1, 1e-5);
        Tensors.assertClose(naiveNormalize(x, mean, var, w, b, 1e-5), y, 1e-5, 1e-5);
        assertTrue(meanBefore.contentEquals(runningMean) && varBefore.contentEquals(runningVar));
        // A single sample is fine in evaluation.
        Tensor one = Tensor.randn(g, 1, 4);
        Functional.batchNorm(one, runningMean, runningVar, null, null, false, 0.1, 1e-5);
    }

    /**
     * Central differences through the batch statistics. The loss {@code Σ y·R} has terms of order 1, so
     * GradCheck's default tolerances (justified there) apply; the inputs have per-channel spread of
     * order 1, so {@code 1/σ} has no steep curvature at the step {@code h = 1e-2}.
     */
    @Test
    void trainingGradientsForInputWeightAndBias() {
        Generator g = new Generator(11);
        Tensor x = Tensor.randn(g, 4, 3, 2, 2).add(1.5f);
        Tensor w = Tensor.randn(g, 3);
        Tensor b = Tensor.randn(g, 3);
        Tensor runningMean = Tensor.zeros(3);
        Tensor runningVar = Tensor.ones(3);
        GradCheck.check(in -> Functional.batchNorm(in[0], runningMean, runningVar, in[1], in[2], true, 0.1, 1e-5),
                x, w, b);
    }

    @Test
    void trainingGradientsForTwoAndThreeDimensionalInputs() {
        Generator g = new Generator(12);
        Tensor x2 = Tensor.randn(g, 6, 3);
        Tensor w = Tensor.randn(g, 3);
        Tensor b = Tensor.randn(g, 3);
        GradCheck.check(in -> Functional.batchNorm(in[0], null, null, in[1], in[2], true, 0.1, 1e-5), x2, w, b);
        Tensor x3 = Tensor.randn(g, 3, 3, 4);
        GradCheck.check(in -> Functional.batchNorm(in[0], null, null, in[1], in[2], true, 0.1, 1e-5), x3, w, b);
    }

    @Test
    void trainingGradientWithoutAffineParameters() {
        Tensor x = Tensor.randn(new Generator(13), 5, 2, 3);
        GradCheck.check(in -> Functional.batchNorm(in[0], null, null, null, null, true, 0.1, 1e-5), x);
    }

    @Test
    void evaluationGradientsForInputWeightAndBias() {
        Generator g = new Generator(14);
        Tensor x = Tensor.randn(g, 2, 3, 3, 2);
        Tensor w = Tensor.randn(g, 3);
        Tensor b = Tensor.randn(g, 3);
        Tensor runningMean = Tensor.randn(g, 3);
        Tensor runningVar = Tensor.rand(g, 3).add(0.5f);
        GradCheck.check(in -> Functional.batchNorm(in[0], runningMean, runningVar, in[1], in[2], false, 0.1, 1e-5),
                x, w, b);
    }

    /** In training the output of each channel has zero mean whatever x, so the input gradient sums to zero per channel. */
    @Test
    void trainingInputGradientSumsToZeroPerChannel() {
        Generator g = new Generator(15);
        Tensor x = Tensor.randn(g, 8, 3, 4).requiresGrad(true);
        Tensor w = Tensor.randn(g, 3);
        Functional.batchNorm(x, null, null, w, null, true, 0.1, 1e-5).backward(Tensor.randn(g, 8, 3, 4));
        double[] sums = new double[3];
        for (int i = 0; i < 8; i++) {
            for (int ch = 0; ch < 3; ch++) {
                for (int j = 0; j < 4; j++) {
                    sums[ch] += x.grad().get(i, ch, j);
                }
            }
        }
        for (double s : sums) {
            assertEquals(0.0, s, 1e-5);
        }
    }

    @Test
    void errorsNameTheProblem() {
        Tensor x = Tensor.zeros(4, 3, 2);
        var rank = assertThrows(IllegalArgumentException.class,
                () -> Functional.batchNorm(Tensor.zeros(5), null, null, null, null, true, 0.1, 1e-5));
        assertTrue(rank.getMessage().contains("(N, C, *)") && rank.getMessage().contains("[5]"), rank.getMessage());
        var weight = assertThrows(IllegalArgumentException.class,
                () -> Functional.batchNorm(x, null, null, Tensor.ones(4), null, true, 0.1, 1e-5));
        assertTrue(weight.getMessage().contains("weight") && weight.getMessage().contains("[3]")
                && weight.getMessage().contains("[4]"), weight.getMessage());
        var running = assertThrows(IllegalArgumentException.class,
                () -> Functional.batchNorm(x, Tensor.zeros(2), Tensor.ones(3), null, null, false, 0.1, 1e-5));
        assertTrue(running.getMessage().contains("running mean"), running.getMessage());
        var eval = assertThrows(IllegalArgumentException.class,
                () -> Functional.batchNorm(x, null, null, null, null, false, 0.1, 1e-5));
        assertTrue(eval.getMessage().contains("evaluation"), eval.getMessage());
        var single = assertThrows(IllegalArgumentException.class,
                () -> Functional.batchNorm(Tensor.zeros(1, 3), null, null, null, null, true, 0.1, 1e-5));
        assertTrue(single.getMessage().contains("more than 1 value per channel")
                && single.getMessage().contains("[1, 3]"), single.getMessage());
        var grad = assertThrows(IllegalArgumentException.class,
                () -> Functional.batchNorm(x, Tensor.zeros(3).requiresGrad(true), null, null, null, true, 0.1, 1e-5));
        assertTrue(grad.getMessage().contains("in place"), grad.getMessage());
    }
}
