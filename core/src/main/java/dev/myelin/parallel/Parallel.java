package dev.myelin.parallel;

import java.util.function.IntConsumer;
import java.util.function.Supplier;

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
    private static volatile ThreadTeam team;
    /** Whether this thread is running a chunk of a parallel loop (nested loops then run inline). */
    private static final ThreadLocal<Boolean> INSIDE = ThreadLocal.withInitial(() -> Boolean.FALSE);

    private Parallel() {
    }

    /** The number of threads parallel loops use. */
    public static int threads() {
        return threads;
    }

    /**
     * The threads a loop started here would get: 1 inside a parallel loop (nested loops run inline),
     * else {@link #threads()}. Kernels that split work by thread count ask this, so that a nested call
     * does not cut its work into pieces it would then run one after another.
     */
    public static int threadsHere() {
        return INSIDE.get() ? 1 : threads;
    }

    /** Sets the number of threads for all later parallel loops (at least 1). */
    public static synchronized void setThreads(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("thread count must be at least 1, got " + n);
        }
        if (n != threads) {
            ThreadTeam old = team;
            team = null;
            threads = n;
            if (old != null) {
                old.stop();
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
     * outputs. Runs inline when one thread is configured, when called from inside a parallel loop, or
     * when another thread's loop holds the workers.
     *
     * <p>The calling thread computes the first chunk itself while the {@link ThreadTeam}'s
     * {@code threads - 1} spinning workers take the others, so a loop costs about a microsecond of
     * hand-off: GEMM runs one per panel, and panels last tens of microseconds.
     */
    public static void forRange(int count, IntConsumer body) {
        int n = Math.min(threads, count);
        if (n <= 1 || INSIDE.get() || !team().tryRun(count, body)) {
            for (int i = 0; i < count; i++) {
                body.accept(i);
            }
        }
    }

    /** Runs {@code work} with every parallel loop inside it inline on the calling thread. */
    public static <T> T inline(Supplier<T> work) {
        boolean outer = !INSIDE.get();
        INSIDE.set(Boolean.TRUE);
        try {
            return work.get();
        } finally {
            if (outer) {
                INSIDE.set(Boolean.FALSE);
            }
        }
    }

    /** Runs indices {@code [count*chunk/chunks, count*(chunk+1)/chunks)}; nested loops inside run inline. */
    static void runChunk(IntConsumer body, int count, int chunks, int chunk) {
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

    private static ThreadTeam team() {
        ThreadTeam t = team;
        if (t == null) {
            synchronized (Parallel.class) {
                t = team;
                if (t == null) {
                    t = new ThreadTeam(threads);
                    team = t;
                }
            }
        }
        return t;
    }
}
