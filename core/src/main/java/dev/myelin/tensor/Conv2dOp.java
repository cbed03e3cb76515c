package dev.myelin.tensor;

import dev.myelin.kernel.ConvGeometry;
import dev.myelin.kernel.Convolution;
import dev.myelin.kernel.Floats;
import dev.myelin.kernel.UnaryKernels;
import dev.myelin.kernel.Window2d;

/**
 * 2-D convolution (cross-correlation), {@code (N, C, H, W) * (O, C/g, kH, kW) + (O) -> (N, O, H_out, W_out)}
 * with {@code g} channel groups, computed by {@link Convolution}, optionally followed by ReLU in the
 * same pass. Backward gives the
 * input gradient (the transposed convolution of the output gradient), the weight gradient (output
 * gradient correlated with the input, summed over the batch) and the bias gradient (output gradient
 * summed over batch and positions); with ReLU, the output gradient is first masked where the output
 * is not positive, which is exactly where the convolution's result was not.
 */
final class Conv2dOp extends Node {
    private final ConvGeometry geometry;
    private final boolean relu;

    private Conv2dOp(Tensor input, Tensor weight, Tensor bias, ConvGeometry geometry, boolean relu) {
        super(bias == null ? new Tensor[] {input, weight} : new Tensor[] {input, weight, bias});
        this.geometry = geometry;
        this.relu = relu;
    }

    /** {@code conv2d(input, weight, bias)}, then {@code max(., 0)} when {@code relu} is set; {@code bias} may be null. */
    static Tensor forward(Tensor input, Tensor weight, Tensor bias, Conv2dParams params, boolean relu) {
        ConvGeometry geometry = check(input, weight, bias, params);
        Window2d window = geometry.window();
        Tensor out = GradientStorage.uninitialized(Shape.of(geometry.batch(), geometry.outChannels(), window.outHeight(),
                window.outWidth()));
        Convolution.forward(geometry, floats(input), floats(weight), floats(bias), relu, floats(out));
        Conv2dOp node = new Conv2dOp(input, weight, bias, geometry, relu);
        if (relu) {
            node.save(out);
        }
        return Autograd.record(out, node);
    }

    @Override
    Tensor[] backward(Tensor gradOut) {
        Tensor g = relu ? Unary.derivative(saved(0), gradOut, UnaryKernels::reluBackward) : gradOut;
        Tensor[] grads = gradients(this, geometry, g);
        if (relu) {
            GradientStorage.recycle(g); // the masked gradient was this node's own scratch
        }
        return grads;
    }

    /**
     * The gradients of a convolution node's inputs {@code (input, weight[, bias])} from the gradient
     * {@code g} of its output, each only where that input needs one; shared with {@link Conv2dReluPoolOp}.
     */
    static Tensor[] gradients(Node node, ConvGeometry geometry, Tensor g) {
        Tensor input = node.input(0);
        Tensor weight = node.input(1);
        boolean hasBias = node.inputCount() == 3;
        Tensor[] grads = new Tensor[node.inputCount()];
        grads[0] = node.needsGrad(0) ? GradientStorage.uninitialized(input.shape()) : null;
        grads[1] = node.needsGrad(1) ? GradientStorage.uninitialized(weight.shape()) : null;
        if (hasBias && node.needsGrad(2)) {
            grads[2] = GradientStorage.uninitialized(node.input(2).shape());
        }
        Convolution.backward(geometry, floats(input), floats(weight), floats(g), floats(grads[0]), floats(grads[1]),
                hasBias ? floats(grads[2]) : null);
        return grads;
    }

    /** The tensor's array and offset as a kernel operand; null for null. */
    static Floats floats(Tensor t) {
        return t == null ? null : new Floats(t.data, t.offset);
    }

    /** Validates the arguments the way PyTorch does, naming the shapes and parameters in each error. */
    static ConvGeometry check(Tensor input, Tensor weight, Tensor bias, Conv2dParams params) {
        if (input.rank() != 4) {
            throw new IllegalArgumentException("conv2d: input must be 4-D (N, C_in, H, W), got shape " + input.shape());
        }
        if (weight.rank() != 4) {
            throw new IllegalArgumentException("conv2d: weight must be 4-D (C_out, C_in, kH, kW), got shape "
                    + weight.shape());
        }
        int groups = params.groups();
        if (groups < 1) {
            throw new IllegalArgumentException("conv2d: groups must be positive, got " + groups);
        }
        if (weight.dim(0) % groups != 0) {
            throw new IllegalArgumentException("conv2d: weight of shape " + weight.shape() + " has " + weight.dim(0)
                    + " output channels, which " + groups + " groups do not divide");
        }
        if (input.dim(1) != weight.dim(1) * groups) {
            throw new IllegalArgumentException("conv2d: input of shape " + input.shape() + " has " + input.dim(1)
                    + " channels, but weight of shape " + weight.shape() + " expects " + weight.dim(1)
                    + (groups == 1 ? "" : " per group x " + groups + " groups = " + weight.dim(1) * groups));
        }
        if (weight.dim(2) < 1 || weight.dim(3) < 1) {
            throw new IllegalArgumentException("conv2d: kernel size must be positive, got weight of shape " + weight.shape());
        }
        if (bias != null && !bias.shape().equals(Shape.of(weight.dim(0)))) {
            throw new IllegalArgumentException("conv2d: bias must have shape [" + weight.dim(0) + "] (one per output channel of weight "
                    + weight.shape() + "), got " + bias.shape());
        }
        int strideH = params.strideH();
        int strideW = params.strideW();
        int padH = params.padH();
        int padW = params.padW();
        int dilationH = params.dilationH();
        int dilationW = params.dilationW();
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
        return new ConvGeometry(input.dim(0), input.dim(1), weight.dim(0), groups, window);
    }
}
