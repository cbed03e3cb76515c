package dev.myelin.fashion.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.myelin.fashion.testing.TinyFashion;
import dev.myelin.fashion.testing.TrainedRuns;
import dev.myelin.testing.Concurrently;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link FashionClassifier} is safe from many threads, as its Javadoc says: 8 threads asking one
 * classifier for 1,000 predictions each (every tenth with a saliency map, a backward pass) get the
 * single-threaded answers bit for bit, while its pool of copies grows from one to four and callers beyond
 * four wait their turn.
 */
class FashionClassifierThreadsTest {
    private static final int THREADS = 8;
    private static final int CALLS = 1_000;

    @TempDir
    Path work;

    private static float[] image(int i) {
        float[] t = TinyFashion.template(i % 10);
        Random random = new Random(i);
        float[] pixels = new float[t.length];
        for (int p = 0; p < t.length; p++) {
            pixels[p] = Math.min(1f, Math.max(0f, t[p] + 0.2f * random.nextFloat()));
        }
        return pixels;
    }

    @Test
    void eightThreadsTimesAThousandPredictionsGetTheSingleThreadedAnswers() throws Exception {
        FashionClassifier classifier = FashionClassifier.load(TrainedRuns.cnn(work), 4);
        int distinct = 30;
        float[][] expected = new float[distinct][];
        float[][] expectedSaliency = new float[distinct][];
        for (int i = 0; i < distinct; i++) {
            expected[i] = classifier.probabilities(image(i));
            expectedSaliency[i] = classifier.saliency(image(i), i % 10);
        }
        int total = Concurrently.run(THREADS, CALLS, (thread, call) -> {
            int i = (thread * 11 + call * 7) % distinct;
            float[] got = classifier.probabilities(image(i));
            if (!Arrays.equals(expected[i], got)) {
                throw new AssertionError("thread " + thread + ", call " + call + ", image " + i + ": "
                        + Arrays.toString(got) + " instead of " + Arrays.toString(expected[i]));
            }
            if (call % 10 == 0 && !Arrays.equals(expectedSaliency[i], classifier.saliency(image(i), i % 10))) {
                throw new AssertionError("thread " + thread + ", call " + call + ": saliency of image " + i
                        + " differs from the single-threaded one");
            }
        });
        assertEquals(THREADS * CALLS, total);
    }
}
