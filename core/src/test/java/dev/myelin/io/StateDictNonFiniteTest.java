package dev.myelin.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.myelin.nn.BatchNorm1d;
import dev.myelin.nn.LoadReport;
import dev.myelin.nn.Linear;
import dev.myelin.nn.ReLU;
import dev.myelin.nn.Sequential;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Tensor;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loading weights that hold NaN or infinity (a diverged training) succeeds, as in PyTorch, but the report
 * names them, so that a program can say its model is meaningless instead of answering with confidence.
 */
class StateDictNonFiniteTest {
    @TempDir
    Path dir;

    private static Sequential model(long seed) {
        Generator gen = new Generator(seed);
        return new Sequential(new Linear(4, 3, gen), new BatchNorm1d(3), new ReLU(), new Linear(3, 2, gen));
    }

    @Test
    void loadNamesTheEntriesHoldingNanOrInfinity() throws Exception {
        Sequential trained = model(1);
        var state = trained.stateDict();
        state.get("0.bias").array()[state.get("0.bias").arrayOffset() + 1] = Float.NaN;
        state.get("1.running_var").array()[state.get("1.running_var").arrayOffset()] = Float.POSITIVE_INFINITY;
        Path file = dir.resolve("model.safetensors");
        StateDict.save(trained, file);

        Sequential fresh = model(2);
        LoadReport report = StateDict.load(fresh, file);
        assertTrue(report.isClean(), "keys and shapes fit: " + report.describe());
        assertEquals(List.of("0.bias", "1.running_var"), report.nonFiniteKeys());
        assertTrue(Float.isNaN(fresh.stateDict().get("0.bias").array()[1]), "loaded all the same");

        assertEquals(List.of("0.bias", "1.running_var"), StateDict.load(model(3), file, false).nonFiniteKeys());
    }

    @Test
    void finiteWeightsGiveAnEmptyList() throws Exception {
        Path file = dir.resolve("ok.safetensors");
        StateDict.save(model(1), file);
        assertEquals(List.of(), StateDict.load(model(2), file).nonFiniteKeys());
    }

    @Test
    void onlyLoadedEntriesAreReported() {
        Sequential m = model(1);
        Map<String, Tensor> state = Map.of("0.weight", Tensor.full(Float.NaN, 3, 4), "extra", Tensor.full(Float.NaN, 1));
        LoadReport report = m.loadStateDict(state, false);
        assertEquals(List.of("0.weight"), report.nonFiniteKeys());
        assertEquals(List.of("extra"), report.unexpectedKeys());
    }

    @Test
    void allFiniteSpotsNanAndInfinity() {
        assertFalse(Tensor.of(new float[] {0, 1, 2, Float.NaN}, 4).allFinite());
        assertFalse(Tensor.of(new float[] {Float.NEGATIVE_INFINITY, 1}, 2).allFinite());
        assertTrue(Tensor.of(new float[] {Float.MAX_VALUE, -Float.MIN_VALUE}, 2).allFinite());
        assertTrue(Tensor.zeros(0).allFinite());
        assertTrue(Tensor.arange(5).allFinite());
    }
}
