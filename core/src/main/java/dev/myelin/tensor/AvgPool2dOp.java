package dev.myelin.tensor;

import dev.myelin.kernel.Pooling;
import dev.myelin.kernel.Window2d;

/**
 * 2-D average pooling, {@code (N, C, H, W) -> (N, C, H_out, W_out)}, with floor-rounded output size;
 * padded zeros count in the average, so the divisor is always {@code kH*kW} (PyTorch's
 * {@code count_include_pad=True}). Backward spreads each output gradient evenly over its window.
 */
final class AvgPool2dOp extends Node {
    private final Window2d window;

    private AvgPool2dOp(Tensor input, Window2d window) {
        super(input);
        this.window = window;
    }

    static Tensor forward(Tensor input, int kernelH, int kernelW, int strideH, int strideW, int padH, int padW) {
        Window2d window = PoolWindow.of("avgPool2d", input, kernelH, kernelW, strideH, strideW, padH, padW);
        Tensor out = Tensor.empty(PoolWindow.outputShape(input, window));
        Pooling.avgPoolForward(planes(input), window, input.data, input.offset, out.data, out.offset);
        return Autograd.record(out, new AvgPool2dOp(input, window));
    }

    @Override
    Tensor[] backward(Tensor g) {
        Tensor dx = Tensor.empty(input(0).shape());
        Pooling.avgPoolBackward(planes(input(0)), window, g.data, g.offset, dx.data, dx.offset);
        return new Tensor[] {dx};
    }

    private static int planes(Tensor input) {
        return input.dim(0) * input.dim(1);
    }
}
