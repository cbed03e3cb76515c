package dev.myelin.tensor;

import dev.myelin.kernel.BinaryKernels;

/**
 * Inverted dropout. In training, each element is kept with probability {@code 1-p} and scaled by
 * {@code 1/(1-p)}, so the expected value is unchanged and evaluation needs no rescaling; the mask
 * (the scale or zero per element) is saved and backward multiplies the gradient by it.
 */
final class DropoutOp extends Node {
    private DropoutOp(Tensor input, Tensor mask) {
        super(input);
        save(mask);
    }

    /**
     * Draws one {@code generator.nextFloat()} per element in row-major order and drops the element when
     * it is below {@code p}, so a seed fixes the mask. With {@code p == 1} every element is dropped. Outside
     * training, or with {@code p == 0}, the result is a copy of the input and nothing is drawn.
     */
    static Tensor forward(Tensor input, float p, boolean training, Generator generator) {
        if (!(p >= 0f && p <= 1f)) {
            throw new IllegalArgumentException("dropout: probability must be between 0 and 1, got " + p);
        }
        if (!training || p == 0f) {
            return input.copy();
        }
        if (generator == null) {
            throw new IllegalArgumentException("dropout: training mode needs a Generator to draw the mask from");
        }
        float scale = p == 1f ? 0f : 1f / (1f - p);
        Tensor mask = Tensor.empty(input.shape());
        for (int i = 0; i < mask.data.length; i++) {
            mask.data[i] = generator.nextFloat() < p ? 0f : scale;
        }
        Tensor out = GradientStorage.uninitialized(input.shape());
        multiply(input, mask, out);
        return Autograd.record(out, new DropoutOp(input, mask));
    }

    @Override
    Tensor[] backward(Tensor g) {
        Tensor dx = GradientStorage.uninitialized(g.shape());
        multiply(g, saved(0), dx);
        return new Tensor[] {dx};
    }

    private static void multiply(Tensor a, Tensor b, Tensor out) {
        BinaryKernels.apply(BinaryKernels.Op.MUL, a.data, a.offset, 1, b.data, b.offset, 1, out.data, out.offset, out.size());
    }
}
