package dev.myelin.fashion.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.myelin.fashion.eval.Inference;
import dev.myelin.fashion.predict.ImageInputException;
import dev.myelin.fashion.run.RunDirectory;
import dev.myelin.fashion.train.PresetModelLoader;
import dev.myelin.fashion.testing.TinyFashion;
import dev.myelin.fashion.testing.TrainedRuns;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FashionClassifierTest {
    @TempDir
    static Path work;

    static Path run;

    @BeforeAll
    static void train() {
        run = TrainedRuns.cnn(work);
    }

    private static float[] noisy(int c, long seed) {
        Random random = new Random(seed);
        float[] pixels = TinyFashion.template(c);
        for (int p = 0; p < pixels.length; p++) {
            pixels[p] = Math.clamp(pixels[p] * 0.8f + random.nextFloat() * 0.2f, 0f, 1f);
        }
        return pixels;
    }

    @Test
    void predictsWhatTheRunsModelPredicts() throws Exception {
        FashionClassifier classifier = FashionClassifier.load(run);
        float[] pixels = noisy(3, 1);
        float[] expected = Inference.probabilities(PresetModelLoader.loadRun(run), new float[][] {pixels})[0];
        List<Prediction> top = classifier.predictPixels(pixels, 3);
        assertEquals(3, top.size());
        assertEquals(Inference.argmax(expected), top.get(0).label());
        assertEquals("Dress", top.get(0).className());
        for (Prediction p : top) {
            assertEquals(expected[p.label()], p.probability());
        }
        assertTrue(top.get(0).probability() >= top.get(1).probability());
        assertEquals("cnn", classifier.preset());
        assertEquals(10, classifier.classNames().size());
    }

    @Test
    void picturesAsBytesAndAsImages() throws Exception {
        FashionClassifier classifier = FashionClassifier.load(run);
        assertEquals("Sneaker", classifier.predict(TrainedRuns.png(7), false, 1).get(0).className());
        var image = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(TrainedRuns.png(1)));
        assertEquals("Trouser", classifier.predict(image, false, 1).get(0).className());
        var error = assertThrows(ImageInputException.class, () -> classifier.predict("not a picture".getBytes(), false, 1));
        assertTrue(error.getMessage().contains("not an image"), error.getMessage());
    }

    @Test
    void refusesWhatIsNotAnImage() throws Exception {
        FashionClassifier classifier = FashionClassifier.load(run);
        assertThrows(IllegalArgumentException.class, () -> classifier.predictPixels(new float[783], 1));
        float[] bad = new float[784];
        bad[5] = Float.NaN;
        assertThrows(IllegalArgumentException.class, () -> classifier.predictPixels(bad, 1));
        assertThrows(IllegalArgumentException.class, () -> classifier.predictPixels(new float[784], 0));
        assertThrows(IllegalArgumentException.class, () -> classifier.saliency(new float[784], 10));
    }

    @Test
    void saliencyIsTheGradientOfTheChosenClass() throws Exception {
        FashionClassifier classifier = FashionClassifier.load(run);
        float[] saliency = classifier.saliency(noisy(4, 2), 4);
        assertEquals(784, saliency.length);
        double total = 0;
        for (float s : saliency) {
            total += Math.abs(s);
        }
        assertTrue(total > 0, "a trained cnn's saliency is not all zero");
    }

    @Test
    void manyThreadsAtOnceGetTheSingleThreadedAnswers() throws Exception {
        FashionClassifier classifier = FashionClassifier.load(run, 3);
        int images = 40;
        float[][] expected = new float[images][];
        float[][] expectedSaliency = new float[images][];
        for (int i = 0; i < images; i++) {
            expected[i] = classifier.probabilities(noisy(i % 10, i));
            expectedSaliency[i] = classifier.saliency(noisy(i % 10, i), i % 10);
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int offset = t;
                futures.add(pool.submit(() -> {
                    for (int round = 0; round < 25; round++) {
                        int i = (offset * 7 + round) % images;
                        assertArrayEquals(expected[i], classifier.probabilities(noisy(i % 10, i)));
                        assertArrayEquals(expectedSaliency[i], classifier.saliency(noisy(i % 10, i), i % 10));
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
