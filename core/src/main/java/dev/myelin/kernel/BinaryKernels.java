package dev.myelin.kernel;

/**
 * Element-wise {@code out[i] = a[i] (op) b[i]} over a run of {@code n} elements, where each input
 * advances by its stride: 1 for a contiguous run, 0 for a broadcast value. These are the hot loops of
 * broadcasting arithmetic (a bias added along rows is a stride-0 run).
 */
public final class BinaryKernels {
    private BinaryKernels() {
    }

    /** The four arithmetic operations. */
    public enum Op {
        ADD, SUB, MUL, DIV;

        /** The scalar definition; the kernels below must agree with it exactly. */
        public float apply(float x, float y) {
            return switch (this) {
                case ADD -> x + y;
                case SUB -> x - y;
                case MUL -> x * y;
                case DIV -> x / y;
            };
        }
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
