package dev.myelin.data;

import dev.myelin.parallel.Parallel;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Tensor;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;

/**
 * Builds the batches of one epoch. {@link #make(int)} is a pure function of the batch number, so it
 * can run on any thread; its samples are read and transformed, each with its own generator, in
 * parallel on the consumer's thread or one after another on a prefetch thread.
 */
final class BatchMaker {
    private final Dataset dataset;
    private final int[] order;
    private final int batchSize;
    private final Transform transform;
    private final long seed;
    private final int epoch;
    private final int[] sampleShape;
    private final int sampleSize;
    private final boolean parallel;

    /**
     * @param order the dataset indices in the order the epoch visits them
     * @param transform applied to each sample, or null
     * @param parallel whether a batch's samples are prepared by a parallel loop or one after another
     */
    BatchMaker(Dataset dataset, int[] order, int batchSize, Transform transform, long seed, int epoch,
            boolean parallel) {
        this.parallel = parallel;
        this.dataset = dataset;
        this.order = order;
        this.batchSize = batchSize;
        this.transform = transform;
        this.seed = seed;
        this.epoch = epoch;
        this.sampleShape = dataset.sampleShape();
        this.sampleSize = Arrays.stream(sampleShape).reduce(1, Math::multiplyExact);
    }

    /** Batch number {@code k} of the epoch, in a fresh tensor; the last batch may be short. */
    Batch make(int k) {
        int from = k * batchSize;
        int[] indices = Arrays.copyOfRange(order, from, Math.min(from + batchSize, order.length));
        int n = indices.length;
        int[] dims = new int[sampleShape.length + 1];
        dims[0] = n;
        System.arraycopy(sampleShape, 0, dims, 1, sampleShape.length);
        Tensor inputs = Tensor.zeros(dims);
        float[] data = inputs.array();
        int base = inputs.arrayOffset();
        int[] labels = new int[n];
        // The first failure is kept and the remaining samples skipped, so the cause reaches the
        // consumer unwrapped by the thread pool.
        AtomicReference<DataLoaderException> failure = new AtomicReference<>();
        IntConsumer prepare = s -> {
            if (failure.get() != null) {
                return;
            }
            int index = indices[s];
            try {
                int offset = base + s * sampleSize;
                dataset.readInto(index, data, offset);
                labels[s] = dataset.label(index);
                if (transform != null) {
                    ImageView image = new ImageView(data, offset, sampleShape[0], sampleShape[1], sampleShape[2]);
                    transform.apply(image, new Generator(Seeds.sample(seed, epoch, index)));
                }
            } catch (RuntimeException e) {
                failure.compareAndSet(null, new DataLoaderException("could not prepare dataset sample " + index
                        + " (batch " + k + " of epoch " + epoch + "): " + e, e));
            }
        };
        if (parallel) {
            Parallel.forRange(n, prepare);
        } else {
            for (int s = 0; s < n; s++) {
                prepare.accept(s);
            }
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        return new Batch(inputs, labels, indices);
    }
}
