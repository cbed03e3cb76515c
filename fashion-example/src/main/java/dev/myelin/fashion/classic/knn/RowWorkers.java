package dev.myelin.fashion.classic.knn;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A few threads for work that is independent from one row to the next: the rows are cut into one
 * contiguous chunk per thread, and the calling thread works the first chunk itself. Each row is
 * processed start to finish by one thread, so results do not depend on the thread count.
 */
final class RowWorkers implements AutoCloseable {
    /** The work on rows {@code [from, to)}. */
    @FunctionalInterface
    interface Chunk {
        void run(int from, int to);
    }

    private final int threads;
    private final ExecutorService pool;

    RowWorkers(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("need at least one thread, got " + threads);
        }
        this.threads = threads;
        this.pool = threads == 1 ? null : Executors.newFixedThreadPool(threads - 1, work -> {
            Thread t = new Thread(work, "knn-rows");
            t.setDaemon(true);
            return t;
        });
    }

    /** Runs {@code chunk} over rows {@code [0, rows)} split among the threads; returns when all are done. */
    void forEachChunk(int rows, Chunk chunk) {
        int chunks = Math.min(threads, rows);
        if (chunks <= 1) {
            chunk.run(0, rows);
            return;
        }
        List<Future<?>> others = new ArrayList<>(chunks - 1);
        for (int c = 1; c < chunks; c++) {
            int from = (int) ((long) rows * c / chunks);
            int to = (int) ((long) rows * (c + 1) / chunks);
            others.add(pool.submit(() -> chunk.run(from, to)));
        }
        chunk.run(0, rows / chunks);
        for (Future<?> other : others) {
            awaitRethrowing(other);
        }
    }

    private static void awaitRethrowing(Future<?> future) {
        try {
            future.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the row workers", e);
        }
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
