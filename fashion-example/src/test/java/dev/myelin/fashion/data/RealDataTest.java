package dev.myelin.fashion.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Loads the real Fashion-MNIST from {@code FASHION_MNIST_DIR}; skipped, saying how to get it, without it. */
class RealDataTest {
    @Test
    void loadsTheRealDataInUnderASecond() throws Exception {
        String dir = System.getenv(DataLocation.ENV);
        assumeTrue(dir != null && Files.isDirectory(Path.of(dir)),
                "Fashion-MNIST not available: set FASHION_MNIST_DIR to a directory holding the four .gz files, "
                        + "or run ./fashion download and point FASHION_MNIST_DIR at data/fashion-mnist");

        long start = System.nanoTime();
        FashionMnist.load(Path.of(dir));
        double first = (System.nanoTime() - start) / 1e9;
        start = System.nanoTime();
        FashionMnist data = FashionMnist.load(Path.of(dir));
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("Loaded Fashion-MNIST (4 files, 60,000 + 10,000 images) in %.3f s (first load in this JVM %.3f s)%n",
                seconds, first);

        assertEquals(60_000, data.train().size());
        assertEquals(10_000, data.test().size());
        int[] perClass = new int[10];
        for (int label : data.train().labels()) {
            perClass[label]++;
        }
        for (int count : perClass) {
            assertEquals(6_000, count);
        }
        // The published mean pixel of the training set is 0.2860.
        double sum = 0;
        for (byte b : data.train().pixels()) {
            sum += b & 0xFF;
        }
        assertEquals(0.2860, sum / data.train().pixels().length / 255, 1e-4);
        assertTrue(first < 1.0, "the first load took " + first + " s");
    }
}
