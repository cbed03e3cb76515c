package dev.myelin.tensor;

import dev.myelin.kernel.AvgPoolWindow;
import dev.myelin.kernel.Pooling;

/**
 * 2-D average pooling, {@code (N, C, H, W) -> (N, C, H_out, W_out)}, as PyTorch's {@code avg_pool2d}:
 * padding counts as zeros; the output size rounds down, or up with {@code ceilMode}; each window divides
 * by the positions it covers in the padded input ({@code count_include_pad=True}), by the input elements
 * it covers ({@code False}), or by a fixed {@code divisorOverride} ({@link AvgPoolWindow}). Backward
 * spreads each output gradient, divided the same way, over its window's input elements.
 */
final class AvgPool2dOp extends Node {
    private final AvgPoolWindow pool;

    private AvgPool2dOp(Tensor input, AvgPoolWindow pool) {
        super(input);
        this.pool = pool;
    }

    static Tensor forward(Tensor input, int kernelH, int kernelW, int strideH, int strideW, int padH, int padW,
            boolean ceilMode, boolean countIncludePad, int divisorOverride) {
        AvgPoolWindow pool = PoolWindow.avg("avgPool2d", input, kernelH, kernelW, strideH, strideW, padH, padW, ceilMode,
                countIncludePad, divisorOverride);
        Tensor out = Tensor.empty(PoolWindow.outputShape(input, pool));
        Pooling.avgPoolForward(planes(input), pool, input.data, input.offset, out.data, out.offset);
        return Autograd.record(out, new AvgPool2dOp(input, pool));
    }

    @Override
    Tensor[] backward(Tensor g) {
        Tensor dx = Tensor.empty(input(0).shape());
        Pooling.avgPoolBackward(planes(input(0)), pool, g.data, g.offset, dx.data, dx.offset);
        return new Tensor[] {dx};
    }

    private static int planes(Tensor input) {
        return input.dim(0) * input.dim(1);
    }
}
