package dev.myelin.benchmarks;

import dev.myelin.nn.Conv2d;
import dev.myelin.nn.Flatten;
import dev.myelin.nn.Linear;
import dev.myelin.nn.MaxPool2d;
import dev.myelin.nn.ReLU;
import dev.myelin.nn.Sequential;
import dev.myelin.tensor.Generator;

/**
 * The reference CNN of the benchmarks: Conv2d(1→32, 3×3, pad 1) ReLU MaxPool2 → Conv2d(32→64, 3×3,
 * pad 1) ReLU MaxPool2 → Flatten → Linear(3136→128) ReLU → Linear(128→10).
 */
final class ReferenceCnn {
    private ReferenceCnn() {
    }

    static Sequential create(long seed) {
        Generator g = new Generator(seed);
        return new Sequential(
                new Conv2d(1, 32, 3, 1, 1, g), new ReLU(), new MaxPool2d(2),
                new Conv2d(32, 64, 3, 1, 1, g), new ReLU(), new MaxPool2d(2),
                new Flatten(), new Linear(64 * 7 * 7, 128, g), new ReLU(), new Linear(128, 10, g));
    }
}
