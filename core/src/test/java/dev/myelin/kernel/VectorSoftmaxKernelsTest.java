package dev.myelin.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.SplittableRandom;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * {@link VectorSoftmaxKernels} held to {@link ScalarSoftmaxKernels} on random {@code (outer, n, inner)}
 * layouts (n up to 300, so rows with vector tails of every length) and cross-entropy problems.
 *
 * <p>Tolerances, from the vector path's float arithmetic against the twin's double:
 * <ul>
 *   <li>softmax: 4 ulp: exp is within 1 ulp, the exact difference {@code x - max} is restored by
 *       two-sum, and the sum's inverse and the product are each rounded once;</li>
 *   <li>log-softmax: 1 ulp plus 2e-7: the log-sum-exp comes from exponentials within 1 ulp, so it is
 *       off by up to 1.2e-7 absolute, then {@code x - shift} is rounded;</li>
 *   <li>softmax backward: 3 ulp: {@code (g - hi) - lo} rounds twice, the product once;</li>
 *   <li>log-softmax backward and cross-entropy backward: per element, 1 ulp plus 2^-22 of the product
 *       they subtract ({@code e^y Σg}, or the larger of p and the target, times the scale): that
 *       product comes from a float exp within 1 ulp and a sum rounded to float;</li>
 *   <li>cross-entropy loss: each log-probability is off by at most 2e-7 + 1 ulp, so the total by
 *       {@code rows · 2e-7 + 2^-22 Σ|log p|}.</li>
 * </ul>
 */
class VectorSoftmaxKernelsTest {
    @Property(tries = 200)
    void axisKernelsMatch(@ForAll long seed, @ForAll @IntRange(min = 1, max = 5) int outer,
            @ForAll @IntRange(min = 1, max = 300) int n, @ForAll @IntRange(min = 1, max = 21) int inner) {
        Assume.that(VectorSupport.AVAILABLE);
        SplittableRandom r = new SplittableRandom(seed);
        int size = outer * n * inner;
        int offset = r.nextInt(3);
        float[] x = KernelArrays.gaussian(r, offset, size, 5);
        float[] g = KernelArrays.gaussian(r, offset, size, 1);

        float[] expected = new float[size];
        float[] actual = new float[size];
        ScalarSoftmaxKernels.softmax(x, offset, outer, n, inner, expected, 0);
        VectorSoftmaxKernels.softmax(x, offset, outer, n, inner, actual, 0);
        VectorTesting.assertClose("softmax", expected, actual, 4, 0);
        float[] y = expected.clone();

        ScalarSoftmaxKernels.softmaxBackward(y, 0, g, offset, outer, n, inner, expected, 0);
        VectorSoftmaxKernels.softmaxBackward(y, 0, g, offset, outer, n, inner, actual, 0);
        VectorTesting.assertClose("softmaxBackward", expected, actual, 3, 0);

        ScalarSoftmaxKernels.logSoftmax(x, offset, outer, n, inner, expected, 0);
        VectorSoftmaxKernels.logSoftmax(x, offset, outer, n, inner, actual, 0);
        VectorTesting.assertClose("logSoftmax", expected, actual, 1, 2e-7);
        float[] logY = expected.clone();

        ScalarSoftmaxKernels.logSoftmaxBackward(logY, 0, g, offset, outer, n, inner, expected, 0);
        VectorSoftmaxKernels.logSoftmaxBackward(logY, 0, g, offset, outer, n, inner, actual, 0);
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                double total = 0;
                for (int k = 0; k < n; k++) {
                    total += g[offset + (o * n + k) * inner + i];
                }
                for (int k = 0; k < n; k++) {
                    int j = (o * n + k) * inner + i;
                    double bound = Math.ulp(expected[j]) + 0x1p-22 * Math.abs(Math.exp(logY[j]) * total);
                    check("logSoftmaxBackward", j, expected[j], actual[j], bound);
                }
            }
        }
    }

    @Property(tries = 200)
    void crossEntropyMatches(@ForAll long seed, @ForAll @IntRange(min = 1, max = 17) int rows,
            @ForAll @IntRange(min = 1, max = 300) int classes) {
        Assume.that(VectorSupport.AVAILABLE);
        SplittableRandom r = new SplittableRandom(seed);
        int offset = r.nextInt(3);
        float[] logits = KernelArrays.gaussian(r, offset, rows * classes, 4);
        int[] labels = r.ints(rows, 0, classes).toArray();
        float smoothing = switch (r.nextInt(3)) {
            case 0 -> 0f;
            case 1 -> 1f;
            default -> (float) r.nextDouble();
        };
        float[] expectedLog = new float[rows * classes];
        float[] actualLog = new float[rows * classes];
        double expected = ScalarSoftmaxKernels.crossEntropyForward(logits, offset, rows, classes, labels, smoothing, expectedLog, 0);
        double actual = VectorSoftmaxKernels.crossEntropyForward(logits, offset, rows, classes, labels, smoothing, actualLog, 0);
        VectorTesting.assertClose("logProbs", expectedLog, actualLog, 1, 2e-7);
        double absLog = 0;
        for (float v : expectedLog) {
            absLog += Math.abs(v);
        }
        assertEquals(expected, actual, rows * 2e-7 + 0x1p-22 * absLog, "loss");

        float scale = 1f / rows;
        float[] expectedGrad = new float[rows * classes + 1];
        float[] actualGrad = new float[rows * classes + 1];
        ScalarSoftmaxKernels.crossEntropyBackward(expectedLog, 0, rows, classes, labels, smoothing, scale, expectedGrad, 1);
        VectorSoftmaxKernels.crossEntropyBackward(expectedLog, 0, rows, classes, labels, smoothing, scale, actualGrad, 1);
        for (int j = 0; j < rows * classes; j++) {
            double bound = Math.ulp(expectedGrad[j + 1]) + 0x1p-22 * scale;
            check("crossEntropyBackward", j, expectedGrad[j + 1], actualGrad[j + 1], bound);
        }
    }

    private static void check(String what, int j, float expected, float actual, double bound) {
        if (!(Math.abs((double) actual - expected) <= bound)) {
            fail(what + ": element " + j + " expected " + expected + " but was " + actual + " (bound " + bound + ")");
        }
    }
}
