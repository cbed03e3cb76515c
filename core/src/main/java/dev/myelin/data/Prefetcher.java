package dev.myelin.data;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * Makes batches {@code 0 .. count-1} on a daemon thread, at most {@code depth} ahead of the consumer.
 * {@link #close()} stops the thread: it waits with timeouts rather than forever, so it notices a
 * close even if an interrupt is swallowed somewhere in the batch code.
 *
 * <p>Holds no reference to the iterator that consumes it, so that an abandoned iterator can be
 * garbage-collected and its cleaner can close this prefetcher.
 */
final class Prefetcher implements AutoCloseable {
    /** The prefix of the worker threads' names. */
    static final String THREAD_NAME = "myelin-data-loader-";
    private static final AtomicInteger THREADS = new AtomicInteger();
    private static final long POLL_MILLIS = 100;

    private record Failure(Throwable cause) {
    }

    private final BlockingQueue<Object> queue;
    private final Thread worker;
    private volatile boolean closed;

    Prefetcher(IntFunction<Batch> make, int count, int depth) {
        this.queue = new ArrayBlockingQueue<>(depth);
        this.worker = Thread.ofPlatform().daemon().name(THREAD_NAME + THREADS.getAndIncrement())
                .unstarted(() -> run(make, count));
        worker.start();
    }

    private void run(IntFunction<Batch> make, int count) {
        try {
            for (int k = 0; k < count && !closed; k++) {
                if (!hand(make.apply(k))) {
                    return;
                }
            }
        } catch (Throwable t) { // every failure goes to the consumer, which rethrows it
            hand(new Failure(t));
        }
    }

    /** Puts {@code item} in the queue; false if the prefetcher was closed first. */
    private boolean hand(Object item) {
        try {
            while (!closed) {
                if (queue.offer(item, POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                    return true;
                }
            }
        } catch (InterruptedException e) {
            // close() interrupts: the consumer is gone
        }
        return false;
    }

    /**
     * The next batch, waiting for it if needed.
     *
     * @throws DataLoaderException if making the batch failed (the cause is the original exception),
     *     the worker died, or this thread was interrupted while waiting
     */
    Batch take(int k, int epoch) {
        Object item;
        try {
            while ((item = queue.poll(POLL_MILLIS, TimeUnit.MILLISECONDS)) == null) {
                if (!worker.isAlive()) {
                    item = queue.poll(); // handed just before the worker ended
                    if (item == null) {
                        throw new DataLoaderException("the data loader's worker thread stopped before batch " + k
                                + " of epoch " + epoch, null);
                    }
                    break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DataLoaderException("interrupted while waiting for batch " + k + " of epoch " + epoch, e);
        }
        if (item instanceof Failure(Throwable cause)) {
            // A fresh exception, so the stack trace shows the consumer too; the cause keeps the worker's.
            if (cause instanceof DataLoaderException d) {
                throw new DataLoaderException(d.getMessage(), d.getCause());
            }
            throw new DataLoaderException("the data loader's worker thread failed on batch " + k + " of epoch "
                    + epoch + ": " + cause, cause);
        }
        return (Batch) item;
    }

    /** Stops the worker and drops the batches it prepared; idempotent. */
    @Override
    public void close() {
        closed = true;
        worker.interrupt();
        queue.clear();
    }

    /** The worker thread, for tests. */
    Thread worker() {
        return worker;
    }
}
