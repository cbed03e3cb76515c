package dev.myelin.benchmarks;

import dev.myelin.Myelin;
import dev.myelin.data.Batch;
import dev.myelin.data.BatchIterator;
import dev.myelin.data.DataLoader;
import dev.myelin.data.ImageDataset;
import dev.myelin.fashion.data.FashionMnist;
import dev.myelin.io.StateDict;
import dev.myelin.nn.Conv2d;
import dev.myelin.nn.Init;
import dev.myelin.nn.Linear;
import dev.myelin.nn.Module;
import dev.myelin.nn.Sequential;
import dev.myelin.optim.Adam;
import dev.myelin.tensor.Functional;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Grad;
import dev.myelin.tensor.Tensor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;

/**
 * Myelin's side of {@code benchmarks/compare-pytorch}: the reference CNN trained with the recipe that
 * {@code python/cnn_pytorch.py} follows in PyTorch, printed as one JSON line.
 *
 * <p>The recipe: He-normal weights (fan in, ReLU gain) and zero biases; Adam, lr 1e-3; batch 64,
 * shuffled, the last incomplete batch dropped; no augmentation; pixels divided by 255; the 60,000
 * training images already in memory. It measures, in this order: {@code epochs} epochs of training
 * (images/s of each), the test accuracy after them, ms per training step at batch 64 (the median of
 * {@value #TIMED_STEPS} steps after {@value #WARM_STEPS} untimed ones), inference images/s at batch
 * 256 over the test images (the best of three passes), and the peak resident memory of the process.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp benchmarks/target/benchmarks.jar \
 *     dev.myelin.benchmarks.CnnRecipeRun --threads 2 --epochs 3 [--data DIR]
 * </pre>
 *
 * Without {@code --data} it trains on random images of the same shapes: speed only, and the JSON
 * says so ({@code "data": "random"}). With {@code --share PREFIX} it writes its initial weights and its
 * epochs' image orders for the PyTorch script to start from ({@link #shareStart}).
 */
public final class CnnRecipeRun {
    static final int BATCH = 64;
    static final int INFERENCE_BATCH = 256;
    static final int WARM_STEPS = 20;
    static final int TIMED_STEPS = 60;

    private CnnRecipeRun() {
    }

