package dev.myelin.tensor;

import dev.myelin.kernel.ConvGeometry;
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
 *
 * <p>A convolution with more than one channel group runs as those three ops one after another (the
 * convolution and ReLU still fused, {@link Conv2dOp}): the fused kernel handles one group.
 */
final class Conv2dReluPoolOp extends Node {
    private final ConvGeometry conv;
    private final Window2d poolWindow;
    private final int[] argmax;

    private Conv2dReluPoolOp(Tensor input, Tensor weight, Tensor bias, ConvGeometry conv, Window2d poolWindow,
            int[] argmax) {
        super(bias == null ? new Tensor[] {input, weight} : new Tensor[] {input, weight, bias});
        this.conv = conv;
        this.poolWindow = poolWindow;
        this.argmax = argmax;
    }

    /** {@code maxPool2d(relu(conv2d(input, weight, bias)))}; {@code bias} may be null. */
    static Tensor forward(Tensor input, Tensor weight, Tensor bias, Conv2dParams convParams, MaxPool2dParams pool) {
        ConvGeometry conv = Conv2dOp.check(input, weight, bias, convParams);
        Window2d convWindow = conv.window();
        int batch = input.dim(0);
        int outChannels = weight.dim(0);
        Shape convShape = Shape.of(batch, outChannels, convWindow.outHeight(), convWindow.outWidth());
        Window2d poolWindow = PoolWindow.of("maxPool2d", convShape, pool.kernelH(), pool.kernelW(), pool.strideH(),
                pool.strideW(), pool.padH(), pool.padW());
        if (conv.groups() > 1) {
            return MaxPool2dOp.forward(Conv2dOp.forward(input, weight, bias, convParams, true), pool.kernelH(),
                    pool.kernelW(), pool.strideH(), pool.strideW(), pool.padH(), pool.padW());
        }
        Tensor out = GradientStorage.uninitialized(Shape.of(batch, outChannels, poolWindow.outHeight(),
                poolWindow.outWidth()));
        boolean recording = Autograd.wouldRecord(input, weight, bias);
        int[] argmax = recording ? GradientStorage.indices(out.size()) : null;
        ConvReluPool.forward(conv, poolWindow, Conv2dOp.floats(input), Conv2dOp.floats(weight), Conv2dOp.floats(bias),
                Conv2dOp.floats(out), argmax, 0);
        if (!recording) {
            return out; // inference: no node, and the pool's choices were not kept
        }
        Conv2dReluPoolOp node = new Conv2dReluPoolOp(input, weight, bias, conv, poolWindow, argmax);
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
        if (!needsGrad(0) && needsGrad(1) && ShortPatchGradients.applies(conv)) {
            // No input gradient wanted (a first layer): the weight and bias gradients take dY plane by
            // plane, scattered from the pooled gradient as they go, so the batch's dY is never stored.
            return shortPatchGradients(gradOut, pooled);
        }
        Tensor gConv = GradientStorage.uninitialized(Shape.of(batch, outChannels, conv.window().outHeight(),
                conv.window().outWidth()));
        Pooling.maxPoolReluBackward(batch * outChannels, poolWindow, gradOut.data, gradOut.offset, pooled.data,
                pooled.offset, argmax, 0, gConv.data, gConv.offset);
        Tensor[] grads = Conv2dOp.gradients(this, conv, gConv);
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
        ShortPatchGradients.compute(conv, Conv2dOp.floats(input), scattered, Conv2dOp.floats(grads[1]),
                grads.length < 3 ? null : Conv2dOp.floats(grads[2]));
        return grads;
    }
}
