package dev.myelin.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.myelin.nn.BatchNorm2d;
import dev.myelin.nn.Conv2d;
import dev.myelin.nn.Dropout;
import dev.myelin.nn.Flatten;
import dev.myelin.nn.GELU;
import dev.myelin.nn.Linear;
import dev.myelin.nn.MaxPool2d;
import dev.myelin.nn.Parameter;
import dev.myelin.nn.ReLU;
import dev.myelin.nn.Sequential;
import dev.myelin.nn.Tanh;
import dev.myelin.optim.SGD;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Recycled gradient storage must not change a single bit: every op that opts in overwrites its
 * recycled array completely (the arrays are poisoned with NaN here to prove it), and an array is only
 * recycled once no pending gradient holds it.
 */
class GradientStorageTest {
    @AfterEach
    void reset() {
        GradientStorage.poisonForTests = false;
        GradientStorage.disabledForTests = false;
    }

    @Test
    void trainingWithRecycledPoisonedStorageMatchesFreshStorageBitForBit() {
        GradientStorage.disabledForTests = true;
        List<float[]> fresh = train();
        GradientStorage.disabledForTests = false;
        GradientStorage.poisonForTests = true;
        List<float[]> recycled = train();
        for (int i = 0; i < fresh.size(); i++) {
            for (float v : recycled.get(i)) {
                assertFalse(Float.isNaN(v), "parameter " + i + " read a recycled array before writing it");
            }
            assertArrayEquals(fresh.get(i), recycled.get(i), "parameter " + i);
        }
    }

    /** Five SGD steps of a network with every op that recycles: conv, batch norm, the activations, pooling, dropout, linear, cross-entropy. */
    private static List<float[]> train() {
        Generator init = new Generator(3);
        Sequential model = new Sequential(
                new Conv2d(2, 6, 3, 1, 1, init), new BatchNorm2d(6), new ReLU(), new MaxPool2d(2),
                new Conv2d(6, 4, 3, 1, 1, init), new Tanh(), new Flatten(), new Dropout(0.25f, new Generator(4)),
                new Linear(4 * 4 * 4, 12, init), new GELU(), new Linear(12, 5, init));
        SGD optimizer = new SGD(model.parameters(), 0.1, 0.9);
        Generator data = new Generator(5);
        for (int step = 0; step < 5; step++) {
            Tensor x = Tensor.randn(data, 8, 2, 8, 8);
            int[] labels = new int[8];
            for (int i = 0; i < labels.length; i++) {
                labels[i] = data.nextInt(5);
            }
            optimizer.zeroGrad();
            Functional.crossEntropy(model.forward(x), labels).backward();
            optimizer.step();
        }
        List<float[]> values = new ArrayList<>();
        for (Parameter p : model.parameters()) {
            values.add(p.value().toArray());
        }
        return values;
    }

    @Test
    void aGradientPassedToTwoProducersIsNotRecycledWhileOneStillNeedsIt() {
        Supplier<List<float[]>> run = () -> {
            List<float[]> grads = new ArrayList<>();
            Generator g = new Generator(9);
            for (int repeat = 0; repeat < 4; repeat++) { // later passes run on recycled arrays
                Tensor a = Tensor.randn(g, 3, 5).requiresGrad(true);
                Tensor b = Tensor.randn(g, 3, 5).requiresGrad(true);
                Tensor c = Tensor.randn(g, 3, 5).requiresGrad(true);
                Tensor w1 = Tensor.randn(g, 5, 5).requiresGrad(true);
                Tensor w2 = Tensor.randn(g, 5, 5).requiresGrad(true);
                // tanh's gradient (recycled storage) reaches both linear ops through add, which passes it
                // on unchanged: freed after the first, it would become the second one's dX while that
                // product still reads it. relu(a) is used twice, so its gradients are summed.
                Tensor ra = a.relu();
                Tensor s = Functional.linear(ra, w1, null).add(Functional.linear(b.sigmoid(), w2, null)).tanh();
                Tensor loss = s.add(ra.mul(c.sigmoid())).mul(ra).sum();
                loss.backward();
                grads.add(a.grad().toArray());
                grads.add(b.grad().toArray());
                grads.add(c.grad().toArray());
                grads.add(w1.grad().toArray());
                grads.add(w2.grad().toArray());
            }
            return grads;
        };
        GradientStorage.disabledForTests = true;
        List<float[]> fresh = run.get();
        GradientStorage.disabledForTests = false;
        GradientStorage.poisonForTests = true;
        List<float[]> recycled = run.get();
        for (int i = 0; i < fresh.size(); i++) {
            assertArrayEquals(fresh.get(i), recycled.get(i), "gradient " + i);
        }
    }
}
