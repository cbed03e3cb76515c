package dev.myelin.parallel;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
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
    /** Whether this thread is running a chunk of a parallel loop (nested loops then run inline). */
    private static final ThreadLocal<Boolean> INSIDE = ThreadLocal.withInitial(() -> Boolean.FALSE);

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
     *
     * <p>The calling thread computes the first chunk itself while the pool's {@code threads - 1}
     * workers take the others: a loop then costs one hand-off rather than a round trip through the
     * pool, which matters for GEMM panels that last tens of microseconds.
     */
    public static void forRange(int count, IntConsumer body) {
        int n = Math.min(threads, count);
        if (n <= 1 || INSIDE.get()) {
            for (int i = 0; i < count; i++) {
                body.accept(i);
            }
            return;
        }
        ForkJoinPool p = pool();
        ForkJoinTask<?>[] others = new ForkJoinTask<?>[n - 1];
        for (int c = 1; c < n; c++) {
            int chunk = c;
            others[c - 1] = p.submit(() -> runChunk(body, count, n, chunk));
        }
        INSIDE.set(Boolean.TRUE);
        try {
            runChunk(body, count, n, 0);
        } finally {
            INSIDE.set(Boolean.FALSE);
            for (ForkJoinTask<?> task : others) {
                task.join();
            }
        }
    }

    /** Runs indices {@code [count*chunk/chunks, count*(chunk+1)/chunks)}; nested loops inside run inline. */
    private static void runChunk(IntConsumer body, int count, int chunks, int chunk) {
        boolean outer = !INSIDE.get();
        INSIDE.set(Boolean.TRUE);
        try {
            int from = (int) ((long) count * chunk / chunks);
            int to = (int) ((long) count * (chunk + 1) / chunks);
            for (int i = from; i < to; i++) {
                body.accept(i);
            }
        } finally {
            if (outer) {
                INSIDE.set(Boolean.FALSE);
            }
        }
    }

    private static ForkJoinPool pool() {
        ForkJoinPool p = pool;
        if (p == null) {
            synchronized (Parallel.class) {
                p = pool;
                if (p == null) {
                    p = new ForkJoinPool(Math.max(1, threads - 1), daemonFactory(), null, false);
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
}
