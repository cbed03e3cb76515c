package dev.myelin.tensor;

import dev.myelin.kernel.Convolution;
import dev.myelin.kernel.UnaryKernels;
import dev.myelin.kernel.Window2d;

/**
 * 2-D convolution (cross-correlation), {@code (N, C, H, W) * (O, C, kH, kW) + (O) -> (N, O, H_out, W_out)},
 * computed by {@link Convolution}, optionally followed by ReLU in the same pass. Backward gives the
 * input gradient (the transposed convolution of the output gradient), the weight gradient (output
 * gradient correlated with the input, summed over the batch) and the bias gradient (output gradient
 * summed over batch and positions); with ReLU, the output gradient is first masked where the output
 * is not positive, which is exactly where the convolution's result was not.
 */
final class Conv2dOp extends Node {
    private final Window2d window;
    private final boolean relu;

    private Conv2dOp(Tensor input, Tensor weight, Tensor bias, Window2d window, boolean relu) {
        super(bias == null ? new Tensor[] {input, weight} : new Tensor[] {input, weight, bias});
        this.window = window;
        this.relu = relu;
    }

    static Tensor forward(Tensor input, Tensor weight, Tensor bias, int strideH, int strideW, int padH, int padW,
            int dilationH, int dilationW) {
        return forward(input, weight, bias, strideH, strideW, padH, padW, dilationH, dilationW, false);
    }

    static Tensor forward(Tensor input, Tensor weight, Tensor bias, int strideH, int strideW, int padH, int padW,
            int dilationH, int dilationW, boolean relu) {
        Window2d window = check(input, weight, bias, strideH, strideW, padH, padW, dilationH, dilationW);
        int batch = input.dim(0);
        int channels = input.dim(1);
        int outChannels = weight.dim(0);
        Tensor out = GradientStorage.uninitialized(Shape.of(batch, outChannels, window.outHeight(), window.outWidth()));
        Convolution.forward(batch, channels, outChannels, window, input.data, input.offset, weight.data, weight.offset,
                bias == null ? null : bias.data, bias == null ? 0 : bias.offset, relu, out.data, out.offset);
        Conv2dOp node = new Conv2dOp(input, weight, bias, window, relu);
        if (relu) {
            node.save(out);
        }
        return Autograd.record(out, node);
    }

    @Override
    Tensor[] backward(Tensor gradOut) {
        Tensor g = relu ? Unary.derivative(saved(0), gradOut, UnaryKernels::reluBackward) : gradOut;
        Tensor[] grads = gradients(this, window, g);
        if (relu) {
            GradientStorage.recycle(g); // the masked gradient was this node's own scratch
        }
        return grads;
    }

    /**
     * The gradients of a convolution node's inputs {@code (input, weight[, bias])} from the gradient
     * {@code g} of its output, each only where that input needs one; shared with {@link Conv2dReluPoolOp}.
     */
    static Tensor[] gradients(Node node, Window2d window, Tensor g) {
        Tensor input = node.input(0);
        Tensor weight = node.input(1);
        boolean hasBias = node.inputCount() == 3;
        Tensor[] grads = new Tensor[node.inputCount()];
        grads[0] = node.needsGrad(0) ? GradientStorage.uninitialized(input.shape()) : null;
        grads[1] = node.needsGrad(1) ? GradientStorage.uninitialized(weight.shape()) : null;
        if (hasBias && node.needsGrad(2)) {
            grads[2] = GradientStorage.uninitialized(node.input(2).shape());
        }
        Convolution.backward(input.dim(0), input.dim(1), weight.dim(0), window, input.data, input.offset, weight.data,
                weight.offset, g.data, g.offset, grads[0] == null ? null : grads[0].data, 0,
                grads[1] == null ? null : grads[1].data, 0, hasBias && grads[2] != null ? grads[2].data : null, 0);
        return grads;
    }

    /** Validates the arguments the way PyTorch does, naming the shapes and parameters in each error. */
    static Window2d check(Tensor input, Tensor weight, Tensor bias, int strideH, int strideW, int padH, int padW,
            int dilationH, int dilationW) {
        if (input.rank() != 4) {
            throw new IllegalArgumentException("conv2d: input must be 4-D (N, C_in, H, W), got shape " + input.shape());
        }
        if (weight.rank() != 4) {
            throw new IllegalArgumentException("conv2d: weight must be 4-D (C_out, C_in, kH, kW), got shape "
                    + weight.shape());
        }
        if (input.dim(1) != weight.dim(1)) {
            throw new IllegalArgumentException("conv2d: input of shape " + input.shape() + " has " + input.dim(1)
                    + " channels, but weight of shape " + weight.shape() + " expects " + weight.dim(1));
        }
        if (weight.dim(2) < 1 || weight.dim(3) < 1) {
            throw new IllegalArgumentException("conv2d: kernel size must be positive, got weight of shape " + weight.shape());
        }
        if (bias != null && !bias.shape().equals(Shape.of(weight.dim(0)))) {
            throw new IllegalArgumentException("conv2d: bias must have shape [" + weight.dim(0) + "] (one per output channel of weight "
                    + weight.shape() + "), got " + bias.shape());
        }
        if (strideH < 1 || strideW < 1) {
            throw new IllegalArgumentException("conv2d: stride must be positive, got (" + strideH + ", " + strideW + ")");
        }
        if (padH < 0 || padW < 0) {
            throw new IllegalArgumentException("conv2d: padding must be non-negative, got (" + padH + ", " + padW + ")");
        }
        if (dilationH < 1 || dilationW < 1) {
            throw new IllegalArgumentException("conv2d: dilation must be positive, got (" + dilationH + ", " + dilationW + ")");
        }
        Window2d window = new Window2d(input.dim(2), input.dim(3), weight.dim(2), weight.dim(3), strideH, strideW,
                padH, padW, dilationH, dilationW);
        if (window.outHeight() < 1 || window.outWidth() < 1) {
            throw new IllegalArgumentException("conv2d: input of shape " + input.shape() + " padded by (" + padH + ", " + padW
                    + ") is smaller than the kernel of weight " + weight.shape() + " dilated by (" + dilationH + ", "
                    + dilationW + "): the output would be " + window.outHeight() + "x" + window.outWidth());
        }
        return window;
    }
}
