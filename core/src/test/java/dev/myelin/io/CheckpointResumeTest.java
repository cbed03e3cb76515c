package dev.myelin.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.myelin.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Resuming is exact: K steps, save, load into freshly built objects (other initial weights, other
 * generator seeds), N - K more steps gives bit for bit the parameters, buffers, optimizer state,
 * scheduler state, learning rate and generator states of N uninterrupted steps.
 */
class CheckpointResumeTest {
    private static final int SAVE_AFTER = 5;
    private static final long INIT_SEED = 11;
    private static final long DATA_SEED = 21;

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(TinyRun.Kind.class)
    void resumingFromACheckpointIsBitIdentical(TinyRun.Kind kind) throws IOException {
        TinyRun straight = new TinyRun(kind, INIT_SEED, DATA_SEED);
        float[] straightLosses = new float[TinyRun.TOTAL_STEPS];
        for (int s = 0; s < TinyRun.TOTAL_STEPS; s++) {
            straightLosses[s] = straight.step();
        }

        TinyRun first = new TinyRun(kind, INIT_SEED, DATA_SEED);
        for (int s = 0; s < SAVE_AFTER; s++) {
            first.step();
        }
        Path file = dir.resolve("run.ckpt");
        Checkpoint.save(file, CheckpointState.builder(first.model, first.optimizer).scheduler(first.scheduler)
                .generator("data", first.data).generator("dropout", first.dropout)
                .epoch(1).step(SAVE_AFTER).metric("loss", straightLosses[SAVE_AFTER - 1]).build());

        TinyRun resumed = new TinyRun(kind, INIT_SEED + 100, DATA_SEED + 100);
        assertFalse(sameState(first.snapshot(), resumed.snapshot()), "the fresh run must start elsewhere");
        Checkpoint checkpoint = Checkpoint.load(file);
        checkpoint.restoreInto(resumed.model, resumed.optimizer, resumed.scheduler, resumed.generators());
        assertEquals(SAVE_AFTER, checkpoint.step());
        assertEquals(first.snapshot().keySet(), resumed.snapshot().keySet());
        assertTrue(sameState(first.snapshot(), resumed.snapshot()), "restored state equals saved state");

        for (int s = SAVE_AFTER; s < TinyRun.TOTAL_STEPS; s++) {
            assertEquals(Float.floatToRawIntBits(straightLosses[s]), Float.floatToRawIntBits(resumed.step()),
                    "loss of step " + s);
        }
        assertStateEquals(straight.snapshot(), resumed.snapshot());
    }

    private static boolean sameState(Map<String, Object> a, Map<String, Object> b) {
        if (!a.keySet().equals(b.keySet())) {
            return false;
        }
        for (String k : a.keySet()) {
            if (!same(a.get(k), b.get(k))) {
                return false;
            }
        }
        return true;
    }

    private static void assertStateEquals(Map<String, Object> expected, Map<String, Object> actual) {
        assertEquals(List.copyOf(expected.keySet()), List.copyOf(actual.keySet()));
        expected.forEach((k, v) -> {
            if (!same(v, actual.get(k))) {
                fail(k + " differs after resuming: " + describe(v) + " vs " + describe(actual.get(k)));
            }
        });
    }

    /** Bit-exact equality: tensors element by element, doubles and generator words by their bits. */
    private static boolean same(Object a, Object b) {
        return switch (a) {
            case Tensor t -> b instanceof Tensor u && t.contentEquals(u)
                    && Arrays.equals(floatBits(t), floatBits(u));
            case Double d -> b instanceof Double e && Double.doubleToRawLongBits(d) == Double.doubleToRawLongBits(e);
            case long[] w -> b instanceof long[] x && Arrays.equals(w, x);
            default -> throw new AssertionError("unexpected " + a);
        };
    }

    private static int[] floatBits(Tensor t) {
        float[] v = t.toArray();
        int[] bits = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            bits[i] = Float.floatToRawIntBits(v[i]);
        }
        return bits;
    }

    private static String describe(Object o) {
        return o instanceof long[] w ? Arrays.toString(w) : String.valueOf(o);
    }
}
