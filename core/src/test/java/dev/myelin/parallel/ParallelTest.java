package dev.myelin.parallel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ParallelTest {
    private int saved;

    @BeforeEach
    void save() {
        saved = Parallel.threads();
    }

    @AfterEach
    void restore() {
        Parallel.setThreads(saved);
    }

    @Test
    void everyIndexRunsExactlyOnceForAnyThreadCount() {
        for (int threads : new int[] {1, 2, 3, 4}) {
            Parallel.setThreads(threads);
            for (int count : new int[] {0, 1, 2, 3, 5, 64, 1001}) {
                for (int repeat = 0; repeat < 50; repeat++) { // back-to-back loops reuse spinning workers
                    AtomicIntegerArray visits = new AtomicIntegerArray(count);
                    Parallel.forRange(count, visits::incrementAndGet);
                    for (int i = 0; i < count; i++) {
                        assertEquals(1, visits.get(i), "index " + i + " of " + count + " with " + threads + " threads");
                    }
                }
            }
        }
    }

    @Test
    void chunksAreContiguousAndTheCallerTakesTheFirst() {
        Parallel.setThreads(2);
        Thread[] ranOn = new Thread[10];
        Parallel.forRange(10, i -> ranOn[i] = Thread.currentThread());
        for (int i = 0; i < 5; i++) {
            assertSame(Thread.currentThread(), ranOn[i], "index " + i);
        }
        for (int i = 6; i < 10; i++) {
            assertSame(ranOn[5], ranOn[i], "index " + i);
        }
    }

    @Test
    void aFailureInAWorkerChunkReachesTheCaller() {
        Parallel.setThreads(3);
        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> Parallel.forRange(9, i -> {
            if (i == 8) {
                throw new IllegalStateException("boom at " + i);
            }
        }));
        assertEquals("boom at 8", thrown.getMessage());
        AtomicIntegerArray visits = new AtomicIntegerArray(9); // the team still works afterwards
        Parallel.forRange(9, visits::incrementAndGet);
        for (int i = 0; i < 9; i++) {
            assertEquals(1, visits.get(i));
        }
    }

    @Test
    void nestedLoopsRunInlineAndCoverEveryPair() {
        Parallel.setThreads(2);
        AtomicIntegerArray visits = new AtomicIntegerArray(12 * 7);
        Parallel.forRange(12, i -> Parallel.forRange(7, j -> visits.incrementAndGet(i * 7 + j)));
        for (int k = 0; k < 12 * 7; k++) {
            assertEquals(1, visits.get(k));
        }
    }

    @Test
    void loopsFromTwoThreadsAtOnceBothComplete() throws Exception {
        Parallel.setThreads(2);
        ExecutorService callers = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch start = new CountDownLatch(1);
            Future<?>[] done = new Future<?>[2];
            for (int c = 0; c < 2; c++) {
                done[c] = callers.submit(() -> {
                    start.await();
                    for (int repeat = 0; repeat < 200; repeat++) {
                        AtomicIntegerArray visits = new AtomicIntegerArray(100);
                        Parallel.forRange(100, visits::incrementAndGet);
                        for (int i = 0; i < 100; i++) {
                            assertEquals(1, visits.get(i));
                        }
                    }
                    return null;
                });
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void workersThatParkedWakeForTheNextLoop() throws InterruptedException {
        Parallel.setThreads(2);
        Parallel.forRange(2, i -> { });
        Thread.sleep(20); // far longer than the spin: the worker is parked
        Thread[] ranOn = new Thread[2];
        Parallel.forRange(2, i -> ranOn[i] = Thread.currentThread());
        assertSame(Thread.currentThread(), ranOn[0]);
        assertEquals(true, ranOn[1] != null && ranOn[1] != Thread.currentThread());
    }
}
