package dev.myelin.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * {@link ScalarSoftmaxKernels} held to {@link SoftmaxReference} on random {@code (outer, n, inner)} layouts
 * and cross-entropy problems, with input offsets. Both compute in double and round once; the kernel
 * only reorders work across rows, so they agree to float rounding.
 */
class SoftmaxKernelsTest {
    @Property(tries = 200)
    void axisKernelsMatchReference(@ForAll long seed, @ForAll @IntRange(min = 1, max = 13) int outer,
            @ForAll @IntRange(min = 1, max = 17) int n, @ForAll @IntRange(min = 1, max = 13) int inner) {
        SplittableRandom r = new SplittableRandom(seed);
        int size = outer * n * inner;
        int offset = r.nextInt(3);
        float[] x = KernelArrays.gaussian(r, offset, size, 5);
        float[] g = KernelArrays.gaussian(r, offset, size, 1);

        float[] fast = new float[size];
        float[] slow = new float[size];
        ScalarSoftmaxKernels.softmax(x, offset, outer, n, inner, fast, 0);
        SoftmaxReference.softmax(x, offset, outer, n, inner, slow, 0);
        KernelArrays.assertClose("softmax", slow, fast, 1e-8, 1e-6);
        float[] y = slow;

        float[] fastGrad = new float[size];
        float[] slowGrad = new float[size];
        ScalarSoftmaxKernels.softmaxBackward(y, 0, g, offset, outer, n, inner, fastGrad, 0);
        SoftmaxReference.softmaxBackward(y, 0, g, offset, outer, n, inner, slowGrad, 0);
        KernelArrays.assertClose("softmaxBackward", slowGrad, fastGrad, 1e-7, 1e-6);

        float[] fastLog = new float[size];
        float[] slowLog = new float[size];
        ScalarSoftmaxKernels.logSoftmax(x, offset, outer, n, inner, fastLog, 0);
        SoftmaxReference.logSoftmax(x, offset, outer, n, inner, slowLog, 0);
        KernelArrays.assertClose("logSoftmax", slowLog, fastLog, 1e-6, 1e-6);

        ScalarSoftmaxKernels.logSoftmaxBackward(slowLog, 0, g, offset, outer, n, inner, fastGrad, 0);
        SoftmaxReference.logSoftmaxBackward(slowLog, 0, g, offset, outer, n, inner, slowGrad, 0);
        KernelArrays.assertClose("logSoftmaxBackward", slowGrad, fastGrad, 1e-6, 1e-6);
    }

    @Property(tries = 200)
    void crossEntropyMatchesReference(@ForAll long seed, @ForAll @IntRange(min = 1, max = 17) int rows,
            @ForAll @IntRange(min = 1, max = 17) int classes) {
        SplittableRandom r = new SplittableRandom(seed);
        int offset = r.nextInt(3);
        float[] logits = KernelArrays.gaussian(r, offset, rows * classes, 4);
        int[] labels = r.ints(rows, 0, classes).toArray();
        float smoothing = switch (r.nextInt(3)) {
            case 0 -> 0f;
            case 1 -> 1f;
            default -> (float) r.nextDouble();
        };
        float[] fastLog = new float[rows * classes];
        float[] slowLog = new float[rows * classes];
        double fast = ScalarSoftmaxKernels.crossEntropyForward(logits, offset, rows, classes, labels, smoothing, fastLog, 0);
        double slow = SoftmaxReference.crossEntropyForward(logits, offset, rows, classes, labels, smoothing, slowLog, 0);
        assertEquals(slow, fast, 1e-9 + 1e-9 * Math.abs(slow));
        KernelArrays.assertClose("logProbs", slowLog, fastLog, 0, 0);

        float[] fastGrad = new float[rows * classes];
        float[] slowGrad = new float[rows * classes];
        ScalarSoftmaxKernels.crossEntropyBackward(slowLog, 0, rows, classes, labels, smoothing, 1f / rows, fastGrad, 0);
        SoftmaxReference.crossEntropyBackward(slowLog, 0, rows, classes, labels, smoothing, 1f / rows, slowGrad, 0);
        KernelArrays.assertClose("crossEntropyBackward", slowGrad, fastGrad, 1e-8, 1e-6);
    }
}
