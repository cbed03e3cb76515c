package dev.myelin.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.myelin.parallel.Parallel;
import dev.myelin.tensor.Generator;
import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** The augmentation of sample i in epoch e depends only on (seed, e, i). */
class ReproducibilityTest {
    private static final int N = 37;
    private static final int SAMPLE = 3 * 8 * 8;

    private static Transform augmentation() {
        return new Compose(new RandomCrop(8, 2), new RandomHorizontalFlip(),
                new Normalize(new float[] {0.5f, 0.4f, 0.3f}, new float[] {0.2f, 0.25f, 0.3f}), new RandomErasing());
    }

    /** Each sample of one epoch as the loader produced it, by dataset index. */
    private static float[][] samplesOfEpoch(ImageDataset data, long seed, int epoch, int batchSize, int prefetch) {
        DataLoader loader = DataLoader.builder(data).batchSize(batchSize).shuffle(true).seed(seed).prefetch(prefetch)
                .transform(augmentation()).build();
        loader.setEpoch(epoch);
        float[][] samples = new float[N][];
        for (Batch batch : loader) {
            float[] array = batch.inputs().array();
            for (int s = 0; s < batch.size(); s++) {
                int from = batch.inputs().arrayOffset() + s * SAMPLE;
                samples[batch.indices()[s]] = Arrays.copyOfRange(array, from, from + SAMPLE);
            }
        }
        return samples;
    }

    @Property(tries = 10)
    void batchSizeThreadsAndPrefetchingDoNotChangeTheSamples(@ForAll long seed) {
        ImageDataset data = TestData.random(seed, N, 3, 8, 8);
        int threads = Parallel.threads();
        try {
            Parallel.setThreads(1);
            float[][] reference = samplesOfEpoch(data, seed, 3, 1, 0);
            Parallel.setThreads(3);
            assertArrayEquals(reference, samplesOfEpoch(data, seed, 3, 5, 2));
            assertArrayEquals(reference, samplesOfEpoch(data, seed, 3, 64, 1));
            assertArrayEquals(reference, samplesOfEpoch(data, seed, 3, 7, 0));

            // The rule itself: the sample's own generator, seeded from (seed, epoch, index).
            for (int index = 0; index < N; index++) {
                float[] expected = new float[SAMPLE];
                data.readInto(index, expected, 0);
                augmentation().apply(new ImageView(expected, 0, 3, 8, 8), new Generator(Seeds.sample(seed, 3, index)));
                assertArrayEquals(expected, reference[index]);
            }
        } finally {
            Parallel.setThreads(threads);
        }
    }

    @Test
    void anotherEpochAugmentsDifferently() {
        ImageDataset data = TestData.random(2, N, 3, 8, 8);
        float[][] epoch3 = samplesOfEpoch(data, 11, 3, 8, 2);
        float[][] epoch4 = samplesOfEpoch(data, 11, 4, 8, 2);
        int same = 0;
        for (int i = 0; i < N; i++) {
            same += Arrays.equals(epoch3[i], epoch4[i]) ? 1 : 0;
        }
        // A sample may draw the same crop, flip and erasing twice by chance (about one in 100 here).
        assertTrue(same <= 3, same + " of " + N + " samples augmented identically in two epochs");
    }

    @Test
    void aResumedRunMatchesAnUninterruptedOne() {
        ImageDataset data = TestData.random(9, N, 3, 8, 8);
        DataLoader uninterrupted = DataLoader.builder(data).batchSize(6).shuffle(true).seed(21)
                .transform(augmentation()).build();
        float[][] epoch2 = null;
        for (int epoch = 0; epoch < 3; epoch++) {
            float[][] all = new float[uninterrupted.numBatches()][];
            int k = 0;
            for (Batch batch : uninterrupted) {
                all[k++] = batch.inputs().toArray();
            }
            epoch2 = all;
        }

        DataLoader resumed = DataLoader.builder(data).batchSize(6).shuffle(true).seed(21)
                .transform(augmentation()).build();
        resumed.setEpoch(2);
        int k = 0;
        for (Batch batch : resumed) {
            assertArrayEquals(epoch2[k++], batch.inputs().toArray());
        }
        assertEquals(3, resumed.epoch());
    }
}
