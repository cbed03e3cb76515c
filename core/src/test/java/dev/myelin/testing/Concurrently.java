package dev.myelin.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs the same calls on several threads at once, for the tests that hold a shared model to its
 * single-threaded answers: every thread waits at one gate, so that they start together.
 */
public final class Concurrently {
    private Concurrently() {
    }

    /** One call of one thread; it throws (an {@link AssertionError}, say) to fail the run. */
    @FunctionalInterface
    public interface Call {
        void run(int thread, int call) throws Exception;
    }

    /**
     * Calls {@code call.run(thread, i)} for {@code i = 0 .. calls - 1} on each of {@code threads} threads.
     *
     * @return the number of calls that returned, {@code threads * calls} when none failed
     * @throws ExecutionException wrapping the first failure, in thread order
     */
    public static int run(int threads, int calls, Call call) throws InterruptedException, ExecutionException {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Integer>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < calls; i++) {
                        call.run(thread, i);
                    }
                    return calls;
                }));
            }
            start.countDown();
            int total = 0;
            for (Future<Integer> f : futures) {
                total += f.get();
            }
            return total;
        } finally {
            pool.shutdownNow();
        }
    }
}
