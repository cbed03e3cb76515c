package dev.myelin.tensor;

import dev.myelin.kernel.Pooling;
import dev.myelin.kernel.Window2d;

/**
 * 2-D max pooling, {@code (N, C, H, W) -> (N, C, H_out, W_out)}, with padding that counts as minus
 * infinity and floor-rounded output size. The forward pass records which input element each output
 * took (the first maximum of its window, as in PyTorch); backward routes each output gradient there.
 */
final class MaxPool2dOp extends Node {
    private final Window2d window;
    /** For each output element, the index within its input plane of the element it took. */
    private final int[] argmax;

    private MaxPool2dOp(Tensor input, Window2d window, int[] argmax) {
        super(input);
        this.window = window;
        this.argmax = argmax;
    }

    static Tensor forward(Tensor input, int kernelH, int kernelW, int strideH, int strideW, int padH, int padW) {
        Window2d window = PoolWindow.of("maxPool2d", input, kernelH, kernelW, strideH, strideW, padH, padW);
        Tensor out = GradientStorage.uninitialized(PoolWindow.outputShape(input, window));
        int[] argmax = GradientStorage.indices(out.size());
        Pooling.maxPoolForward(planes(input), window, input.data, input.offset, out.data, out.offset, argmax, 0);
        return Autograd.record(out, new MaxPool2dOp(input, window, argmax));
    }

    @Override
    void releaseScratch() {
        GradientStorage.reuse(argmax);
    }

    @Override
    Tensor[] backward(Tensor g) {
        Tensor dx = GradientStorage.uninitialized(input(0).shape());
        Pooling.maxPoolBackward(planes(input(0)), window, g.data, g.offset, argmax, 0, dx.data, dx.offset);
        return new Tensor[] {dx};
    }

    private static int planes(Tensor input) {
        return input.dim(0) * input.dim(1);
    }
}
