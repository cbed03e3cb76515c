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
 * SGEMM on the shapes that matter: a square reference and the GEMMs of the reference CNN
 * ({@code M x K x N}: 256x784x128 and 64x3136x128 are dense layers, 50176x9x32 and 12544x288x64 are
 * the two convolutions at batch 64 as im2col GEMMs). Reported as time per call; GFLOP/s is
 * {@code 2MNK / time}, which {@code BenchmarkReport} derives.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class GemmBenchmark {
    @Param({"1024x1024x1024", "256x784x128", "64x3136x128", "50176x9x32", "12544x288x64"})
    public String shape;

    /** {@code scalar} (1 thread), {@code vector-1} or {@code vector-2} (threads). */
    @Param({"scalar", "vector-1", "vector-2"})
    public String path;

    private int m;
    private int k;
    private int n;
    private float[] a;
    private float[] b;
    private float[] c;

    @Setup
    public void setup() {
        String[] parts = shape.split("x");
        m = Integer.parseInt(parts[0]);
        k = Integer.parseInt(parts[1]);
        n = Integer.parseInt(parts[2]);
        SplittableRandom r = new SplittableRandom(1);
        a = new float[m * k];
        b = new float[k * n];
        c = new float[m * n];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) r.nextDouble(-1, 1);
        }
        for (int i = 0; i < b.length; i++) {
            b[i] = (float) r.nextDouble(-1, 1);
        }
        Parallel.setThreads(path.equals("vector-2") ? 2 : 1);
    }

    @Benchmark
    public float[] sgemm() {
        if (path.equals("scalar")) {
            Gemm.sgemmScalar(m, n, k, Matrix.of(a, 0, k), Matrix.of(b, 0, n), Matrix.of(c, 0, n), false);
        } else {
            Gemm.sgemm(m, n, k, Matrix.of(a, 0, k), Matrix.of(b, 0, n), Matrix.of(c, 0, n), false);
        }
        return c;
    }
}
