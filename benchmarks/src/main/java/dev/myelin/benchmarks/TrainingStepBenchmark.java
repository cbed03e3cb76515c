package dev.myelin.benchmarks;

import dev.myelin.Myelin;
import dev.myelin.nn.Sequential;
import dev.myelin.optim.Adam;
import dev.myelin.tensor.Functional;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Tensor;
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
 * One whole training step of the reference CNN at batch 64: forward, cross-entropy, backward, Adam.
 * Images per second is {@code 64 / time}; run with {@code -prof gc} for the bytes allocated per step.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 2, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx2g"})
public class TrainingStepBenchmark {
    static final int BATCH = 64;

    @Param({"1", "2"})
    public int threads;

    private Sequential model;
    private Adam optimizer;
    private Tensor images;
    private int[] labels;

    @Setup
    public void setup() {
        Myelin.setThreads(threads);
        model = ReferenceCnn.create(1);
        optimizer = new Adam(model.parameters(), 1e-3);
        Generator g = new Generator(2);
        images = Tensor.rand(g, BATCH, 1, 28, 28);
        labels = new int[BATCH];
        for (int i = 0; i < BATCH; i++) {
            labels[i] = g.nextInt(10);
        }
    }

    @Benchmark
    public float step() {
        Tensor loss = Functional.crossEntropy(model.forward(images), labels);
        optimizer.zeroGrad();
        loss.backward();
        optimizer.step();
        return loss.item();
    }
}
