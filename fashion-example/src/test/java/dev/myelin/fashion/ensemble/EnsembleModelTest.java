package dev.myelin.fashion.ensemble;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.myelin.fashion.data.FashionMnist;
import dev.myelin.fashion.eval.Inference;
import dev.myelin.fashion.run.TrainedModel;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EnsembleModelTest {
    /** Gives every image the same logits and a saliency of {@code value} everywhere. */
    private record Constant(float[] logits, float value, String preset) implements TrainedModel {
        @Override
        public float[][] logits(float[][] images) {
            float[][] out = new float[images.length][];
            for (int i = 0; i < images.length; i++) {
                out[i] = logits.clone();
            }
            return out;
        }

        @Override
        public float[][] saliency(float[][] images, int[] classes) {
            float[][] out = new float[images.length][FashionMnist.PIXELS];
            for (float[] row : out) {
                java.util.Arrays.fill(row, value);
            }
            return out;
        }

        @Override
        public Optional<String> saliencyUnavailable() {
            return preset.equals("forest") ? Optional.of("not differentiable") : Optional.empty();
        }
    }

    private static float[] logits(int best) {
        float[] l = new float[FashionMnist.CLASSES];
        l[best] = 3f;
        return l;
    }

    @Test
    void probabilitiesAreTheMembersMean() {
        TrainedModel a = new Constant(logits(1), 1f, "cnn");
        TrainedModel b = new Constant(logits(2), 3f, "mlp");
        EnsembleModel ensemble = new EnsembleModel(List.of(a, b));
        float[][] images = new float[2][FashionMnist.PIXELS];

        float[] p = Inference.probabilities(ensemble, images)[0];
        float[] pa = Inference.probabilities(a, images)[0];
        float[] pb = Inference.probabilities(b, images)[0];
        for (int c = 0; c < p.length; c++) {
            assertEquals((pa[c] + pb[c]) / 2, p[c], 1e-6, "class " + c);
        }
        assertEquals(2f, ensemble.saliency(images, new int[] {0, 1})[1][5], 1e-6f);
        assertEquals("ensemble", ensemble.preset());
    }

    @Test
    void aMemberWithoutSaliencyMakesTheEnsembleWithoutIt() {
        EnsembleModel ensemble = new EnsembleModel(List.of(new Constant(logits(1), 1f, "cnn"),
                new Constant(logits(2), 1f, "forest")));
        assertTrue(ensemble.saliencyUnavailable().orElseThrow().contains("forest"));
        assertThrows(UnsupportedOperationException.class,
                () -> ensemble.saliency(new float[1][FashionMnist.PIXELS], new int[] {0}));
    }

    @Test
    void needsTwoMembers() {
        assertThrows(IllegalArgumentException.class, () -> new EnsembleModel(List.of(new Constant(logits(1), 1f, "cnn"))));
    }
}
