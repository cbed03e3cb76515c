package dev.myelin.kernel;

/**
 * Element-wise {@code out[i] = a[i] (op) b[i]} over a run of {@code n} elements, where each input
 * advances by its stride: 1 for a contiguous run, 0 for a broadcast value. These are the hot loops of
 * broadcasting arithmetic (a bias added along rows is a stride-0 run). They run on
 * {@link VectorBinaryKernels} when the Vector API is available ({@link VectorSupport}), else on
 * {@link ScalarBinaryKernels}; both give the same bits.
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
        if (VectorSupport.AVAILABLE) {
            VectorBinaryKernels.apply(op, a, aOff, aStride, b, bOff, bStride, out, outOff, n);
        } else {
            ScalarBinaryKernels.apply(op, a, aOff, aStride, b, bOff, bStride, out, outOff, n);
        }
    }
}
