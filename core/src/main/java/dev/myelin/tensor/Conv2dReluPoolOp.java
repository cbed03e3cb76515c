package dev.myelin.tensor;

import dev.myelin.kernel.ConvReluPool;
import dev.myelin.kernel.Pooling;
import dev.myelin.kernel.ShortPatchGradients;
import dev.myelin.kernel.Window2d;

/**
 * {@code maxPool2d(relu(conv2d(x, w, b)))} as one op ({@link ConvReluPool}): the convolution's output
 * never exists for the whole batch. It keeps the input, the pooled output and which element each
 * window took. Backward first routes the pooled gradient to those elements where the pooled output is
 * positive (the pool's and the ReLU's backward in one pass), then runs the convolution's backward on
 * that. Values and gradients are bit-identical to the three ops one after another.
 */
final class Conv2dReluPoolOp extends Node {
    private final Window2d convWindow;
    private final Window2d poolWindow;
    private final int[] argmax;

    private Conv2dReluPoolOp(Tensor input, Tensor weight, Tensor bias, Window2d convWindow, Window2d poolWindow,
            int[] argmax) {
        super(bias == null ? new Tensor[] {input, weight} : new Tensor[] {input, weight, bias});
        this.convWindow = convWindow;
        this.poolWindow = poolWindow;
        this.argmax = argmax;
    }

    static Tensor forward(Tensor input, Tensor weight, Tensor bias, int strideH, int strideW, int padH, int padW,
            int dilationH, int dilationW, int poolKernelH, int poolKernelW, int poolStrideH, int poolStrideW,
            int poolPadH, int poolPadW) {
        Window2d convWindow = Conv2dOp.check(input, weight, bias, strideH, strideW, padH, padW, dilationH, dilationW);
        int batch = input.dim(0);
        int outChannels = weight.dim(0);
        Shape convShape = Shape.of(batch, outChannels, convWindow.outHeight(), convWindow.outWidth());
        Window2d poolWindow = PoolWindow.of("maxPool2d", convShape, poolKernelH, poolKernelW, poolStrideH, poolStrideW,
                poolPadH, poolPadW);
        Tensor out = GradientStorage.uninitialized(Shape.of(batch, outChannels, poolWindow.outHeight(),
                poolWindow.outWidth()));
        boolean recording = Autograd.wouldRecord(input, weight, bias);
        int[] argmax = recording ? GradientStorage.indices(out.size()) : null;
        ConvReluPool.forward(batch, input.dim(1), outChannels, convWindow, poolWindow, input.data, input.offset,
                weight.data, weight.offset, bias == null ? null : bias.data, bias == null ? 0 : bias.offset,
                out.data, out.offset, argmax, 0);
        if (!recording) {
            return out; // inference: no node, and the pool's choices were not kept
        }
        Conv2dReluPoolOp node = new Conv2dReluPoolOp(input, weight, bias, convWindow, poolWindow, argmax);
        node.save(out);
        return Autograd.record(out, node);
    }

    @Override
    void releaseScratch() {
        GradientStorage.reuse(argmax);
    }

    @Override
    Tensor[] backward(Tensor gradOut) {
        int batch = input(0).dim(0);
        int outChannels = input(1).dim(0);
        Tensor pooled = saved(0);
        Tensor input = input(0);
        if (!needsGrad(0) && needsGrad(1)
                && ShortPatchGradients.applies(input.dim(1), outChannels, convWindow)) {
            // No input gradient wanted (a first layer): the weight and bias gradients take dY plane by
            // plane, scattered from the pooled gradient as they go, so the batch's dY is never stored.
            return shortPatchGradients(gradOut, pooled);
        }
        Tensor gConv = GradientStorage.uninitialized(Shape.of(batch, outChannels, convWindow.outHeight(),
                convWindow.outWidth()));
        Pooling.maxPoolReluBackward(batch * outChannels, poolWindow, gradOut.data, gradOut.offset, pooled.data,
                pooled.offset, argmax, 0, gConv.data, gConv.offset);
        Tensor[] grads = Conv2dOp.gradients(this, convWindow, gConv);
        GradientStorage.recycle(gConv);
        return grads;
    }

    private Tensor[] shortPatchGradients(Tensor gradOut, Tensor pooled) {
        Tensor input = input(0);
        Tensor weight = input(1);
        int outChannels = weight.dim(0);
        Tensor[] grads = new Tensor[inputCount()];
        grads[1] = GradientStorage.uninitialized(weight.shape());
        if (inputCount() == 3 && needsGrad(2)) {
            grads[2] = GradientStorage.uninitialized(input(2).shape());
        }
        ShortPatchGradients.Planes scattered = (n, o, out, outOff) -> Pooling.maxPoolReluBackwardPlane(n * outChannels + o,
                poolWindow, gradOut.data, gradOut.offset, pooled.data, pooled.offset, argmax, 0, out, outOff);
        ShortPatchGradients.compute(input.dim(0), input.dim(1), outChannels, convWindow, input.data, input.offset,
                scattered, grads[1].data, 0, grads.length < 3 || grads[2] == null ? null : grads[2].data, 0);
        return grads;
    }
}
