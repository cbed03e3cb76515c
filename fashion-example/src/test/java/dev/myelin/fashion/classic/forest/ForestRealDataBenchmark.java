package dev.myelin.fashion.classic.forest;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.myelin.Myelin;
import dev.myelin.fashion.data.DataLocation;
import dev.myelin.fashion.data.FashionMnist;
import dev.myelin.fashion.data.ImageSet;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The study's measurement, not a CI test (its name does not end in Test, so surefire runs it only when
 * asked): 100 trees with the default options on the first 55,000 training images, scored on the last
 * 5,000 (validation) and the 10,000 test images. Run it with
 * {@code FASHION_MNIST_DIR=... ./mvnw -pl fashion-example -am test -Dtest=ForestRealDataBenchmark
 * -Dsurefire.failIfNoSpecifiedTests=false}; {@code -Dforest.trees=N} grows fewer trees.
 */
class ForestRealDataBenchmark {
    private static final int TRAIN = 55_000;

    @Test
    void growsTheDefaultForestOnFashionMnist(@TempDir Path dir) throws Exception {
        String data = System.getenv(DataLocation.ENV);
        assumeTrue(data != null && Files.isDirectory(Path.of(data)), "set FASHION_MNIST_DIR to run the benchmark");
        FashionMnist fashion = FashionMnist.load(Path.of(data));
        ImageSet train = fashion.train().first(TRAIN);
        int trees = Integer.getInteger("forest.trees", ForestOptions.DEFAULT_TREES);
        ForestOptions options = ForestOptions.defaults(42).withTrees(trees);
        PrintStream out = new PrintStream(System.out, true);

        long cpuStart = processCpuNanos();
        long start = System.nanoTime();
        RandomForest forest = ForestTraining.fit(train, options, out);
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuSeconds = (processCpuNanos() - cpuStart) / 1e9;

        start = System.nanoTime();
        double validation = accuracy(forest, fashion.train(), TRAIN, fashion.train().size());
        double test = accuracy(forest, fashion.test(), 0, fashion.test().size());
        double predictSeconds = (System.nanoTime() - start) / 1e9;

        Path file = dir.resolve("forest.safetensors");
        start = System.nanoTime();
        ForestFile.save(file, forest);
        double saveSeconds = (System.nanoTime() - start) / 1e9;
        start = System.nanoTime();
        ForestFile.load(file);
        double loadSeconds = (System.nanoTime() - start) / 1e9;

        out.printf("forest: %d trees on %,d images, %d threads: %.1f s to grow, %.1f s of CPU (%.2f s per tree)%n",
                trees, TRAIN, Myelin.threads(), seconds, cpuSeconds, cpuSeconds / trees);
        out.printf("forest: %,d nodes (%,.0f per tree); file %.1f MB, saved in %.2f s, loaded in %.2f s%n",
                forest.nodeCount(), (double) forest.nodeCount() / trees, Files.size(file) / 1e6, saveSeconds,
                loadSeconds);
        out.printf("forest: validation accuracy %.2f%% (5,000), test accuracy %.2f%% (10,000), %.1f s to predict 15,000%n",
                100 * validation, 100 * test, predictSeconds);
    }

    /** The CPU time of the whole JVM so far: on a busy machine it tells the work apart from the waiting. */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static double accuracy(RandomForest forest, ImageSet set, int from, int to) {
        int correct = 0;
        for (int start = from; start < to; start += 500) {
            int end = Math.min(to, start + 500);
            float[][] probabilities = forest.probabilities(set.images(start, end));
            for (int i = 0; i < probabilities.length; i++) {
                if (argmax(probabilities[i]) == set.label(start + i)) {
                    correct++;
                }
            }
        }
        return (double) correct / (to - from);
    }

    private static int argmax(float[] row) {
        int best = 0;
        for (int c = 1; c < row.length; c++) {
            if (row[c] > row[best]) {
                best = c;
            }
        }
        return best;
    }
}
