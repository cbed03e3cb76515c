package dev.myelin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.myelin.nn.Conv2d;
import dev.myelin.nn.Flatten;
import dev.myelin.nn.Linear;
import dev.myelin.nn.MaxPool2d;
import dev.myelin.nn.Parameter;
import dev.myelin.nn.ReLU;
import dev.myelin.nn.Sequential;
import dev.myelin.optim.Adam;
import dev.myelin.tensor.Functional;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Tensor;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The promise that threads never change results: 20 Adam steps of the reference CNN at batch 64 from
 * the same seed give bit-identical parameters with 1, 2 and 4 threads.
 */
class DeterminismTest {
    private static final int STEPS = 20;
    private static final int BATCH = 64;

    private static float[] parametersAfterTraining(int threads) {
        int before = Myelin.threads();
        Myelin.setThreads(threads);
        try {
            Sequential model = referenceCnn();
            Adam optimizer = new Adam(model.parameters(), 1e-3);
            Generator data = new Generator(7);
            for (int step = 0; step < STEPS; step++) {
                Tensor images = Tensor.rand(data, BATCH, 1, 28, 28);
                int[] labels = new int[BATCH];
                for (int i = 0; i < BATCH; i++) {
                    labels[i] = data.nextInt(10);
                }
                Tensor loss = Functional.crossEntropy(model.forward(images), labels);
                optimizer.zeroGrad();
                loss.backward();
                optimizer.step();
            }
            return flatten(model);
        } finally {
            Myelin.setThreads(before);
        }
    }

    private static float[] concat(float[] a, float[] b) {
        float[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void sameSeedGivesBitIdenticalParametersWithOneTwoAndFourThreads() {
        float[] one = parametersAfterTraining(1);
        float[] two = parametersAfterTraining(2);
        float[] four = parametersAfterTraining(4);
        assertTrue(one.length > 400_000, "all parameters of the reference CNN are compared");
        assertArrayEquals(one, two, "2 threads differ from 1");
        assertArrayEquals(one, four, "4 threads differ from 1");
        float[] initial = flatten(referenceCnn());
        assertTrue(!Arrays.equals(one, initial), "training must have changed the parameters");
    }

    private static Sequential referenceCnn() {
        Generator init = new Generator(2024);
        return new Sequential(
                new Conv2d(1, 32, 3, 1, 1, init), new ReLU(), new MaxPool2d(2),
                new Conv2d(32, 64, 3, 1, 1, init), new ReLU(), new MaxPool2d(2),
                new Flatten(), new Linear(64 * 7 * 7, 128, init), new ReLU(), new Linear(128, 10, init));
    }

    private static float[] flatten(Sequential model) {
        return model.parameters().stream().map(Parameter::value).map(Tensor::toArray)
                .reduce(new float[0], DeterminismTest::concat);
    }
}
