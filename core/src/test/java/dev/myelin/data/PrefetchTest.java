package dev.myelin.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.myelin.parallel.Parallel;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class PrefetchTest {
    /** A loader of one-sample batches, many more than the hand-off holds, so the worker blocks. */
    private static DataLoader manyBatches() {
        return DataLoader.builder(TestData.indexed(1000)).batchSize(1).prefetch(1).build();
    }

    private static List<Thread> liveWorkers() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith(Prefetcher.THREAD_NAME) && t.isAlive()).toList();
    }

    /** Waits up to 5 s for every loader worker thread to end. */
    private static void assertNoWorkerSurvives() throws InterruptedException {
        for (int wait = 0; wait < 100 && !liveWorkers().isEmpty(); wait++) {
            Thread.sleep(50);
        }
        assertEquals(List.of(), liveWorkers());
    }

    @Test
    void breakingOutOfAForEachThenIteratingAgainLeavesNoWorker() throws InterruptedException {
        DataLoader loader = manyBatches();
        for (Batch batch : loader) {
            if (batch.indices()[0] == 2) {
                break;
            }
        }
        assertFalse(liveWorkers().isEmpty(), "the abandoned worker waits to hand over its next batch");
        try (BatchIterator next = loader.iterator()) {
            assertEquals(0, next.next().indices()[0]);
        }
        assertNoWorkerSurvives();
    }

    @Test
    void closingAnIteratorStopsItsWorker() throws InterruptedException {
        Thread worker;
        try (BatchIterator batches = manyBatches().iterator()) {
            batches.next();
            worker = batches.worker();
        }
        worker.join(5000);
        assertFalse(worker.isAlive());
        assertNoWorkerSurvives();
    }

    @Test
    void theWorkerEndsAfterTheLastBatch() throws InterruptedException {
        BatchIterator batches = DataLoader.builder(TestData.indexed(10)).batchSize(3).prefetch(2).build().iterator();
        Thread worker = batches.worker();
        int n = 0;
        while (batches.hasNext()) {
            batches.next();
            n++;
        }
        assertEquals(4, n);
        worker.join(5000);
        assertFalse(worker.isAlive());
    }

    // The iterator counts the time its consumer spends in next(): 3 batches whose samples sleep 2 ms
    // each keep it at least 6 ms when it prepares them (samples may run in parallel), and at least
    // 2 ms when it waits for a prefetch thread that prepares the first batch (4 ms) as it starts.
    @Property(tries = 2)
    void theTimeSpentWaitingForBatchesIsCounted(@ForAll @IntRange(min = 0, max = 1) int prefetch) {
        Transform slow = (image, random) -> {
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        try (BatchIterator batches = DataLoader.builder(TestData.random(1, 6, 1, 2, 2)).batchSize(2).prefetch(prefetch)
                .transform(slow).build().iterator()) {
            assertEquals(0, batches.waitNanos());
            while (batches.hasNext()) {
                batches.next();
            }
            assertTrue(batches.waitNanos() >= (prefetch == 0 ? 6_000_000L : 2_000_000L),
                    "waited " + batches.waitNanos() + " ns");
        }
    }

    // By default a prefetch thread runs only on a core the compute threads leave free.
    @Test
    void byDefaultAPrefetchThreadRunsOnlyWhenACoreIsFree() {
        int before = Parallel.threads();
        int cores = Runtime.getRuntime().availableProcessors();
        try {
            Parallel.setThreads(cores);
            assertNull(DataLoader.builder(TestData.indexed(10)).batchSize(3).build().iterator().worker());
            if (cores > 1) {
                Parallel.setThreads(cores - 1);
                BatchIterator batches = DataLoader.builder(TestData.indexed(10)).batchSize(3).build().iterator();
                assertNotNull(batches.worker());
                batches.close();
            }
        } finally {
            Parallel.setThreads(before);
        }
    }

    /** Starts an iteration, takes one batch and drops the iterator; returns its worker. */
    private static Thread abandonIteration(DataLoader loader) {
        BatchIterator batches = loader.iterator();
        batches.next();
        return batches.worker();
    }

    @Test
    void aGarbageCollectedIteratorStopsItsWorker() throws InterruptedException {
        DataLoader loader = manyBatches();
        Thread worker = abandonIteration(loader);
        for (int attempt = 0; attempt < 100 && worker.isAlive(); attempt++) {
            System.gc();
            worker.join(100);
        }
        assertFalse(worker.isAlive(), "the worker of an unreachable iterator is still running");
    }

    @Property(tries = 20)
    void anExceptionInATransformReachesTheConsumer(@ForAll @IntRange(min = 0, max = 2) int prefetch,
            @ForAll @IntRange(min = 1, max = 8) int batchSize) throws InterruptedException {
        AtomicReference<RuntimeException> thrown = new AtomicReference<>();
        Transform failOnSample5 = (image, random) -> {
            if (TestData.decode(image.data(), image.offset()) == 5) {
                RuntimeException e = new IllegalStateException("boom");
                thrown.set(e);
                throw e;
            }
        };
        DataLoader loader = DataLoader.builder(TestData.indexed(20)).batchSize(batchSize).prefetch(prefetch)
                .transform(failOnSample5).build();
        BatchIterator batches = loader.iterator();
        Thread worker = batches.worker();
        int consumed = 0;
        try {
            while (batches.hasNext()) {
                batches.next();
                consumed++;
            }
            fail("the transform's exception was swallowed");
        } catch (DataLoaderException e) {
            assertSame(thrown.get(), e.getCause());
            assertTrue(e.getMessage().contains("dataset sample 5"), e.getMessage());
        }
        assertEquals(5 / batchSize, consumed, "the batches before the failing one arrive");
        assertFalse(batches.hasNext());
        assertEquals(0, loader.epoch());
        if (worker != null) {
            worker.join(5000);
            assertFalse(worker.isAlive());
        }
    }

    @Test
    void anExceptionInTheDatasetReachesTheConsumer() {
        Dataset broken = new Dataset() {
            @Override
            public int size() {
                return 4;
            }

            @Override
            public int[] sampleShape() {
                return new int[] {1};
            }

            @Override
            public int label(int index) {
                return 0;
            }

            @Override
            public void readInto(int index, float[] destination, int offset) {
                throw new UnsupportedOperationException("cannot read " + index);
            }
        };
        BatchIterator batches = DataLoader.builder(broken).batchSize(2).prefetch(2).build().iterator();
        DataLoaderException e = assertThrows(DataLoaderException.class, batches::next);
        assertTrue(e.getCause() instanceof UnsupportedOperationException, String.valueOf(e.getCause()));
    }
}
