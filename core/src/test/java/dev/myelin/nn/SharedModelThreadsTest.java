package dev.myelin.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Grad;
import dev.myelin.tensor.Tensor;
import dev.myelin.testing.Concurrently;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * What {@link Module}'s "Thread safety" paragraph promises: one network in evaluation mode, shared by 8
 * threads running 1,000 forward passes each without autograd, gives every thread the single-threaded
 * answer bit for bit. The network takes every inference path: the fused convolution + ReLU + max-pool
 * (classic and, with 16 input channels, channels-last), batch norm on running statistics, dropout (the
 * identity in evaluation), a residual block and the linear layer's row-dot and GEMM paths (one image and
 * batches of 3); the threads' loops compete for the library's worker team, so some run on it and some
 * inline. Inputs change from call to call, so a scratch array shared by mistake would show.
 */
class SharedModelThreadsTest {
    private static final int THREADS = 8;
    private static final int CALLS = 1_000;

    @Test
    void eightThreadsShareOneEvalModeNetwork() throws Exception {
        Generator gen = new Generator(21);
        Sequential model = new Sequential(
                new Conv2d(1, 16, 3, 1, 1, gen), new ReLU(), new MaxPool2d(2),
                new Conv2d(16, 16, 3, 1, 1, gen), new ReLU(), new MaxPool2d(2),
                new BatchNorm2d(16), new BasicBlock(16, 16, 1, gen), new AdaptiveAvgPool2d(2),
                new Flatten(), new Dropout(0.5f, gen), new Linear(64, 10, gen));
        // Running statistics other than the initial ones, so that batch norm does real work.
        Tensor mean = model.stateDict().get("6.running_mean");
        Tensor var = model.stateDict().get("6.running_var");
        for (int c = 0; c < 16; c++) {
            mean.array()[mean.arrayOffset() + c] = 0.1f * c;
            var.array()[var.arrayOffset() + c] = 1 + 0.05f * c;
        }
        model.eval();

        int distinct = 24;
        Tensor[] inputs = new Tensor[distinct];
        float[][] expected = new float[distinct][];
        for (int i = 0; i < distinct; i++) {
            inputs[i] = Tensor.randn(new Generator(100 + i), i % 3 == 0 ? 3 : 1, 1, 16, 16);
            try (var off = Grad.disabled()) {
                expected[i] = model.forward(inputs[i]).toArray();
            }
        }

        int total = Concurrently.run(THREADS, CALLS, (thread, call) -> {
            int i = (thread * 5 + call * 7) % distinct;
            try (var off = Grad.disabled()) {
                float[] got = model.forward(inputs[i]).toArray();
                if (!Arrays.equals(expected[i], got)) {
                    throw new AssertionError("thread " + thread + ", call " + call + ", input " + i
                            + ": " + Arrays.toString(got) + " instead of " + Arrays.toString(expected[i]));
                }
            }
        });
        assertEquals(THREADS * CALLS, total);
        assertTrue(model.stateDict().get("6.running_mean").contentEquals(mean), "evaluation left the statistics alone");
    }
}
