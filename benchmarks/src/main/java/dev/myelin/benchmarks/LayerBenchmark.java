package dev.myelin.benchmarks;

import dev.myelin.parallel.Parallel;
import dev.myelin.tensor.Functional;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Grad;
import dev.myelin.tensor.Tensor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
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
 * Forward, and forward plus backward, of each layer of the reference CNN at batch 64:
 * Conv2d(1→32, 3×3, pad 1) ReLU MaxPool2 → Conv2d(32→64, 3×3, pad 1) ReLU MaxPool2 → Flatten →
 * Linear(3136→128) ReLU → Linear(128→10) → cross-entropy. Each layer gets its real input shape.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class LayerBenchmark {
    private static final int BATCH = 64;

    @Param({"conv1", "relu1", "pool1", "conv2", "relu2", "pool2", "fc1", "relu3", "fc2", "loss"})
    public String layer;

    @Param({"2"})
    public int threads;

    private Function<Tensor, Tensor> op;
    private Tensor input;
    private Tensor gradOutput;

    @Setup
    public void setup() {
        Parallel.setThreads(threads);
        Generator g = new Generator(7);
        Tensor w1 = Tensor.randn(g, 32, 1, 3, 3).requiresGrad(true);
        Tensor b1 = Tensor.randn(g, 32).requiresGrad(true);
        Tensor w2 = Tensor.randn(g, 64, 32, 3, 3).requiresGrad(true);
        Tensor b2 = Tensor.randn(g, 64).requiresGrad(true);
        Tensor w3 = Tensor.randn(g, 3136, 128).requiresGrad(true);
        Tensor b3 = Tensor.randn(g, 128).requiresGrad(true);
        Tensor w4 = Tensor.randn(g, 128, 10).requiresGrad(true);
        Tensor b4 = Tensor.randn(g, 10).requiresGrad(true);
        int[] labels = new int[BATCH];
        for (int i = 0; i < BATCH; i++) {
            labels[i] = i % 10;
        }
        int[] inputShape = switch (layer) {
            case "conv1" -> new int[] {BATCH, 1, 28, 28};
            case "relu1", "pool1" -> new int[] {BATCH, 32, 28, 28};
            case "conv2" -> new int[] {BATCH, 32, 14, 14};
            case "relu2", "pool2" -> new int[] {BATCH, 64, 14, 14};
            case "fc1" -> new int[] {BATCH, 3136};
            case "relu3", "fc2" -> new int[] {BATCH, 128};
            case "loss" -> new int[] {BATCH, 10};
            default -> throw new IllegalArgumentException(layer);
        };
        op = switch (layer) {
            case "conv1" -> x -> Functional.conv2d(x, w1, b1, 1, 1, 1);
            case "conv2" -> x -> Functional.conv2d(x, w2, b2, 1, 1, 1);
            case "relu1", "relu2", "relu3" -> Tensor::relu;
            case "pool1", "pool2" -> x -> Functional.maxPool2d(x, 2, 2, 0);
            case "fc1" -> x -> x.matmul(w3).add(b3);
            case "fc2" -> x -> x.matmul(w4).add(b4);
            default -> x -> Functional.crossEntropy(x, labels);
        };
        input = Tensor.randn(g, inputShape).requiresGrad(!layer.equals("conv1"));
        try (var noGrad = Grad.disabled()) {
            gradOutput = Tensor.randn(g, op.apply(input).dims());
        }
    }

    @Benchmark
    public Tensor forward() {
        try (var noGrad = Grad.disabled()) {
            return op.apply(input);
        }
    }

    @Benchmark
    public Tensor forwardBackward() {
        Tensor out = op.apply(input);
        out.backward(gradOutput);
        return out;
    }
}
