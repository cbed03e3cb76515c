package dev.myelin.data;

import dev.myelin.parallel.Parallel;
import dev.myelin.tensor.Generator;
import java.util.Arrays;
import java.util.Objects;

/**
 * Iterates over a {@link Dataset} in mini-batches, like PyTorch's {@code DataLoader}:
 *
 * <pre>{@code
 * DataLoader loader = DataLoader.builder(train)
 *         .batchSize(128).shuffle(true).seed(42).dropLast(true)
 *         .transform(new Compose(new RandomCrop(28, 2), new RandomHorizontalFlip()))
 *         .build();
 * for (int epoch = 0; epoch < 10; epoch++) {
 *     loader.setEpoch(epoch); // optional here: a completed iteration advances the epoch by itself
 *     for (Batch batch : loader) {
 *         Tensor loss = Functional.crossEntropy(model.forward(batch.inputs()), batch.labels());
 *         ...
 *     }
 * }
 * }</pre>
 *
 * <p><b>Epochs.</b> Each iteration follows the loader's current {@link #epoch()}: its order is
 * {@link #order(int)} and sample {@code i}'s transform draws from a generator seeded by
 * {@code (seed, epoch, i)} only (see the {@linkplain dev.myelin.data package documentation}). An
 * iteration that hands out all its batches advances the epoch by one; an abandoned one does not.
 * {@link #setEpoch(int)}, like PyTorch's {@code DistributedSampler.set_epoch}, sets it explicitly,
 * for example to resume a run.
 *
 * <p><b>Prefetching.</b> When the machine has a core that {@link Parallel}'s threads leave free, by
 * default a daemon thread prepares up to two batches on it while the current one trains. When the
 * compute threads take every core (the default), each batch is prepared when asked for, its samples
 * read and transformed in parallel by those threads: a third busy thread on two cores would take
 * time slices from the training step's own threads, and preempting one of them stalls the whole step. Every batch gets a
 * fresh tensor (no buffer is reused), so a batch stays valid however long it is kept. A loader runs
 * one iteration at a time: starting a new one stops the previous one's thread (see {@link BatchIterator}).
 *
 * <p><b>Thread safety.</b> The loader's own methods synchronize, so {@link #epoch()},
 * {@link #setEpoch(int)} and {@link #iterator()} may be called from any thread; but as a loader runs one
 * iteration at a time, two threads iterating one loader stop each other's iterations (use a loader per
 * thread). A {@link BatchIterator} belongs to the one thread that consumes it. Batches are fresh tensors
 * that nothing else keeps, so one may be handed to another thread.
 */
public final class DataLoader implements Iterable<Batch> {
    private final Dataset dataset;
    private final int batchSize;
    private final boolean shuffle;
    private final long seed;
    private final boolean dropLast;
    private final Transform transform;
    /** The builder's default: decided per iteration by {@link #autoPrefetch()}. */
    private static final int AUTO_PREFETCH = -1;
    private final int prefetch;
    private final int numBatches;
    private int epoch;
    private int generation; // number of iterations started; only the latest may run
    private Prefetcher active;

    private DataLoader(Builder b) {
        this.dataset = b.dataset;
        this.batchSize = b.batchSize;
        this.shuffle = b.shuffle;
        this.seed = b.seed;
        this.dropLast = b.dropLast;
        this.transform = b.transform;
        this.prefetch = b.prefetch;
        int n = dataset.size();
        this.numBatches = dropLast ? n / batchSize : (n + batchSize - 1) / batchSize;
    }

    /**
     * Starts configuring a loader over {@code dataset}; every setting has a default (batch size 1, no
     * shuffling, seed 0, no drop-last, no transform, automatic prefetch).
     *
     * @param dataset the samples, only read; it must allow concurrent reads (see {@link Dataset})
     * @return a builder
     * @throws NullPointerException if {@code dataset} is null
     */
    public static Builder builder(Dataset dataset) {
        return new Builder(dataset);
    }

    /**
     * The dataset this loader reads.
     *
     * @return the dataset given to {@link #builder(Dataset)}
     */
    public Dataset dataset() {
        return dataset;
    }

    /**
     * The number of samples per batch.
     *
     * @return N of a full batch, at least 1; the last batch may have fewer unless drop-last is on
     */
    public int batchSize() {
        return batchSize;
    }

    /**
     * The number of batches per epoch.
     *
     * @return {@code ceil(n / batchSize)} for a dataset of n samples, or {@code floor(n / batchSize)} with
     *     drop-last
     */
    public int numBatches() {
        return numBatches;
    }

    /**
     * The epoch the next iteration will follow.
     *
     * @return 0 for a new loader, then one more after each iteration that handed out all its batches, or
     *     the value last given to {@link #setEpoch(int)}
     */
    public synchronized int epoch() {
        return epoch;
    }

    /**
     * Sets the epoch the next iteration follows, e.g. to resume a run at that epoch; an iteration
     * already running keeps its own.
     *
     * @param epoch the epoch, non-negative; it fixes the order and every sample's augmentation
     * @throws IllegalArgumentException if {@code epoch} is negative
     */
    public synchronized void setEpoch(int epoch) {
        if (epoch < 0) {
            throw new IllegalArgumentException("epoch must be non-negative, got " + epoch);
        }
        this.epoch = epoch;
    }

