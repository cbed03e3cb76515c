package dev.myelin.fashion.classic.knn;

import dev.myelin.Myelin;
import dev.myelin.fashion.data.DataLocation;
import dev.myelin.fashion.data.FashionMnist;
import dev.myelin.fashion.data.ImageSet;
import dev.myelin.tensor.Tensor;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * Measures k-NN on the real Fashion-MNIST in {@code FASHION_MNIST_DIR}; a program, not a test, so CI
 * never runs it. It chooses k on the last 5,000 training images with the first 55,000 as references,
 * then labels the 10,000 test images and times both. With the argument {@code blocks} followed by
 * block heights, it instead times the search of the first 2,000 test images at each height.
 *
 * <p>From the repository root, after {@code ./mvnw -pl fashion-example -am test-compile}:
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -Xmx4g \
 *     -cp core/target/classes:fashion-example/target/classes:fashion-example/target/test-classes \
 *     dev.myelin.fashion.classic.knn.KnnOnRealData [blocks 128 256 ...]
 * </pre>
 *
 * <p>It prints CPU time beside wall time: on a machine busy with other work the two differ.
 */
public final class KnnOnRealData {
    private static final int TRAIN = 55_000;

    private KnnOnRealData() {}

    public static void main(String[] args) throws Exception {
        String dir = System.getenv(DataLocation.ENV);
        if (dir == null) {
            throw new IllegalStateException("set " + DataLocation.ENV + " to the directory of the four .gz files");
        }
        PrintStream out = System.out;
        FashionMnist data = FashionMnist.load(Path.of(dir));
        ImageSet train = data.train().first(TRAIN);
        ImageSet validation = last(data.train(), data.train().size() - TRAIN);
        out.printf(Locale.ROOT, "%d threads, vectorised %b%n", Myelin.threads(), Myelin.vectorized());
        if (args.length > 0 && args[0].equals("blocks")) {
            timeBlocks(train, data.test().first(2_000), Arrays.stream(args).skip(1).mapToInt(Integer::parseInt).toArray(), out);
            return;
        }

        long start = System.nanoTime();
        long cpuStart = cpuNanos();
        KnnFit fit = KnnTraining.fit(train, validation, KnnTraining.defaultKs(), out);
        out.printf(Locale.ROOT, "choosing k on %,d validation images: %.2f s, %.2f s of CPU time (building the model included)%n",
                validation.size(), (System.nanoTime() - start) / 1e9, (cpuNanos() - cpuStart) / 1e9);

        Tensor test = ImageRows.of(data.test());
        start = System.nanoTime();
        cpuStart = cpuNanos();
        int[] predicted = fit.model().predictForEachK(test, new int[] {fit.k()}, rows -> { })[0];
        double testSeconds = (System.nanoTime() - start) / 1e9;
        double testCpuSeconds = (cpuNanos() - cpuStart) / 1e9;
        int correct = 0;
        for (int i = 0; i < predicted.length; i++) {
            correct += predicted[i] == data.test().label(i) ? 1 : 0;
        }
        out.printf(Locale.ROOT, "test: %,d images against %,d in %.2f s (%.0f GFLOP/s of distance GEMM), %.2f s of CPU time;"
                + " k = %d, accuracy %.2f%%%n", test.dim(0), train.size(), testSeconds,
                gflops(test.dim(0), train.size(), testSeconds), testCpuSeconds, fit.k(), 100.0 * correct / predicted.length);
    }

    private static void timeBlocks(ImageSet train, ImageSet queries, int[] blocks, PrintStream out) {
        Tensor references = ImageRows.of(train);
        Tensor rows = ImageRows.of(queries);
        for (int round = 0; round < 2; round++) {
            for (int block : blocks) {
                NearestNeighbours search = new NearestNeighbours(references, block);
                long start = System.nanoTime();
                long cpuStart = cpuNanos();
                search.search(rows, 9);
                double seconds = (System.nanoTime() - start) / 1e9;
                double cpuSeconds = (cpuNanos() - cpuStart) / 1e9;
                out.printf(Locale.ROOT, "round %d  block %4d  %,d queries in %.2f s (%.0f GFLOP/s), %.2f s of CPU time%n",
                        round, block, rows.dim(0), seconds, gflops(rows.dim(0), train.size(), seconds), cpuSeconds);
            }
        }
    }

    /** CPU time of the whole process: the machine may be busy with other work, which wall time counts too. */
    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static double gflops(int queries, int references, double seconds) {
        return 2.0 * queries * references * FashionMnist.PIXELS / seconds / 1e9;
    }

    private static ImageSet last(ImageSet set, int n) {
        int from = set.size() - n;
        return new ImageSet(Arrays.copyOfRange(set.pixels(), from * set.imageSize(), set.pixels().length),
                Arrays.copyOfRange(set.labels(), from, set.size()), set.rows(), set.cols());
    }
}
