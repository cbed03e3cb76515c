package dev.myelin.tensor;

/**
 * Glue between tensors and the element-wise loops of {@link dev.myelin.kernel.UnaryKernels}: runs a
 * map or a derivative loop over whole tensors into fresh storage.
 */
final class Unary {
    private Unary() {
    }

    /** A loop {@code out[i] = f(x[i])}. */
    @FunctionalInterface
    interface Map {
        void apply(float[] x, int xOff, float[] out, int outOff, int n);
    }

    /** A loop {@code out[i] = g[i] · f'(...)}, reading the op's input or output {@code a}. */
    @FunctionalInterface
    interface Derivative {
        void apply(float[] a, int aOff, float[] g, int gOff, float[] out, int outOff, int n);
    }

    static Tensor map(Tensor x, Map f) {
        Tensor out = GradientStorage.uninitialized(x.shape());
        f.apply(x.data, x.offset, out.data, 0, x.size());
        return out;
    }

    static Tensor derivative(Tensor a, Tensor g, Derivative f) {
        Tensor out = GradientStorage.uninitialized(a.shape());
        f.apply(a.data, a.offset, g.data, g.offset, out.data, 0, a.size());
        return out;
    }
}
