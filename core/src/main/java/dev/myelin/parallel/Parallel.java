package dev.myelin.parallel;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.RecursiveAction;
import java.util.function.IntConsumer;

/**
 * The one shared thread runtime of the library. Work is split only over independent outputs (rows,
 * tiles, images): every output is computed start to finish by one thread in the same order whatever
 * the thread count, so results are bit-identical with 1, 2 or 16 threads.
 *
 * <p>The thread count is, in order of precedence: {@link #setThreads(int)}, the system property
 * {@code myelin.threads}, the environment variable {@code MYELIN_THREADS}, or the number of
 * available processors.
 */
public final class Parallel {
    private static volatile int threads = configuredThreads();
    private static volatile ForkJoinPool pool;

    private Parallel() {
    }

    /** The number of threads parallel loops use. */
    public static int threads() {
        return threads;
    }

    /** Sets the number of threads for all later parallel loops (at least 1). */
    public static synchronized void setThreads(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("thread count must be at least 1, got " + n);
        }
        if (n != threads) {
            ForkJoinPool old = pool;
            pool = null;
            threads = n;
            if (old != null) {
                old.shutdown();
            }
        }
    }

    static int configuredThreads() {
        String property = System.getProperty("myelin.threads");
        if (property != null && !property.isBlank()) {
            return parse(property.trim(), "system property myelin.threads");
        }
        String env = System.getenv("MYELIN_THREADS");
        if (env != null && !env.isBlank()) {
            return parse(env.trim(), "environment variable MYELIN_THREADS");
        }
        return Runtime.getRuntime().availableProcessors();
    }

    private static int parse(String value, String source) {
        try {
            int n = Integer.parseInt(value);
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // fall through to the error below
        }
        throw new IllegalArgumentException(source + " must be a positive integer, got '" + value + "'");
    }

    /**
     * Runs {@code body.accept(i)} for every {@code i} in {@code [0, count)}, each index exactly once,
     * spread over the configured threads in contiguous chunks. The indices must name independent
     * outputs. Runs inline when one thread is configured, or when called from inside a parallel loop.
     */
    public static void forRange(int count, IntConsumer body) {
        int n = Math.min(threads, count);
        if (n <= 1 || Thread.currentThread() instanceof ForkJoinWorkerThread w && w.getPool() == pool) {
            for (int i = 0; i < count; i++) {
                body.accept(i);
            }
            return;
        }
        pool().invoke(new Chunk(body, count, n, 0, n));
    }

    private static ForkJoinPool pool() {
        ForkJoinPool p = pool;
        if (p == null) {
            synchronized (Parallel.class) {
                p = pool;
                if (p == null) {
                    p = new ForkJoinPool(threads, daemonFactory(), null, false);
                    pool = p;
                }
            }
        }
        return p;
    }

    private static ForkJoinPool.ForkJoinWorkerThreadFactory daemonFactory() {
        return forkJoinPool -> {
            var t = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(forkJoinPool);
            t.setDaemon(true);
            t.setName("myelin-worker-" + t.getPoolIndex());
            return t;
        };
    }

    /** Chunks {@code [first, last)} of {@code chunks} equal parts of {@code [0, count)}, split in halves. */
    private static final class Chunk extends RecursiveAction {
        private final IntConsumer body;
        private final int count;
        private final int chunks;
        private final int first;
        private final int last;

        Chunk(IntConsumer body, int count, int chunks, int first, int last) {
            this.body = body;
            this.count = count;
            this.chunks = chunks;
            this.first = first;
            this.last = last;
        }

        @Override
        protected void compute() {
            if (last - first > 1) {
                int mid = (first + last) >>> 1;
                invokeAll(new Chunk(body, count, chunks, first, mid), new Chunk(body, count, chunks, mid, last));
                return;
            }
            int from = (int) ((long) count * first / chunks);
            int to = (int) ((long) count * (first + 1) / chunks);
            for (int i = from; i < to; i++) {
                body.accept(i);
            }
        }
    }
}