    public static void main(String[] args) throws IOException {
        int threads = 1;
        int epochs = 3;
        Path data = null;
        Path share = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--epochs" -> epochs = Integer.parseInt(args[++i]);
                case "--data" -> data = Path.of(args[++i]);
                case "--share" -> share = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + "; usage: --threads N --epochs N [--data DIR] [--share PREFIX]");
            }
        }
        Myelin.setThreads(threads);
        ImageDataset train;
        ImageDataset test;
        if (data != null) {
            FashionMnist mnist = FashionMnist.load(data);
            train = dataset(mnist.train().pixels(), mnist.train().labels());
            test = dataset(mnist.test().pixels(), mnist.test().labels());
        } else {
            train = random(60_000, 1);
            test = random(10_000, 2);
        }

        Sequential model = heInitialised(ReferenceCnn.create(42), new Generator(42));
        Adam adam = new Adam(model.parameters(), 1e-3);
        DataLoader loader = DataLoader.builder(train).batchSize(BATCH).shuffle(true).seed(42).dropLast(true).build();
        if (share != null) {
            shareStart(model, loader, epochs, share);
        }
        double[] epochImagesPerSecond = new double[epochs];
        double[] dataFraction = new double[epochs];
        for (int epoch = 0; epoch < epochs; epoch++) {
            loader.setEpoch(epoch);
            long start = System.nanoTime();
            long images = 0;
            try (BatchIterator batches = loader.iterator()) {
                while (batches.hasNext()) {
                    Batch batch = batches.next();
                    step(model, adam, batch.inputs(), batch.labels());
                    images += batch.size();
                }
                long nanos = System.nanoTime() - start;
                epochImagesPerSecond[epoch] = images / (nanos / 1e9);
                dataFraction[epoch] = (double) batches.waitNanos() / nanos;
            }
        }
        double accuracy = accuracy(model, test);
        double stepMs = stepMillis(model, adam, train);
        double inference = inferenceImagesPerSecond(model, test);

        System.out.println(String.format(Locale.ROOT,
                "{\"framework\": \"myelin\", \"threads\": %d, \"epochs\": %d, \"data\": \"%s\", "
                        + "\"train_images_per_s\": %s, \"data_fraction\": %s, \"step_ms\": %.3f, \"inference_images_per_s\": %.1f, "
                        + "\"test_accuracy\": %.4f, \"peak_rss_mb\": %.1f, \"version\": \"%s\"}",
                threads, epochs, data != null ? "fashion-mnist" : "random", Arrays.toString(round(epochImagesPerSecond)),
                Arrays.toString(Arrays.stream(dataFraction).map(f -> Math.round(f * 1e4) / 1e4).toArray()),
                stepMs, inference, accuracy, peakRssMegabytes(), System.getProperty("java.version")));
    }

    /**
     * Writes the initial weights ({@code PREFIX.safetensors}, PyTorch's names) and each epoch's order
     * of the training images ({@code PREFIX.order}, little-endian int32, epochs x images) for
     * {@code cnn_pytorch.py --share PREFIX}: both sides then train from the same weights on the same
     * batches, so that their accuracies differ only by the arithmetic, not by the draw.
     */
    private static void shareStart(Module model, DataLoader loader, int epochs, Path prefix) throws IOException {
        StateDict.save(model, Path.of(prefix + ".safetensors"));
        int perEpoch = loader.numBatches() * BATCH;
        ByteBuffer orders = ByteBuffer.allocate(epochs * perEpoch * Integer.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (int epoch = 0; epoch < epochs; epoch++) {
            int[] order = loader.order(epoch);
            for (int i = 0; i < perEpoch; i++) {
                orders.putInt(order[i]);
            }
        }
        Files.write(Path.of(prefix + ".order"), orders.array());
    }

    /** He-normal weights (fan in, ReLU) and zero biases for every convolution and linear layer. */
    private static Sequential heInitialised(Sequential model, Generator generator) {
        for (Module layer : model.children()) {
            if (layer instanceof Conv2d conv) {
                Init.kaimingNormal(conv.weight().value(), 0, Init.Mode.FAN_IN, Init.Nonlinearity.RELU, generator);
                Init.zeros(conv.bias().value());
            } else if (layer instanceof Linear linear) {
                Init.kaimingNormal(linear.weight().value(), 0, Init.Mode.FAN_IN, Init.Nonlinearity.RELU, generator);
                Init.zeros(linear.bias().value());
            }
        }
        return model;
    }

    private static void step(Module model, Adam adam, Tensor inputs, int[] labels) {
        Tensor loss = Functional.crossEntropy(model.forward(inputs), labels);
        adam.zeroGrad();
        loss.backward();
        adam.step();
    }

    /** The median time of one training step at batch 64, after a few untimed ones. */
    private static double stepMillis(Module model, Adam adam, ImageDataset train) {
        DataLoader loader = DataLoader.builder(train).batchSize(BATCH).shuffle(true).seed(7).dropLast(true).build();
        double[] millis = new double[TIMED_STEPS];
        try (BatchIterator batches = loader.iterator()) {
            for (int i = 0; i < WARM_STEPS + TIMED_STEPS; i++) {
                Batch batch = batches.next();
                long start = System.nanoTime();
                step(model, adam, batch.inputs(), batch.labels());
                if (i >= WARM_STEPS) {
                    millis[i - WARM_STEPS] = (System.nanoTime() - start) / 1e6;
                }
            }
        }
        Arrays.sort(millis);
        return millis[millis.length / 2];
    }

    /** The best of three passes over the test images at batch 256, in evaluation mode. */
    private static double inferenceImagesPerSecond(Module model, ImageDataset test) {
        model.eval();
        DataLoader loader = DataLoader.builder(test).batchSize(INFERENCE_BATCH).build();
        double best = 0;
        try (var noGrad = Grad.disabled()) {
            for (int pass = 0; pass < 3; pass++) {
                long start = System.nanoTime();
                for (Batch batch : loader) {
                    model.forward(batch.inputs());
                }
                best = Math.max(best, test.size() / ((System.nanoTime() - start) / 1e9));
            }
        }
        model.train();
        return best;
    }

    private static double accuracy(Module model, ImageDataset test) {
        model.eval();
        long correct = 0;
        DataLoader loader = DataLoader.builder(test).batchSize(INFERENCE_BATCH).build();
        try (var noGrad = Grad.disabled()) {
            for (Batch batch : loader) {
                float[] logits = model.forward(batch.inputs()).toArray();
                for (int i = 0; i < batch.size(); i++) {
                    int best = 0;
                    for (int c = 1; c < 10; c++) {
                        best = logits[i * 10 + c] > logits[i * 10 + best] ? c : best;
                    }
                    correct += best == batch.labels()[i] ? 1 : 0;
                }
            }
        }
        model.train();
        return (double) correct / test.size();
    }

    /** VmHWM of /proc/self/status in MB, or NaN where there is no /proc. */
    private static double peakRssMegabytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }

    private static ImageDataset dataset(byte[] pixels, int[] labels) {
        return new ImageDataset(pixels, labels, 1, FashionMnist.ROWS, FashionMnist.COLS);
    }

    private static ImageDataset random(int n, long seed) {
        Random random = new Random(seed);
        byte[] pixels = new byte[n * FashionMnist.PIXELS];
        random.nextBytes(pixels);
        int[] labels = random.ints(n, 0, 10).toArray();
        return dataset(pixels, labels);
    }

    private static long[] round(double[] values) {
        return Arrays.stream(values).mapToLong(Math::round).toArray();
    }
}
