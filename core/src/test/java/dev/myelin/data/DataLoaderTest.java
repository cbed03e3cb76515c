package dev.myelin.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class DataLoaderTest {
    @Property(tries = 150)
    void everyEpochVisitsEverySampleOnce(@ForAll @IntRange(min = 0, max = 300) int n,
            @ForAll @IntRange(min = 1, max = 70) int batchSize, @ForAll boolean shuffle, @ForAll boolean dropLast,
            @ForAll @IntRange(min = 0, max = 2) int prefetch, @ForAll long seed) {
        DataLoader loader = DataLoader.builder(TestData.indexed(n)).batchSize(batchSize).shuffle(shuffle).seed(seed)
                .dropLast(dropLast).prefetch(prefetch).build();
        int expectedBatches = dropLast ? n / batchSize : (n + batchSize - 1) / batchSize;
        int expectedSamples = dropLast ? n / batchSize * batchSize : n;
        assertEquals(expectedBatches, loader.numBatches());

        int[] visited = new int[n];
        int batches = 0;
        int samples = 0;
        for (Batch batch : loader) {
            batches++;
            int size = batch.size();
            assertEquals(batches < expectedBatches ? batchSize : expectedSamples - (batches - 1) * batchSize, size);
            assertArrayEquals(new int[] {size, 1, 1, 2}, batch.inputs().dims());
            float[] data = batch.inputs().array();
            for (int s = 0; s < size; s++) {
                int index = batch.indices()[s];
                assertEquals(index, TestData.decode(data, batch.inputs().arrayOffset() + 2 * s));
                assertEquals(index % 10, batch.labels()[s]);
                assertEquals(0, visited[index]++, "sample " + index + " visited twice");
                samples++;
            }
        }
        assertEquals(expectedBatches, batches);
        assertEquals(expectedSamples, samples);
        assertEquals(1, loader.epoch(), "a completed iteration advances the epoch");
    }

    @Property(tries = 50)
    void batchesFollowTheEpochsOrder(@ForAll long seed, @ForAll boolean dropLast) {
        DataLoader loader = DataLoader.builder(TestData.indexed(103)).batchSize(10).shuffle(true).seed(seed)
                .dropLast(dropLast).build();
        for (int epoch = 0; epoch < 3; epoch++) {
            int[] order = loader.order(epoch);
            int position = 0;
            for (Batch batch : loader) {
                for (int index : batch.indices()) {
                    assertEquals(order[position++], index);
                }
            }
            assertEquals(dropLast ? 100 : 103, position);
        }
    }

    @Property(tries = 50)
    void theOrderDependsOnlyOnSeedAndEpoch(@ForAll long seed) {
        DataLoader a = DataLoader.builder(TestData.indexed(100)).shuffle(true).seed(seed).build();
        DataLoader b = DataLoader.builder(TestData.indexed(100)).batchSize(7).shuffle(true).seed(seed).build();
        DataLoader otherSeed = DataLoader.builder(TestData.indexed(100)).shuffle(true).seed(seed + 1).build();
        for (int epoch = 0; epoch < 4; epoch++) {
            int[] order = a.order(epoch);
            assertArrayEquals(order, b.order(epoch));
            assertArrayEquals(order, a.order(epoch));
            assertFalse(Arrays.equals(order, a.order(epoch + 1)), "two epochs in the same order");
            assertFalse(Arrays.equals(order, otherSeed.order(epoch)), "two seeds in the same order");
            int[] sorted = order.clone();
            Arrays.sort(sorted);
            assertArrayEquals(identity(100), sorted);
        }
    }

    @Test
    void withoutShuffleTheOrderIsTheDatasetsOrder() {
        DataLoader loader = DataLoader.builder(TestData.indexed(20)).seed(5).build();
        assertArrayEquals(identity(20), loader.order(0));
        assertArrayEquals(identity(20), loader.order(9));
    }

    @Test
    void theEpochAdvancesOnlyAfterACompleteIteration() {
        DataLoader loader = DataLoader.builder(TestData.indexed(10)).batchSize(3).shuffle(true).seed(1).build();
        assertEquals(0, loader.epoch());
        loader.forEach(batch -> { });
        assertEquals(1, loader.epoch());

        try (BatchIterator abandoned = loader.iterator()) {
            assertEquals(1, abandoned.epoch());
            abandoned.next();
        }
        assertEquals(1, loader.epoch(), "an abandoned iteration leaves the epoch alone");

        BatchIterator batches = loader.iterator();
        assertEquals(1, batches.epoch());
        assertArrayEquals(Arrays.copyOf(loader.order(1), 3), batches.next().indices());
        while (batches.hasNext()) {
            batches.next();
        }
        assertEquals(2, loader.epoch());
        assertThrows(NoSuchElementException.class, batches::next);

        loader.setEpoch(7);
        try (BatchIterator resumed = loader.iterator()) {
            assertEquals(7, resumed.epoch());
            assertArrayEquals(Arrays.copyOf(loader.order(7), 3), resumed.next().indices());
        }
        assertThrows(IllegalArgumentException.class, () -> loader.setEpoch(-1));
    }

    @Test
    void anEmptyEpochStillCompletes() {
        DataLoader loader = DataLoader.builder(TestData.indexed(5)).batchSize(8).dropLast(true).build();
        assertEquals(0, loader.numBatches());
        assertFalse(loader.iterator().hasNext());
        assertEquals(1, loader.epoch());
    }

    @Test
    void startingANewIterationStopsTheOldOne() {
        DataLoader loader = DataLoader.builder(TestData.indexed(50)).batchSize(5).build();
        BatchIterator old = loader.iterator();
        old.next();
        BatchIterator current = loader.iterator();
        var e = assertThrows(IllegalStateException.class, old::hasNext);
        assertTrue(e.getMessage().contains("new one"), e.getMessage());
        assertFalse(old.hasNext(), "the stopped iteration is closed");
        assertArrayEquals(identity(5), current.next().indices());
        current.close();
    }

    @Test
    void batchesStayValidWhileLaterOnesArePrepared() {
        ImageDataset data = TestData.random(4, 40, 3, 4, 4);
        DataLoader loader = DataLoader.builder(data).batchSize(3).shuffle(true).seed(8).prefetch(2).build();
        List<Batch> kept = new ArrayList<>();
        loader.forEach(kept::add);
        float[] expected = new float[48];
        for (Batch batch : kept) {
            for (Batch other : kept) {
                if (other != batch) {
                    assertNotSame(batch.inputs().array(), other.inputs().array());
                }
            }
            for (int s = 0; s < batch.size(); s++) {
                data.readInto(batch.indices()[s], expected, 0);
                int from = batch.inputs().arrayOffset() + 48 * s;
                assertArrayEquals(expected, Arrays.copyOfRange(batch.inputs().array(), from, from + 48));
            }
        }
    }

    @Test
    void anyDatasetImplementationCanBeLoaded() {
        Dataset squares = new Dataset() {
            @Override
            public int size() {
                return 5;
            }

            @Override
            public int[] sampleShape() {
                return new int[] {2};
            }

            @Override
            public int label(int index) {
                return index;
            }

            @Override
            public void readInto(int index, float[] destination, int offset) {
                destination[offset] = index;
                destination[offset + 1] = index * index;
            }
        };
        BatchIterator batches = DataLoader.builder(squares).batchSize(4).build().iterator();
        Batch first = batches.next();
        assertArrayEquals(new int[] {4, 2}, first.inputs().dims());
        assertArrayEquals(new float[] {0, 0, 1, 1, 2, 4, 3, 9}, first.inputs().toArray());
        Batch last = batches.next();
        assertArrayEquals(new float[] {4, 16}, last.inputs().toArray());
        assertArrayEquals(new int[] {4}, last.labels());
        assertFalse(batches.hasNext());

        var e = assertThrows(IllegalArgumentException.class,
                () -> DataLoader.builder(squares).transform(new RandomHorizontalFlip()).build());
        assertTrue(e.getMessage().contains("(C, H, W)"), e.getMessage());
    }

    @Test
    void builderRejectsBadSettings() {
        DataLoader.Builder builder = DataLoader.builder(TestData.indexed(3));
        assertThrows(IllegalArgumentException.class, () -> builder.batchSize(0));
        assertThrows(IllegalArgumentException.class, () -> builder.prefetch(-1));
        assertThrows(NullPointerException.class, () -> DataLoader.builder(null));
    }

    static int[] identity(int n) {
        int[] order = new int[n];
        Arrays.setAll(order, i -> i);
        return order;
    }
}
