package dev.myelin.fashion.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.myelin.fashion.data.FashionMnist;
import dev.myelin.fashion.run.TrainedModel;
import org.junit.jupiter.api.Test;

class MirrorAveragedTest {
    /** Scores the ink of the left half against the right half: a model that tells an image from its mirror. */
    private static final TrainedModel LEFT_OR_RIGHT = new TrainedModel() {
        @Override
        public float[][] logits(float[][] images) {
            float[][] out = new float[images.length][FashionMnist.CLASSES];
            for (int i = 0; i < images.length; i++) {
                for (int p = 0; p < FashionMnist.PIXELS; p++) {
                    out[i][p % FashionMnist.COLS < FashionMnist.COLS / 2 ? 0 : 1] += images[i][p];
                }
            }
            return out;
        }

        @Override
        public float[][] saliency(float[][] images, int[] classes) {
            throw new UnsupportedOperationException();
        }

        @Override
        public String preset() {
            return "halves";
        }
    };

    @Test
    void mirroringFlipsEachRowAndTwiceGivesTheImageBack() {
        float[] image = new float[FashionMnist.PIXELS];
        for (int p = 0; p < image.length; p++) {
            image[p] = p;
        }
        float[] once = MirrorAveraged.mirrored(new float[][] {image})[0];
        assertEquals(27f, once[0]);
        assertEquals(28f + 27f, once[28]);
        assertEquals(0f, once[27]);
        assertArrayEquals(image, MirrorAveraged.mirrored(new float[][] {once})[0]);
    }

    @Test
    void probabilitiesAreTheMeanOfTheImageAndItsMirror() {
        float[] image = new float[FashionMnist.PIXELS];
        image[0] = 2f; // ink on the left only
        TrainedModel tta = new MirrorAveraged(LEFT_OR_RIGHT);

        float[] p = Inference.probabilities(tta, new float[][] {image})[0];
        float[] plain = Inference.probabilities(LEFT_OR_RIGHT, new float[][] {image})[0];
        float[] mirror = Inference.probabilities(LEFT_OR_RIGHT, MirrorAveraged.mirrored(new float[][] {image}))[0];
        for (int c = 0; c < p.length; c++) {
            assertEquals((plain[c] + mirror[c]) / 2, p[c], 1e-6, "class " + c);
        }
        assertEquals(p[0], p[1], 1e-6, "the two views disagree exactly, so the mean is symmetric");
        assertEquals("halves", tta.preset());
    }
}
