package dev.myelin.golden;

import static dev.myelin.golden.Fixtures.tensor;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.myelin.io.SafetensorsFile;
import dev.myelin.io.StateDict;
import dev.myelin.nn.Sequential;
import dev.myelin.tensor.Grad;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The other direction of {@link GoldenStateDictInteropTest}: a state dict that Myelin saved
 * ({@link TorchLoadFixture}) loads into the same architecture written with {@code torch.nn}, by
 * {@code load_state_dict(strict=True)}, and PyTorch then computes Myelin's logits
 * ({@code tools/golden/make_torch_load_golden.py}).
 *
 * <p>Tolerance 1e-4 absolute on logits of magnitude about 1: both sides compute in float32 from the
 * same weights and differ only by summation order (sums of at most 72 terms), about 1e-7. A name or
 * layout PyTorch read differently (a transposed weight, a running statistic in the wrong place) would
 * move the logits by a large fraction of their scale; a missing or unexpected key fails the script.
 */
class GoldenTorchLoadTest {
    @TempDir
    Path dir;

    @Test
    void myelinStillSavesTheFixtureByteForByte() throws IOException {
        Path saved = dir.resolve(TorchLoadFixture.STATE);
        StateDict.save(TorchLoadFixture.network(2024), saved);
        Path fixture = Fixtures.directory().resolve("nn").resolve(TorchLoadFixture.STATE);
        assertArrayEquals(Files.readAllBytes(fixture), Files.readAllBytes(saved),
                "Myelin's state-dict bytes changed; if on purpose, rerun TorchLoadFixture.main and the script");
    }

    @Test
    void pyTorchLoadsMyelinsStateDictAndComputesMyelinsLogits() throws IOException {
        SafetensorsFile io = Fixtures.load("nn/" + TorchLoadFixture.IO);
        Sequential model = TorchLoadFixture.network(1); // other weights, all overwritten by the load
        StateDict.load(model, Fixtures.directory().resolve("nn").resolve(TorchLoadFixture.STATE));
        model.eval();
        float[] actual;
        try (var scope = Grad.disabled()) {
            actual = model.forward(tensor(io, "x")).toArray();
        }
        float[] expected = tensor(io, "logits").toArray();
        assertEquals(expected.length, actual.length);
        double max = 0;
        for (int i = 0; i < expected.length; i++) {
            max = Math.max(max, Math.abs((double) expected[i] - actual[i]));
        }
        System.out.printf("Myelin state dict in PyTorch: max |Myelin - PyTorch| logits = %.3g (%d logits)%n", max,
                expected.length);
        assertTrue(max <= 1e-4, "max difference " + max);
    }
}
