package dev.myelin.fashion.train;

import dev.myelin.Myelin;
import dev.myelin.nn.Parameter;
import dev.myelin.tensor.Tensor;
import java.util.Map;

/**
 * Finds NaN and infinity in gradients and weights, cheaply enough to run on every training step: one
 * pass over the floats summing {@code x - x}, which is 0 for a finite {@code x} and NaN otherwise, so
 * the sum never overflows and is 0 exactly when every value is finite. On vectors when the Vector API is
 * on ({@link VectorFiniteness}), else with eight independent scalar accumulators.
 */
final class Finiteness {
    private Finiteness() {
    }

    private static final boolean VECTOR = Myelin.vectorized();

    /** Whether every one of {@code n} floats from {@code off} is finite. */
    static boolean allFinite(float[] x, int off, int n) {
        return VECTOR ? VectorFiniteness.allFinite(x, off, n) : scalarAllFinite(x, off, n);
    }

    /** {@link #allFinite} without the Vector API. */
    static boolean scalarAllFinite(float[] x, int off, int n) {
        float a0 = 0, a1 = 0, a2 = 0, a3 = 0, a4 = 0, a5 = 0, a6 = 0, a7 = 0;
        int i = off;
        int end = off + n;
        for (; i + 8 <= end; i += 8) {
            a0 += x[i] - x[i];
            a1 += x[i + 1] - x[i + 1];
            a2 += x[i + 2] - x[i + 2];
            a3 += x[i + 3] - x[i + 3];
            a4 += x[i + 4] - x[i + 4];
            a5 += x[i + 5] - x[i + 5];
            a6 += x[i + 6] - x[i + 6];
            a7 += x[i + 7] - x[i + 7];
        }
        for (; i < end; i++) {
            a0 += x[i] - x[i];
        }
        return (a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7) == 0;
    }

    static boolean allFinite(Tensor t) {
        return allFinite(t.array(), t.arrayOffset(), t.size());
    }

    /** The name of the first parameter whose gradient holds a NaN or an infinity, or null if none does. */
    static String firstBadGradient(Map<String, Parameter> parameters) {
        for (Map.Entry<String, Parameter> e : parameters.entrySet()) {
            Tensor g = e.getValue().grad();
            if (g != null && !allFinite(g)) {
                return e.getKey();
            }
        }
        return null;
    }

    /** The name of the first tensor (of a state dict) that holds a NaN or an infinity, or null if none does. */
    static String firstBadTensor(Map<String, Tensor> tensors) {
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            if (!allFinite(e.getValue())) {
                return e.getKey();
            }
        }
        return null;
    }
}
