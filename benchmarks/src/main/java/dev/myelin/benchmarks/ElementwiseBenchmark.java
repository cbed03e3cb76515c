package dev.myelin.benchmarks;

import dev.myelin.kernel.BinaryKernels;
import dev.myelin.kernel.ReductionKernels;
import dev.myelin.kernel.ScalarBinaryKernels;
import dev.myelin.kernel.ScalarReductionKernels;
import dev.myelin.kernel.ScalarSoftmaxKernels;
import dev.myelin.kernel.ScalarUnaryKernels;
import dev.myelin.kernel.SoftmaxKernels;
import dev.myelin.kernel.UnaryKernels;
import dev.myelin.kernel.VectorSupport;
import dev.myelin.parallel.Parallel;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The element-wise, reduction and softmax kernels on the shapes of the reference CNN and a large
 * classifier head: ReLU forward and backward on a conv activation (64x32x28x28), a bias added along
 * rows of 784 (a stride-0 run per row), softmax and cross-entropy forward and backward on 64x10 and
 * 256x1000 logits, a sum and a GELU over 1M floats. {@code path} picks the scalar twins (one thread)
 * or the Vector API path on 1 or 2 threads, so the vector/scalar ratio comes from one run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class ElementwiseBenchmark {
    private static final int ACTIVATIONS = 64 * 32 * 28 * 28;
    private static final int CHANNELS = 32;
    private static final int PIXELS = 784;
    private static final int MILLION = 1 << 20;

    /** {@code scalar} (the scalar twins, 1 thread), {@code vector-1} or {@code vector-2} (threads). */
    @Param({"scalar", "vector-1", "vector-2"})
    public String path;

    private boolean scalar;
    private float[] x;
    private float[] g;
    private float[] out;
    private float[] bias;
    private float[] small;
    private float[] smallOut;
    private float[] smallGrad;
    private int[] smallLabels;
    private float[] large;
    private float[] largeOut;
    private float[] largeGrad;
    private int[] largeLabels;

    @Setup
    public void setup() {
        scalar = path.equals("scalar");
        if (!scalar && !VectorSupport.AVAILABLE) {
            throw new IllegalStateException("the vector path needs --add-modules jdk.incubator.vector");
        }
        SplittableRandom r = new SplittableRandom(1);
        x = random(r, ACTIVATIONS, 2);
        g = random(r, ACTIVATIONS, 1);
        out = new float[ACTIVATIONS];
        bias = random(r, CHANNELS, 1);
        small = random(r, 64 * 10, 3);
        smallOut = new float[64 * 10];
        smallGrad = new float[64 * 10];
        smallLabels = r.ints(64, 0, 10).toArray();
        large = random(r, 256 * 1000, 3);
        largeOut = new float[256 * 1000];
        largeGrad = new float[256 * 1000];
        largeLabels = r.ints(256, 0, 1000).toArray();
        Parallel.setThreads(path.equals("vector-2") ? 2 : 1);
    }

    private static float[] random(SplittableRandom r, int n, double scale) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) (r.nextDouble(-1, 1) * scale);
        }
        return a;
    }

    @Benchmark
    public float[] reluForwardBackward() {
        if (scalar) {
            ScalarUnaryKernels.relu(x, 0, out, 0, ACTIVATIONS);
            ScalarUnaryKernels.reluBackward(x, 0, g, 0, out, 0, ACTIVATIONS);
        } else {
            UnaryKernels.relu(x, 0, out, 0, ACTIVATIONS);
            UnaryKernels.reluBackward(x, 0, g, 0, out, 0, ACTIVATIONS);
        }
        return out;
    }

    /** (64, 32, 784) + bias (32, 1): one stride-0 run of 784 per row, as tensor broadcasting calls it. */
    @Benchmark
    public float[] biasAdd() {
        for (int row = 0; row < 64 * CHANNELS; row++) {
            int at = row * PIXELS;
            if (scalar) {
                ScalarBinaryKernels.apply(BinaryKernels.Op.ADD, x, at, 1, bias, row % CHANNELS, 0, out, at, PIXELS);
            } else {
                BinaryKernels.apply(BinaryKernels.Op.ADD, x, at, 1, bias, row % CHANNELS, 0, out, at, PIXELS);
            }
        }
        return out;
    }

    /** The whole activation plus another of the same shape: one contiguous run. */
    @Benchmark
    public float[] add() {
        if (scalar) {
            ScalarBinaryKernels.apply(BinaryKernels.Op.ADD, x, 0, 1, g, 0, 1, out, 0, ACTIVATIONS);
        } else {
            BinaryKernels.apply(BinaryKernels.Op.ADD, x, 0, 1, g, 0, 1, out, 0, ACTIVATIONS);
        }
        return out;
    }

    @Benchmark
    public double softmaxCrossEntropy64x10() {
        return softmaxCrossEntropy(small, 64, 10, smallLabels, smallOut, smallGrad);
    }

    @Benchmark
    public double softmaxCrossEntropy256x1000() {
        return softmaxCrossEntropy(large, 256, 1000, largeLabels, largeOut, largeGrad);
    }

    /** Softmax forward and backward, then cross-entropy forward and backward, over the same logits. */
    private double softmaxCrossEntropy(float[] logits, int rows, int classes, int[] labels, float[] y, float[] dx) {
        if (scalar) {
            ScalarSoftmaxKernels.softmax(logits, 0, rows, classes, 1, y, 0);
            ScalarSoftmaxKernels.softmaxBackward(y, 0, logits, 0, rows, classes, 1, dx, 0);
            double loss = ScalarSoftmaxKernels.crossEntropyForward(logits, 0, rows, classes, labels, 0.1f, y, 0);
            ScalarSoftmaxKernels.crossEntropyBackward(y, 0, rows, classes, labels, 0.1f, 1f / rows, dx, 0);
            return loss;
        }
        SoftmaxKernels.softmax(logits, 0, rows, classes, 1, y, 0);
        SoftmaxKernels.softmaxBackward(y, 0, logits, 0, rows, classes, 1, dx, 0);
        double loss = SoftmaxKernels.crossEntropyForward(logits, 0, rows, classes, labels, 0.1f, y, 0);
        SoftmaxKernels.crossEntropyBackward(y, 0, rows, classes, labels, 0.1f, 1f / rows, dx, 0);
        return loss;
    }

    @Benchmark
    public float[] sum1M() {
        int[] dims = {MILLION};
        boolean[] reduced = {true};
        if (scalar) {
            ScalarReductionKernels.sum(x, 0, dims, reduced, 1.0, out, 0);
        } else {
            ReductionKernels.sum(x, 0, dims, reduced, 1.0, out, 0);
        }
        return out;
    }

    @Benchmark
    public float[] gelu1M() {
        if (scalar) {
            ScalarUnaryKernels.gelu(x, 0, out, 0, MILLION);
        } else {
            UnaryKernels.gelu(x, 0, out, 0, MILLION);
        }
        return out;
    }

    @Benchmark
    public float[] geluBackward1M() {
        if (scalar) {
            ScalarUnaryKernels.geluBackward(x, 0, g, 0, out, 0, MILLION);
        } else {
            UnaryKernels.geluBackward(x, 0, g, 0, out, 0, MILLION);
        }
        return out;
    }
}
