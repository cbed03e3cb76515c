package dev.myelin.fashion.explore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.myelin.fashion.data.FashionMnist;
import dev.myelin.fashion.data.ImageSet;
import dev.myelin.fashion.testing.TinyFashion;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassStatisticsTest {
    @TempDir
    Path data;

    @Test
    void aHandWorkedCase() {
        // Two 1x2 images of class 0 and one of class 1; pixel values 0..255.
        ImageSet images = new ImageSet(new byte[] {0, (byte) 255, (byte) 204, (byte) 255, 51, 0}, new int[] {0, 0, 1}, 1, 2);

        ClassStatistics stats = ClassStatistics.of(images, 2);

        assertEquals(2, stats.count(0));
        assertArrayEquals(new float[] {0.4f, 1f}, stats.mean(0), 1e-6f);
        assertArrayEquals(new float[] {0.4f, 0f}, stats.deviation(0), 1e-6f); // |0 - 0.4| = |0.8 - 0.4| = 0.4
        assertArrayEquals(new float[] {0.2f, 0f}, stats.mean(1), 1e-6f);
        assertArrayEquals(new float[] {0f, 0f}, stats.deviation(1), 1e-6f);
        assertEquals(0.4f, stats.maxDeviation(), 1e-6f);
    }

    @Test
    void meansAndDeviationsMatchAPlainTwoPassComputation() throws Exception {
        TinyFashion.write(data, 230, 10, 5);
        ImageSet images = FashionMnist.loadTrain(data);

        ClassStatistics stats = ClassStatistics.of(images, FashionMnist.CLASSES);

        for (int c = 0; c < FashionMnist.CLASSES; c++) {
            double[] mean = new double[FashionMnist.PIXELS];
            int n = 0;
            for (int i = 0; i < images.size(); i++) {
                if (images.label(i) == c) {
                    n++;
                    float[] image = images.image(i);
                    for (int p = 0; p < mean.length; p++) {
                        mean[p] += image[p];
                    }
                }
            }
            for (int p = 0; p < mean.length; p++) {
                mean[p] /= n;
            }
            double[] variance = new double[FashionMnist.PIXELS];
            for (int i = 0; i < images.size(); i++) {
                if (images.label(i) == c) {
                    float[] image = images.image(i);
                    for (int p = 0; p < mean.length; p++) {
                        variance[p] += (image[p] - mean[p]) * (image[p] - mean[p]) / n;
                    }
                }
            }
            assertEquals(n, stats.count(c));
            float[] means = stats.mean(c);
            float[] deviations = stats.deviation(c);
            for (int p = 0; p < mean.length; p++) {
                assertEquals(mean[p], means[p], 1e-6, "mean of class " + c + ", pixel " + p);
                assertEquals(Math.sqrt(variance[p]), deviations[p], 1e-5, "deviation of class " + c + ", pixel " + p);
            }
        }
    }

    @Test
    void theHistogramCountsEveryPixelByIntensity() {
        ImageSet images = new ImageSet(new byte[] {0, 0, 0, 7, (byte) 255, 7}, new int[] {0, 1, 2}, 1, 2);

        PixelHistogram histogram = PixelHistogram.of(images);

        assertEquals(6, histogram.total());
        assertEquals(3, histogram.counts()[0]);
        assertEquals(2, histogram.counts()[7]);
        assertEquals(1, histogram.counts()[255]);
        assertEquals(0.5, histogram.zeroFraction(), 1e-12);
        assertEquals((7 + 7 + 255) / 6.0 / 255, histogram.mean(), 1e-12);
    }
}
