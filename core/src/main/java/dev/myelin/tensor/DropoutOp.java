package dev.myelin.tensor;

/** STUB: owned by the convolution helper. */
final class DropoutOp {
    static Tensor forward(Tensor input, float p, boolean training, Generator generator) { throw new UnsupportedOperationException("dropout: not yet implemented"); }
}