    /**
     * The dataset indices in the order epoch {@code epoch} visits them: {@code 0, 1, ..., n-1} without
     * shuffling, otherwise a Fisher–Yates shuffle by a generator that depends only on (seed, epoch).
     * With drop-last, an iteration skips the samples after the last full batch.
     *
     * @param epoch any epoch; it need not be the current one, and this loader's state is not changed
     * @return a fresh permutation of {@code 0 .. n-1}, all n indices even with drop-last
     */
    public int[] order(int epoch) {
        int[] order = new int[dataset.size()];
        Arrays.setAll(order, i -> i);
        if (shuffle) {
            Generator random = new Generator(Seeds.shuffle(seed, epoch));
            for (int i = order.length - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
        }
        return order;
    }

    /**
     * Starts an iteration over the current epoch; a previous iteration still running is stopped.
     * Close the returned iterator if you leave it before the end (see {@link BatchIterator}).
     *
     * @return an iterator over {@link #numBatches()} batches of epoch {@link #epoch()}
     */
    @Override
    public synchronized BatchIterator iterator() {
        if (active != null) {
            active.close();
            active = null;
        }
        generation++;
        int[] visited = Arrays.copyOf(order(epoch), (int) Math.min(dataset.size(), (long) numBatches * batchSize));
        int ahead = prefetch >= 0 ? prefetch : autoPrefetch();
        boolean prefetching = ahead > 0 && numBatches > 0;
        // On its own core the prefetch thread prepares samples one after another: a parallel loop
        // from it would take the compute threads away from the training step.
        BatchMaker maker = new BatchMaker(dataset, visited, batchSize, transform, seed, epoch, !prefetching);
        if (prefetching) {
            active = new Prefetcher(maker::make, numBatches, ahead);
        }
        return new BatchIterator(this, generation, epoch, maker, numBatches, active);
    }

    /** Two batches ahead when a core is free of {@link Parallel}'s threads, else none. */
    static int autoPrefetch() {
        return Runtime.getRuntime().availableProcessors() > Parallel.threads() ? 2 : 0;
    }

    synchronized boolean isCurrent(int generation) {
        return generation == this.generation;
    }

    /** Called when iteration {@code generation} has handed out all batches of {@code epoch}. */
    synchronized void completed(int generation, int epoch) {
        if (generation == this.generation && epoch == this.epoch) {
            this.epoch = epoch + 1;
        }
    }

    @Override
    public String toString() {
        return "DataLoader(" + dataset + ", batchSize=" + batchSize + ", shuffle=" + shuffle + ", seed=" + seed
                + ", dropLast=" + dropLast + ", transform=" + transform + ", prefetch="
                + (prefetch == AUTO_PREFETCH ? "auto" : Integer.toString(prefetch)) + ")";
    }

    /** Configures a {@link DataLoader}; every setting has a default. */
    public static final class Builder {
        private final Dataset dataset;
        private int batchSize = 1;
        private boolean shuffle;
        private long seed;
        private boolean dropLast;
        private Transform transform;
        private int prefetch = AUTO_PREFETCH;

        private Builder(Dataset dataset) {
            this.dataset = Objects.requireNonNull(dataset, "dataset");
        }

        /**
         * Sets the number of samples per batch.
         *
         * @param batchSize N, at least 1; default 1, as in PyTorch
         * @return this builder
         * @throws IllegalArgumentException if {@code batchSize} is less than 1
         */
        public Builder batchSize(int batchSize) {
            if (batchSize < 1) {
                throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
            }
            this.batchSize = batchSize;
            return this;
        }

        /**
         * Sets whether to shuffle.
         *
         * @param shuffle true to visit the samples in a new random order each epoch (see
         *     {@link DataLoader#order(int)}), false for dataset order; default false, as in PyTorch
         * @return this builder
         */
        public Builder shuffle(boolean shuffle) {
            this.shuffle = shuffle;
            return this;
        }

        /**
         * Sets the seed of all the loader's randomness, the shuffle and the transforms; the same seed
         * gives the same batches, bit for bit, whatever the thread count or prefetching.
         *
         * @param seed any value; default 0
         * @return this builder
         */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * Sets whether to skip the last batch when it would be short.
         *
         * @param dropLast true to hand out only full batches of {@code batchSize}; default false, as in
         *     PyTorch
         * @return this builder
         */
        public Builder dropLast(boolean dropLast) {
            this.dropLast = dropLast;
            return this;
        }

        /**
         * A transform applied to every sample after its conversion to floats, or null for none (the
         * default). It needs samples of shape {@code (C, H, W)}; combine several with {@link Compose}.
         *
         * @param transform the transform, called with each sample's own generator; null for none
         * @return this builder
         */
        public Builder transform(Transform transform) {
            this.transform = transform;
            return this;
        }

        /**
         * How many batches a background thread may prepare ahead of the consumer; 0 prepares each
         * batch on the consumer's thread when asked for. By default 2 when a core is free of
         * {@link Parallel}'s threads, else 0 (see the class comment). The batches are the same either way.
         *
         * @param batches how many batches may wait ready, non-negative; 0 for no background thread
         * @return this builder
         * @throws IllegalArgumentException if {@code batches} is negative
         */
        public Builder prefetch(int batches) {
            if (batches < 0) {
                throw new IllegalArgumentException("prefetch must be non-negative, got " + batches);
            }
            this.prefetch = batches;
            return this;
        }

        /**
         * Builds the loader; the builder may be used again.
         *
         * @return a loader at epoch 0
         * @throws IllegalArgumentException if a transform is set but the samples are not (C, H, W) images
         */
        public DataLoader build() {
            if (transform != null && dataset.sampleShape().length != 3) {
                throw new IllegalArgumentException("transforms work on (C, H, W) images, but the dataset's samples "
                        + "have shape " + Arrays.toString(dataset.sampleShape()));
            }
            return new DataLoader(this);
        }
    }
}
