package dev.myelin.fashion.train;

import dev.myelin.nn.BatchNorm1d;
import dev.myelin.nn.BatchNorm2d;
import dev.myelin.nn.Conv2d;
import dev.myelin.nn.Dropout;
import dev.myelin.nn.Flatten;
import dev.myelin.nn.Linear;
import dev.myelin.nn.MaxPool2d;
import dev.myelin.nn.ReLU;
import dev.myelin.nn.Sequential;
import dev.myelin.tensor.Generator;

/**
 * The three architectures of {@code ./fashion train --model}, all taking {@code (N, 1, 28, 28)}
 * images and giving 10 class scores. Parameters are initialised from {@code init}; dropout draws from
 * {@code noise}, so a seed fixes both.
 */
final class Networks {
    private Networks() {
    }

    /** Flatten → 784-256-128-10 with ReLU and dropout 0.2: about 235k parameters. */
    static Sequential mlp(Generator init, Generator noise) {
        return new Sequential(
                new Flatten(),
                new Linear(784, 256, init), new ReLU(), new Dropout(0.2f, noise),
                new Linear(256, 128, init), new ReLU(), new Dropout(0.2f, noise),
                new Linear(128, 10, init));
    }

    /** Flatten → one linear layer 784-10: the softmax regression and the linear SVM (7,850 parameters). */
    static Sequential linear(Generator init) {
        return new Sequential(new Flatten(), new Linear(784, 10, init));
    }

    /**
     * The reference CNN of the benchmarks: Conv(1→32, 3×3, pad 1) ReLU MaxPool2 → Conv(32→64, 3×3,
     * pad 1) ReLU MaxPool2 → Flatten → Linear(3136→128) ReLU → Linear(128→10): about 421k parameters.
     */
    static Sequential cnn(Generator init) {
        return new Sequential(
                new Conv2d(1, 32, 3, 1, 1, init), new ReLU(), new MaxPool2d(2),
                new Conv2d(32, 64, 3, 1, 1, init), new ReLU(), new MaxPool2d(2),
                new Flatten(), new Linear(64 * 7 * 7, 128, init), new ReLU(), new Linear(128, 10, init));
    }

    /**
     * A deeper VGG-style network with batch norm: two 3×3 convolutions of 32 then of 64 channels,
     * each pair followed by 2×2 max pooling, a third stage of 128 channels pooled to 3×3, and a
     * classifier with dropout 0.3. About 44 MFLOP per image forward.
     */
    static Sequential best(Generator init, Generator noise) {
        return new Sequential(
                convBnRelu(1, 32, init), convBnRelu(32, 32, init), new MaxPool2d(2),
                convBnRelu(32, 64, init), convBnRelu(64, 64, init), new MaxPool2d(2),
                convBnRelu(64, 128, init), new MaxPool2d(2),
                new Flatten(), new Dropout(0.3f, noise),
                new Linear(128 * 3 * 3, 256, false, init), new BatchNorm1d(256), new ReLU(),
                new Dropout(0.3f, noise), new Linear(256, 10, init));
    }

    private static Sequential convBnRelu(int in, int out, Generator init) {
        return new Sequential(new Conv2d(in, out, 3, 1, 1, 1, false, init), new BatchNorm2d(out), new ReLU());
    }
}
