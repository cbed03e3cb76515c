package dev.myelin.kernel;

import dev.myelin.kernel.BinaryKernels.Op;

/**
 * The scalar twins of {@link BinaryKernels}: plain loops, one per operation and stride pattern. They run
 * when the Vector API is absent, and tests and benchmarks hold {@link VectorBinaryKernels} to them.
 */
public final class ScalarBinaryKernels {
    private ScalarBinaryKernels() {
    }

    public static void apply(Op op, float[] a, int aOff, int aStride, float[] b, int bOff, int bStride,
            float[] out, int outOff, int n) {
        if (aStride == 1 && bStride == 1) {
            switch (op) {
                case ADD -> { for (int i = 0; i < n; i++) out[outOff + i] = a[aOff + i] + b[bOff + i]; }
                case SUB -> { for (int i = 0; i < n; i++) out[outOff + i] = a[aOff + i] - b[bOff + i]; }
                case MUL -> { for (int i = 0; i < n; i++) out[outOff + i] = a[aOff + i] * b[bOff + i]; }
                case DIV -> { for (int i = 0; i < n; i++) out[outOff + i] = a[aOff + i] / b[bOff + i]; }
            }
        } else if (aStride == 1 && bStride == 0) {
            float y = b[bOff];
            switch (op) {
                case ADD -> { for (int i = 0; i < n; i++) out[outOff + i] = a[aOff + i] + y; }
                case SUB -> { for (int i = 0; i < n; i++) out[outOff + i] = a[aOff + i] - y; }
                case MUL -> { for (int i = 0; i < n; i++) out[outOff + i] = a[aOff + i] * y; }
                case DIV -> { for (int i = 0; i < n; i++) out[outOff + i] = a[aOff + i] / y; }
            }
        } else {
            for (int i = 0; i < n; i++) {
                out[outOff + i] = op.apply(a[aOff + i * aStride], b[bOff + i * bStride]);
            }
        }
    }
}
