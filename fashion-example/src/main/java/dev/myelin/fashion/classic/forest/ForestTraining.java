package dev.myelin.fashion.classic.forest;

import dev.myelin.Myelin;
import dev.myelin.fashion.data.ImageSet;
import dev.myelin.fashion.progress.ProgressBar;
import dev.myelin.tensor.Generator;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Grows a random forest on {@link Myelin#threads()} worker threads, one tree at a time each.
 *
 * <p>Tree {@code i} draws its bootstrap sample and its pixels from a generator of its own, seeded with
 * the {@code i}-th number of a generator seeded with the forest's seed. Nothing else is random and
 * nothing is shared between trees, so a seed gives the same forest, bit for bit, on any thread count.
 */
public final class ForestTraining {
    private ForestTraining() {
    }

    /**
     * Grows {@code options.trees()} trees on {@code train}, each on a bootstrap sample as large as the
     * set, showing a progress bar over the trees on {@code out}.
     *
     * @throws IllegalArgumentException if {@code train} is empty or its images have fewer pixels than
     *     {@code options.featuresPerSplit()}
     */
    public static RandomForest fit(ImageSet train, ForestOptions options, PrintStream out) {
        if (train.size() == 0) {
            throw new IllegalArgumentException("cannot grow a forest on no images");
        }
        FeatureColumns data = FeatureColumns.of(train);
        long[] treeSeeds = treeSeeds(options);
        GrownTree[] grown = new GrownTree[options.trees()];
        AtomicInteger next = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        try (ProgressBar progress = ProgressBar.start("forest", options.trees(), ProgressBar.Unit.items("trees"), out)) {
            Runnable worker = () -> {
                TreeBuilder builder = new TreeBuilder(data, options);
                for (int i = next.getAndIncrement(); i < grown.length && failure.get() == null; i = next.getAndIncrement()) {
                    Generator random = new Generator(treeSeeds[i]);
                    grown[i] = builder.grow(bootstrap(data.size(), random), random);
                    progress.advance(1);
                }
            };
            runOnWorkers(worker, Math.min(Myelin.threads(), options.trees()), failure);
        }
        List<DecisionTree> trees = new ArrayList<>(grown.length);
        for (GrownTree tree : grown) {
            trees.add(tree.tree());
        }
        return new RandomForest(trees, importance(grown, data.features()), options);
    }

    /** The seed of each tree: the first {@code trees} numbers of a generator seeded with the forest's seed. */
    private static long[] treeSeeds(ForestOptions options) {
        Generator seeds = new Generator(options.seed());
        long[] result = new long[options.trees()];
        for (int i = 0; i < result.length; i++) {
            result[i] = seeds.nextLong();
        }
        return result;
    }

    /** {@code n} draws with replacement from {@code n} samples: how many times each was drawn. */
    static int[] bootstrap(int n, Generator random) {
        int[] weights = new int[n];
        for (int draw = 0; draw < n; draw++) {
            weights[random.nextInt(n)]++;
        }
        return weights;
    }

    /**
     * Each tree's impurity decreases as shares of its total, averaged over the trees and normalised
     * again (as scikit-learn's {@code feature_importances_}). A tree that never splits adds nothing.
     */
    static float[] importance(GrownTree[] grown, int features) {
        double[] mean = new double[features];
        for (GrownTree tree : grown) {
            double total = Arrays.stream(tree.impurityDecrease()).sum();
            if (total > 0) {
                for (int f = 0; f < features; f++) {
                    mean[f] += tree.impurityDecrease()[f] / total;
                }
            }
        }
        double total = Arrays.stream(mean).sum();
        float[] result = new float[features];
        for (int f = 0; f < features && total > 0; f++) {
            result[f] = (float) (mean[f] / total);
        }
        return result;
    }

    /** Runs {@code worker} on {@code count} threads (the calling thread being one) and waits for all. */
    private static void runOnWorkers(Runnable worker, int count, AtomicReference<Throwable> failure) {
        Runnable guarded = () -> {
            try {
                worker.run();
            } catch (Throwable t) {
                failure.compareAndSet(null, t);
            }
        };
        List<Thread> threads = new ArrayList<>();
        for (int t = 1; t < count; t++) {
            threads.add(Thread.ofPlatform().name("myelin-forest-" + t).daemon().start(guarded));
        }
        guarded.run();
        boolean interrupted = false;
        for (Thread thread : threads) {
            while (true) {
                try {
                    thread.join();
                    break;
                } catch (InterruptedException e) {
                    // The workers stop between trees once a failure is set; wait for them, then report it.
                    failure.compareAndSet(null, e);
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        Throwable t = failure.get();
        if (t instanceof RuntimeException e) {
            throw e;
        }
        if (t instanceof Error e) {
            throw e;
        }
        if (t != null) {
            throw new CancellationException("growing the forest was interrupted");
        }
    }
}
