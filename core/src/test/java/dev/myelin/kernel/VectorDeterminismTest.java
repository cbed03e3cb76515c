package dev.myelin.kernel;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.myelin.kernel.BinaryKernels.Op;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The vector path gives the same bits with 1, 2 and 3 threads, on inputs large enough to be split:
 * long sums cut into many blocks, sums and maxima across rows split into column blocks, softmax and
 * cross-entropy split by rows, element-wise runs split into chunks (with a ragged last chunk).
 */
class VectorDeterminismTest {
    private static final SplittableRandom RANDOM = new SplittableRandom(7);

    private static float[] input(int n) {
        return KernelArrays.gaussian(RANDOM, 0, n, 3);
    }

    @Test
    void sums() {
        assumeTrue(VectorSupport.AVAILABLE);
        float[] x = input(1_000_003 + 1);
        VectorTesting.assertSameAcrossThreadCounts("sum of everything", () -> {
            float[] out = new float[1];
            VectorReductionKernels.sum(x, 1, new int[] {1_000_003}, new boolean[] {true}, 1.0, out, 0);
            return out;
        });
        VectorTesting.assertSameAcrossThreadCounts("row sums", () -> {
            float[] out = new float[3];
            VectorReductionKernels.sum(x, 0, new int[] {3, 333_334}, new boolean[] {false, true}, 0.5, out, 0);
            return out;
        });
        VectorTesting.assertSameAcrossThreadCounts("sum over the batch", () -> {
            float[] out = new float[32 * 784];
            VectorReductionKernels.sum(x, 0, new int[] {39, 32 * 784}, new boolean[] {true, false}, 1.0, out, 0);
            return out;
        });
        VectorTesting.assertSameAcrossThreadCounts("sum over batch and pixels", () -> {
            float[] out = new float[32];
            VectorReductionKernels.sum(x, 0, new int[] {39, 32, 784}, new boolean[] {true, false, true}, 1.0, out, 0);
            return out;
        });
        float[] y = input(1_000_003);
        VectorTesting.assertSameAcrossThreadCounts("squared difference",
                () -> new double[] {VectorReductionKernels.sumSquaredDifference(x, 1, y, 0, 1_000_003)});
    }

    @Test
    void maxima() {
        assumeTrue(VectorSupport.AVAILABLE);
        float[] x = input(300 * 1000);
        VectorTesting.assertSameAcrossThreadCounts("row maxima", () -> {
            float[] values = new float[300];
            int[] indices = new int[300];
            VectorReductionKernels.maxAxis(x, 0, 300, 1000, 1, values, 0, indices);
            return new Object[] {values, indices};
        });
        VectorTesting.assertSameAcrossThreadCounts("column maxima", () -> {
            float[] values = new float[3 * 2500];
            int[] indices = new int[3 * 2500];
            VectorReductionKernels.maxAxis(x, 0, 3, 40, 2500, values, 0, indices);
            return new Object[] {values, indices};
        });
    }

    @Test
    void softmaxAndCrossEntropy() {
        assumeTrue(VectorSupport.AVAILABLE);
        int rows = 256;
        int classes = 1000;
        float[] x = input(rows * classes);
        float[] g = input(rows * classes);
        int[] labels = RANDOM.ints(rows, 0, classes).toArray();
        VectorTesting.assertSameAcrossThreadCounts("softmax, log-softmax and their backward", () -> {
            float[] y = new float[rows * classes];
            float[] logY = new float[rows * classes];
            float[] dy = new float[rows * classes];
            float[] dLogY = new float[rows * classes];
            VectorSoftmaxKernels.softmax(x, 0, rows, classes, 1, y, 0);
            VectorSoftmaxKernels.logSoftmax(x, 0, rows, classes, 1, logY, 0);
            VectorSoftmaxKernels.softmaxBackward(y, 0, g, 0, rows, classes, 1, dy, 0);
            VectorSoftmaxKernels.logSoftmaxBackward(logY, 0, g, 0, rows, classes, 1, dLogY, 0);
            return new Object[] {y, logY, dy, dLogY};
        });
        VectorTesting.assertSameAcrossThreadCounts("softmax along a strided axis", () -> {
            float[] y = new float[rows * classes];
            float[] dy = new float[rows * classes];
            VectorSoftmaxKernels.softmax(x, 0, 4, 100, 640, y, 0);
            VectorSoftmaxKernels.logSoftmaxBackward(y, 0, g, 0, 4, 100, 640, dy, 0);
            return new Object[] {y, dy};
        });
        VectorTesting.assertSameAcrossThreadCounts("cross-entropy", () -> {
            float[] logProbs = new float[rows * classes];
            float[] dx = new float[rows * classes];
            double loss = VectorSoftmaxKernels.crossEntropyForward(x, 0, rows, classes, labels, 0.1f, logProbs, 0);
            VectorSoftmaxKernels.crossEntropyBackward(logProbs, 0, rows, classes, labels, 0.1f, 1f / rows, dx, 0);
            return new Object[] {new double[] {loss}, logProbs, dx};
        });
    }

    @Test
    void elementWise() {
        assumeTrue(VectorSupport.AVAILABLE);
        int n = 200_003;
        float[] x = input(n);
        float[] b = input(n);
        VectorTesting.assertSameAcrossThreadCounts("element-wise", () -> {
            float[] gelu = new float[n];
            float[] exp = new float[n];
            float[] sum = new float[n];
            float[] bias = new float[n];
            VectorUnaryKernels.gelu(x, 0, gelu, 0, n);
            VectorUnaryKernels.exp(x, 0, exp, 0, n);
            VectorBinaryKernels.apply(Op.ADD, x, 0, 1, b, 0, 1, sum, 0, n);
            VectorBinaryKernels.apply(Op.MUL, x, 0, 1, b, 5, 0, bias, 0, n);
            return new Object[] {gelu, exp, sum, bias};
        });
    }
}
