package dev.myelin.benchmarks;

import dev.myelin.kernel.Gemm;
import dev.myelin.kernel.Matrix;
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
 * A dense layer on a handful of images, as a server answering one request at a time runs it: GEMM,
 * which packs the whole weight matrix on every call, against one dot product per output
 * ({@link Gemm#rowDots}), which reads the weights once in place. One thread. {@code Dense.forward}
 * chooses between them by the row count this measures.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class DenseInferenceBenchmark {
    /** {@code in x out}: the cnn's first dense layer, the vgg's, and a classifier head. */
    @Param({"3136x128", "1152x128", "128x10"})
    public String layer;

    @Param({"1", "2", "4", "8", "16"})
    public int rows;

    @Param({"gemm", "rowdots"})
    public String path;

    private int in;
    private int out;
    private float[] x;
    private float[] w;
    private float[] y;

    @Setup
    public void setup() {
        Parallel.setThreads(1);
        String[] parts = layer.split("x");
        in = Integer.parseInt(parts[0]);
        out = Integer.parseInt(parts[1]);
        SplittableRandom r = new SplittableRandom(1);
        x = new float[rows * in];
        w = new float[out * in];
        y = new float[rows * out];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextDouble(-1, 1);
        }
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) r.nextDouble(-1, 1);
        }
    }

    @Benchmark
    public float[] forward() {
        if (path.equals("gemm")) {
            Gemm.sgemm(rows, out, in, Matrix.of(x, 0, in), Matrix.of(w, 0, in).transpose(), Matrix.of(y, 0, out), false);
        } else {
            Gemm.rowDots(rows, out, in, Matrix.of(x, 0, in), Matrix.of(w, 0, in).transpose(), Matrix.of(y, 0, out));
        }
        return y;
    }
}
