package dev.myelin.tensor;

/** STUB: owned by the element-wise helper. */
final class Activations {
    private Activations() {
    }

    static Tensor relu(Tensor x) { throw new UnsupportedOperationException("relu: not yet implemented"); }
    static Tensor leakyRelu(Tensor x, float slope) { throw new UnsupportedOperationException("leakyRelu: not yet implemented"); }
    static Tensor sigmoid(Tensor x) { throw new UnsupportedOperationException("sigmoid: not yet implemented"); }
    static Tensor tanh(Tensor x) { throw new UnsupportedOperationException("tanh: not yet implemented"); }
    static Tensor gelu(Tensor x) { throw new UnsupportedOperationException("gelu: not yet implemented"); }
}
