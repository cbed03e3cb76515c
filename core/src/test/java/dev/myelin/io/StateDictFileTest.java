package dev.myelin.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.myelin.nn.BatchNorm1d;
import dev.myelin.nn.LoadReport;
import dev.myelin.nn.Linear;
import dev.myelin.nn.Module;
import dev.myelin.nn.ReLU;
import dev.myelin.nn.Sequential;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link StateDict}: PyTorch's names on disk, exact round trips, half-precision files, and typed errors. */
class StateDictFileTest {
    @TempDir
    Path dir;

    private static Sequential mlp(long seed) {
        Generator gen = new Generator(seed);
        return new Sequential(new Linear(3, 4, gen), new BatchNorm1d(4), new ReLU(), new Linear(4, 2, gen));
    }

    private static Map<String, Tensor> snapshot(Module m) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        m.stateDict().forEach((k, v) -> out.put(k, v.copy()));
        return out;
    }

    private static void assertSameState(Map<String, Tensor> expected, Module actual) {
        Map<String, Tensor> got = actual.stateDict();
        assertEquals(List.copyOf(expected.keySet()), List.copyOf(got.keySet()));
        expected.forEach((k, v) -> assertTrue(v.contentEquals(got.get(k)), k));
    }

    @Test
    void roundTripIsBitIdenticalWithPyTorchNamesAndFormatPt() throws IOException {
        Sequential source = mlp(1);
        source.forward(Tensor.randn(new Generator(9), 5, 3)); // moves the running statistics
        Path file = dir.resolve("mlp.safetensors");

        StateDict.save(source, file);

        SafetensorsFile raw = SafetensorsReader.read(file);
        assertEquals(List.of("0.weight", "0.bias", "1.weight", "1.bias", "1.running_mean", "1.running_var",
                "1.num_batches_tracked", "3.weight", "3.bias"), List.copyOf(raw.tensors().keySet()));
        assertEquals(Map.of("format", "pt"), raw.metadata());
        Sequential target = mlp(2);
        StateDict.load(target, file);
        assertSameState(snapshot(source), target);
    }

    @Test
    void loadsHalfPrecisionFiles() throws IOException {
        // weight [[1, -2]] as BF16 (0x3F80, 0xC000), bias [0.5] as F16 (0x3800)
        String header = "{\"weight\":{\"dtype\":\"BF16\",\"shape\":[1,2],\"data_offsets\":[0,4]},"
                + "\"bias\":{\"dtype\":\"F16\",\"shape\":[1],\"data_offsets\":[4,6]}}";
        Path file = RawFiles.write(dir, "half.safetensors", RawFiles.file(header, RawFiles.u16(0x3F80, 0xC000, 0x3800)));
        Linear fc = new Linear(2, 1, new Generator(3));

        StateDict.load(fc, file);

        assertTrue(Tensor.of(new float[] {1, -2}, 1, 2).contentEquals(fc.weight().value()));
        assertEquals(0.5f, fc.bias().value().item());
    }

    @Test
    void aMissingFileIsANoSuchFileExceptionNamingIt() {
        Path file = dir.resolve("absent.safetensors");
        var e = assertThrows(NoSuchFileException.class, () -> StateDict.load(mlp(1), file));
        assertTrue(e.getMessage().contains("absent.safetensors"), e.getMessage());
    }

    @Test
    void aMalformedFileIsASafetensorsExceptionNamingIt() throws IOException {
        Path file = Files.write(dir.resolve("broken.safetensors"), new byte[] {1, 2, 3});
        var e = assertThrows(SafetensorsException.class, () -> StateDict.load(mlp(1), file));
        assertEquals(file, e.file());
        assertTrue(e.getMessage().contains("broken.safetensors"), e.getMessage());
    }

    @Test
    void mismatchedEntriesAreListedAndNothingIsLoaded() throws IOException {
        Map<String, Tensor> state = snapshot(mlp(1));
        state.remove("1.running_var");
        state.put("3.weight", Tensor.zeros(2, 5));
        state.put("extra", Tensor.zeros(1));
        Path file = dir.resolve("other.safetensors");
        SafetensorsWriter.write(file, state, null);
        Sequential target = mlp(2);
        Map<String, Tensor> before = snapshot(target);

        var e = assertThrows(StateDictException.class, () -> StateDict.load(target, file));

        String msg = e.getMessage();
        assertTrue(msg.startsWith(file.toString()), msg);
        assertTrue(msg.contains("\"1.running_var\"") && msg.contains("\"extra\"")
                && msg.contains("size mismatch for 3.weight"), msg);
        assertEquals(List.of("1.running_var"), e.report().missingKeys());
        assertEquals(List.of("extra"), e.report().unexpectedKeys());
        assertEquals("3.weight", e.report().shapeMismatches().getFirst().key());
        assertEquals(file, e.file());
        assertSameState(before, target);
    }

    @Test
    void nonStrictLoadingLoadsWhatFitsAndReportsTheRest() throws IOException {
        Sequential source = mlp(1);
        Map<String, Tensor> state = snapshot(source);
        state.remove("3.bias");
        state.put("extra", Tensor.zeros(1));
        Path file = dir.resolve("partial.safetensors");
        SafetensorsWriter.write(file, state, null);
        Sequential target = mlp(2);
        Tensor bias = ((Linear) target.get(3)).bias().value().copy();

        LoadReport report = StateDict.load(target, file, false);

        assertFalse(report.isClean());
        assertEquals(List.of("3.bias"), report.missingKeys());
        assertEquals(List.of("extra"), report.unexpectedKeys());
        assertTrue(state.get("0.weight").contentEquals(target.stateDict().get("0.weight")));
        assertTrue(bias.contentEquals(((Linear) target.get(3)).bias().value()), "missing entry left alone");
        assertTrue(StateDict.load(mlp(3), dir.resolve("partial.safetensors"), false).missingKeys().contains("3.bias"));
    }

    @Test
    void strictLoadOfAMatchingFileReturnsACleanReport() throws IOException {
        Path file = dir.resolve("m.safetensors");
        StateDict.save(mlp(1), file);
        assertTrue(StateDict.load(mlp(2), file, true).isClean());
    }
}
