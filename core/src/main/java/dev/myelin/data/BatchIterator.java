package dev.myelin.data;

import java.lang.ref.Cleaner;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * One pass over a {@link DataLoader}'s batches for one epoch, returned by {@link DataLoader#iterator()}.
 *
 * <p>When the loader prefetches, a background thread prepares the batches ahead; it stops by itself
 * after the last batch. An iteration abandoned midway (a {@code break} out of a for-each) stops its
 * thread when {@linkplain #close() closed}, when the loader's next iteration starts, or at the latest
 * when this iterator is garbage-collected. To stop it at once, use try-with-resources:
 *
 * <pre>{@code
 * try (BatchIterator batches = loader.iterator()) {
 *     while (batches.hasNext()) {
 *         Batch batch = batches.next();
 *         if (diverged) break;
 *     }
 * }
 * }</pre>
 *
 * <p>An exception thrown while preparing a batch, on whichever thread, reaches {@link #next()} as a
 * {@link DataLoaderException} whose cause is the original exception; the iteration is then closed.
 */
public final class BatchIterator implements Iterator<Batch>, AutoCloseable {
    private static final Cleaner CLEANER = Cleaner.create();

    private final DataLoader loader;
    private final int generation;
    private final int epoch;
    private final BatchMaker maker;
    private final int count;
    private final Prefetcher prefetcher; // null when batches are made on the consumer's thread
    private final Cleaner.Cleanable cleanable;
    private int position;
    private boolean closed;
    private long waitNanos;

    BatchIterator(DataLoader loader, int generation, int epoch, BatchMaker maker, int count, Prefetcher prefetcher) {
        this.loader = loader;
        this.generation = generation;
        this.epoch = epoch;
        this.maker = maker;
        this.count = count;
        this.prefetcher = prefetcher;
        this.cleanable = prefetcher == null ? null : CLEANER.register(this, prefetcher::close);
    }

    /**
     * The time the consumer has spent in {@link #next()} so far: preparing batches itself, or waiting
     * for the prefetch thread. Against the epoch's wall time it is the share of training lost to data
     * preparation.
     *
     * @return the total in nanoseconds ({@link System#nanoTime()} differences), 0 before the first batch
     */
    public long waitNanos() {
        return waitNanos;
    }

    /**
     * The epoch whose order and augmentations this iteration follows.
     *
     * @return the loader's {@link DataLoader#epoch()} when this iteration started, non-negative
     */
    public int epoch() {
        return epoch;
    }

    /**
     * Whether a batch remains. Returning false after the last batch completes the epoch: the loader's
     * {@link DataLoader#epoch()} moves on by one.
     *
     * @return false once all batches were returned or the iterator was closed
     * @throws IllegalStateException if the loader has started a newer iteration, which stopped this one
     */
    @Override
    public boolean hasNext() {
        if (closed) {
            return false;
        }
        if (position == count) {
            finish();
            return false;
        }
        if (!loader.isCurrent(generation)) {
            close();
            throw new IllegalStateException("this iteration over the data loader was stopped because the loader "
                    + "started a new one; a loader runs one iteration at a time");
        }
        return true;
    }

    /**
     * The next batch, in a fresh tensor that nothing else holds.
     *
     * @return the epoch's next batch: inputs of shape {@code (N, ...sampleShape)} with N the loader's
     *     batch size, or fewer for a short last batch
     * @throws DataLoaderException if the batch could not be prepared
     * @throws NoSuchElementException if no batch remains
     */
    @Override
    public Batch next() {
        if (!hasNext()) {
            throw new NoSuchElementException("no batch left in epoch " + epoch);
        }
        Batch batch;
        long start = System.nanoTime();
        try {
            batch = prefetcher != null ? prefetcher.take(position, epoch) : maker.make(position);
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        } finally {
            waitNanos += System.nanoTime() - start;
        }
        position++;
        if (position == count) {
            finish();
        }
        return batch;
    }

    /** All batches were returned: the loader moves on to the next epoch. */
    private void finish() {
        if (!closed) {
            loader.completed(generation, epoch);
            close();
        }
    }

    /** Stops the background thread, if any; later calls to {@link #hasNext()} return false. Idempotent. */
    @Override
    public void close() {
        closed = true;
        if (cleanable != null) {
            cleanable.clean();
        }
    }

    /** The prefetching thread, or null; for tests. */
    Thread worker() {
        return prefetcher == null ? null : prefetcher.worker();
    }
}
