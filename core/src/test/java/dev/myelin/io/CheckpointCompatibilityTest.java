package dev.myelin.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.myelin.tensor.Tensor;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every build reads the checkpoints that earlier builds wrote. {@code checkpoints/v1-tiny.ckpt} was
 * written once by {@link CheckpointFixtures} with format version 1 and is never regenerated; this test
 * restores it into freshly built objects and checks the result against hard-coded numbers and against
 * {@code v1-tiny.expected.safetensors}, a plain safetensors file of the same tensors. When the format
 * version goes up, add the new version's fixture and keep the old ones.
 */
class CheckpointCompatibilityTest {
    private static Path resource(String name) {
        URL url = CheckpointCompatibilityTest.class.getResource("/checkpoints/" + name);
        assertNotNull(url, "missing checkpoints/" + name + "; see CheckpointFixtures (never regenerate an old fixture)");
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void everyFormatVersionHasAFixture() {
        for (int v = 1; v <= Checkpoint.FORMAT_VERSION; v++) {
            resource("v" + v + "-tiny.ckpt");
            resource("v" + v + "-tiny.expected.safetensors");
        }
    }

    @Test
    void version1RestoresToTheValuesItWasWrittenWith() throws IOException {
        Checkpoint c = Checkpoint.load(resource("v1-tiny.ckpt"));
        assertEquals(1, c.formatVersion());
        assertEquals(1, c.epoch());
        assertEquals(3, c.step());
        assertEquals(Map.of("loss", 0.5858420133590698, "accuracy", 0.6), c.metrics());
        assertEquals(List.of("loss", "accuracy"), List.copyOf(c.metrics().keySet()));
        assertEquals("dev.myelin.optim.Adam", c.optimizerType());
        assertEquals("dev.myelin.optim.StepLR", c.schedulerType());

        CheckpointFixtures.Tiny t = CheckpointFixtures.tiny(99);
        c.restoreInto(t.model(), t.optimizer(), t.scheduler(), Map.of("data", t.data()));

        assertArrayEquals(new long[] {-5532670822247851798L, 4597842223594027292L}, t.data().state());
        assertEquals(0.005, t.optimizer().lr());
        assertEquals(3, t.scheduler().lastEpoch());
        assertEquals(0.01, t.scheduler().baseLr(0));
        Map<String, Double> scalars = t.optimizer().stateScalars();
        for (int p = 0; p < 6; p++) {
            assertEquals(3.0, scalars.get("group0.param" + p + ".step"));
        }
        Map<String, Tensor> model = t.model().stateDict();
        assertEquals(1042573122, Float.floatToRawIntBits(model.get("0.weight").toArray()[0]));
        assertEquals(1062097239, Float.floatToRawIntBits(model.get("1.running_var").toArray()[0]));
        assertEquals(3f, model.get("1.num_batches_tracked").item());
        assertEquals(938628966, Float.floatToRawIntBits(
                t.optimizer().stateTensors().get("group0.param5.exp_avg_sq").toArray()[0]));

        Map<String, Tensor> expected = SafetensorsReader.read(resource("v1-tiny.expected.safetensors")).tensors();
        Map<String, Tensor> optimizer = t.optimizer().stateTensors();
        assertEquals(model.size() + optimizer.size(), expected.size());
        model.forEach((k, v) -> assertBits(expected.get("model." + k), v, "model." + k));
        optimizer.forEach((k, v) -> assertBits(expected.get("optimizer." + k), v, "optimizer." + k));
    }

    private static void assertBits(Tensor expected, Tensor actual, String name) {
        assertNotNull(expected, name + " missing from the expected tensors");
        assertArrayEquals(expected.dims(), actual.dims(), name);
        float[] e = expected.toArray();
        float[] a = actual.toArray();
        for (int i = 0; i < e.length; i++) {
            assertEquals(Float.floatToRawIntBits(e[i]), Float.floatToRawIntBits(a[i]), name + "[" + i + "]");
        }
        assertTrue(e.length > 0, name);
    }
}
