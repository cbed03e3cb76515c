package dev.myelin.benchmarks;

import dev.myelin.parallel.Parallel;
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
 * The cost of one parallel loop of two chunks, each {@code work} iterations of a dependent
 * floating-point chain. With 1 thread both chunks run on the caller; with 2 the loop's time minus one
 * chunk's ({@code chunk}) is the hand-off a GEMM panel pays.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2)
public class ParallelLoopBenchmark {
    @Param({"0", "1000", "10000"})
    public int work;

    @Param({"1", "2"})
    public int threads;

    private final double[] sinks = new double[2 * 16]; // one cache line apart

    @Setup
    public void setup() {
        Parallel.setThreads(threads);
    }

    @Benchmark
    public double loop() {
        Parallel.forRange(2, this::chunkAt);
        return sinks[0] + sinks[16];
    }

    @Benchmark
    public double chunk() {
        chunkAt(0);
        return sinks[0];
    }

    private void chunkAt(int i) {
        double s = 0;
        for (int k = 0; k < work; k++) {
            s = s * 0.999 + k;
        }
        sinks[i * 16] = s;
    }
}
