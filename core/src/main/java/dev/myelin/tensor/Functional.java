package dev.myelin.tensor;

/**
 * The ops that take more than a tensor and a number, as static functions named after
 * {@code torch.nn.functional}: convolution, pooling, batch normalisation, dropout and the losses.
 *
 * <p>Images are {@code (N, C, H, W)}. Convolution weights are {@code (outChannels, inChannels, kH, kW)},
 * as in PyTorch, so weights move between the two without reshaping.
 */
public final class Functional {
    private Functional() {
    }

    /**
     * 2-D convolution (cross-correlation, as in every framework) with the same stride, padding and
     * dilation in both directions, as PyTorch's {@code F.conv2d(input, weight, bias, stride, padding, dilation)}:
     * {@code y[n, o, oh, ow] = bias[o] + Σ_{c, kh, kw} weight[o, c, kh, kw] · input[n, c, oh·s - p + kh·d, ow·s - p + kw·d]},
     * zero outside the input.
     *
     * @param input    {@code (N, C_in, H, W)}
     * @param weight   {@code (C_out, C_in, kH, kW)}
     * @param bias     {@code (C_out)}, or null for none
     * @param stride   step between windows, at least 1 (PyTorch's default 1)
     * @param padding  zeros added on every side, at least 0 (default 0)
     * @param dilation spacing of the kernel's taps, at least 1 (default 1)
     * @return {@code (N, C_out, H_out, W_out)} with {@code H_out = floor((H + 2p - d(kH-1) - 1) / s) + 1} (likewise W)
     * @throws IllegalArgumentException naming the shapes or the value, if the shapes do not fit or a value is out of range
     */
    public static Tensor conv2d(Tensor input, Tensor weight, Tensor bias, int stride, int padding, int dilation) {
        return conv2d(input, weight, bias, stride, padding, dilation, 1);
    }

    /**
     * 2-D convolution with channel groups, as PyTorch's
     * {@code F.conv2d(input, weight, bias, stride, padding, dilation, groups)}: group {@code j} convolves
     * input channels {@code [j·C_in/g, (j+1)·C_in/g)} into output channels {@code [j·C_out/g, (j+1)·C_out/g)};
     * {@code groups == C_in} is the depthwise convolution.
     *
     * @param input    {@code (N, C_in, H, W)}, {@code C_in} a multiple of {@code groups}
     * @param weight   {@code (C_out, C_in/groups, kH, kW)}, {@code C_out} a multiple of {@code groups}
     * @param bias     {@code (C_out)}, or null for none
     * @param stride   step between windows, at least 1 (PyTorch's default 1)
     * @param padding  zeros added on every side, at least 0 (default 0)
     * @param dilation spacing of the kernel's taps, at least 1 (default 1)
     * @param groups   channel groups, at least 1 (default 1)
     * @return {@code (N, C_out, H_out, W_out)} with {@code H_out = floor((H + 2p - d(kH-1) - 1) / s) + 1} (likewise W)
     * @throws IllegalArgumentException naming the shapes or the value, if the groups do not divide the
     *         channels, the shapes do not fit or a value is out of range
     */
    public static Tensor conv2d(Tensor input, Tensor weight, Tensor bias, int stride, int padding, int dilation,
            int groups) {
        return conv2d(input, weight, bias, Conv2dParams.of(stride, padding, dilation, groups));
    }

    /**
     * {@code F.conv2d(input, weight)}: no bias, stride 1, no padding, dilation 1, one group.
     *
     * @param input  {@code (N, C_in, H, W)}
     * @param weight {@code (C_out, C_in, kH, kW)}
     * @return {@code (N, C_out, H - kH + 1, W - kW + 1)}
     */
    public static Tensor conv2d(Tensor input, Tensor weight) {
        return conv2d(input, weight, null, 1, 0, 1);
    }

    /**
     * {@code F.conv2d(input, weight, bias)}: stride 1, no padding, dilation 1, one group.
     *
     * @param input  {@code (N, C_in, H, W)}
     * @param weight {@code (C_out, C_in, kH, kW)}
     * @param bias   {@code (C_out)}, or null for none
     * @return {@code (N, C_out, H - kH + 1, W - kW + 1)}
     */
    public static Tensor conv2d(Tensor input, Tensor weight, Tensor bias) {
        return conv2d(input, weight, bias, 1, 0, 1);
    }

    /**
     * 2-D convolution with separate vertical and horizontal stride, padding and dilation, one group.
     *
     * @param input     {@code (N, C_in, H, W)}
     * @param weight    {@code (C_out, C_in, kH, kW)}
     * @param bias      {@code (C_out)}, or null for none
     * @param strideH   vertical step between windows, at least 1
     * @param strideW   horizontal step between windows, at least 1
     * @param padH      zero rows added above and below, at least 0
     * @param padW      zero columns added left and right, at least 0
     * @param dilationH vertical spacing of the kernel's taps, at least 1
     * @param dilationW horizontal spacing of the kernel's taps, at least 1
     * @return {@code (N, C_out, H_out, W_out)} with {@code H_out = floor((H + 2padH - dilationH(kH-1) - 1) / strideH) + 1}
     * @throws IllegalArgumentException naming the shapes or the value, if the shapes do not fit or a value is out of range
     */
    public static Tensor conv2d(Tensor input, Tensor weight, Tensor bias, int strideH, int strideW,
            int padH, int padW, int dilationH, int dilationW) {
        return conv2d(input, weight, bias, new Conv2dParams(strideH, strideW, padH, padW, dilationH, dilationW, 1));
    }

    /**
     * 2-D convolution with every parameter, vertical and horizontal apart, groups included
     * ({@link Conv2dParams} gives the formula and PyTorch's defaults).
     *
     * @param input  {@code (N, C_in, H, W)}, {@code C_in} a multiple of the groups
     * @param weight {@code (C_out, C_in/groups, kH, kW)}, {@code C_out} a multiple of the groups
     * @param bias   {@code (C_out)}, or null for none
     * @param params stride, padding, dilation and groups
     * @return {@code (N, C_out, H_out, W_out)}
     * @throws IllegalArgumentException naming the shapes or the value, if the groups do not divide the
     *         channels, the shapes do not fit or a value is out of range
     */
    public static Tensor conv2d(Tensor input, Tensor weight, Tensor bias, Conv2dParams params) {
        return Conv2dOp.forward(input, weight, bias, params, false);
    }

    /**
     * {@code relu(conv2d(input, weight, bias, params))} in one op: the ReLU is applied to each image's
     * output while it is still in cache, and no separate pre-activation tensor is kept. Values and
     * gradients are bit-identical to the two ops applied one after the other. {@code Sequential} uses
     * it for a {@code Conv2d} followed by a {@code ReLU}.
     *
     * @param input  {@code (N, C_in, H, W)}
     * @param weight {@code (C_out, C_in/groups, kH, kW)}
     * @param bias   {@code (C_out)}, or null for none
     * @param params stride, padding, dilation and groups
     * @return {@code (N, C_out, H_out, W_out)}, every element at least 0
     * @throws IllegalArgumentException as {@link #conv2d(Tensor, Tensor, Tensor, Conv2dParams)}
     */
    public static Tensor conv2dRelu(Tensor input, Tensor weight, Tensor bias, Conv2dParams params) {
        return Conv2dOp.forward(input, weight, bias, params, true);
    }

    /**
     * {@code maxPool2d(relu(conv2d(input, weight, bias, conv)), pool)} in one op: each image's
     * convolution is pooled while still in cache, and the batch's convolution output is never stored.
     * Values and gradients are bit-identical to the three ops applied one after the other.
     * {@code Sequential} uses it for a {@code Conv2d}, {@code ReLU}, {@code MaxPool2d} run. With more
     * than one group it runs as {@link #conv2dRelu} then {@link #maxPool2d(Tensor, int, int, int, int, int, int)}
     * (the same values; only the convolution's output is stored).
     *
     * @param input  {@code (N, C_in, H, W)}
     * @param weight {@code (C_out, C_in/groups, kH, kW)}
     * @param bias   {@code (C_out)}, or null for none
     * @param conv   the convolution's stride, padding, dilation and groups
     * @param pool   the max pool's window over the convolution's output
     * @return {@code (N, C_out, H_pool, W_pool)}, every element at least 0
     * @throws IllegalArgumentException as {@link #conv2d(Tensor, Tensor, Tensor, Conv2dParams)}, or if the
     *         pool's window is out of range or larger than the convolution's output
     */
    public static Tensor conv2dReluMaxPool2d(Tensor input, Tensor weight, Tensor bias, Conv2dParams conv,
            MaxPool2dParams pool) {
        return Conv2dReluPoolOp.forward(input, weight, bias, conv, pool);
    }

    /**
     * A fully connected layer, {@code y = x Wᵀ + b}, as {@code torch.nn.functional.linear}.
     *
     * @param input  {@code (N, in)}
     * @param weight {@code (out, in)}, read transposed in place
     * @param bias   {@code (out)}, or null
     * @return {@code (N, out)}
     */
    public static Tensor linear(Tensor input, Tensor weight, Tensor bias) {
        return LinearOp.forward(input, weight, bias);
    }

    /**
     * Max pooling over {@code kernel x kernel} windows; padding counts as minus infinity.
     *
     * @param input {@code (N, C, H, W)}
     */
    public static Tensor maxPool2d(Tensor input, int kernel, int stride, int padding) {
        return MaxPool2dOp.forward(input, kernel, kernel, stride, stride, padding, padding);
    }

    /** {@code F.max_pool2d(input, kernel)}: the stride is the kernel size, no padding. */
    public static Tensor maxPool2d(Tensor input, int kernel) {
        return maxPool2d(input, kernel, kernel, 0);
    }

    /** Max pooling with separate vertical and horizontal kernel, stride and padding. */
    public static Tensor maxPool2d(Tensor input, int kernelH, int kernelW, int strideH, int strideW, int padH, int padW) {
        return MaxPool2dOp.forward(input, kernelH, kernelW, strideH, strideW, padH, padW);
    }

    /**
     * Average pooling over {@code kernel x kernel} windows; padded zeros count in the average
     * ({@code count_include_pad=True}, PyTorch's default).
     *
     * @param input {@code (N, C, H, W)}
     */
    public static Tensor avgPool2d(Tensor input, int kernel, int stride, int padding) {
        return AvgPool2dOp.forward(input, kernel, kernel, stride, stride, padding, padding);
    }

    /** {@code F.avg_pool2d(input, kernel)}: the stride is the kernel size, no padding. */
    public static Tensor avgPool2d(Tensor input, int kernel) {
        return avgPool2d(input, kernel, kernel, 0);
    }

    /** Average pooling with separate vertical and horizontal kernel, stride and padding. */
    public static Tensor avgPool2d(Tensor input, int kernelH, int kernelW, int strideH, int strideW, int padH, int padW) {
        return AvgPool2dOp.forward(input, kernelH, kernelW, strideH, strideW, padH, padW);
    }

    /**
     * Batch normalisation (Ioffe and Szegedy, 2015, "Batch Normalization: Accelerating Deep Network
     * Training by Reducing Internal Covariate Shift") per channel of an {@code (N, C, *)} input, as
     * {@code F.batch_norm}: {@code y = (x - mean) / sqrt(var + eps) · weight + bias}.
     *
     * <p>In training, {@code mean} and {@code var} are the statistics of the batch, each channel over
     * its {@code N·(product of *)} values, with the biased variance; the running statistics, when not
     * null, are updated in place with the unbiased variance, exactly as PyTorch:
     * {@code running = (1 - momentum)·running + momentum·batchStatistic}. Training needs more than one
     * value per channel. In evaluation, {@code mean} and {@code var} are the running statistics, which
     * must then be given. Gradients reach the input, the weight and the bias (never the running statistics).
     *
     * @param input       {@code (N, C)}, {@code (N, C, L)}, {@code (N, C, H, W)}, ...
     * @param runningMean {@code (C)}, updated in place in training; may be null in training
     * @param runningVar  {@code (C)}, updated in place in training; may be null in training
     * @param weight      {@code (C)} scale {@code γ}, or null for 1
     * @param bias        {@code (C)} shift {@code β}, or null for 0
     * @param training    whether to normalise with batch statistics (and update the running ones)
     * @param momentum    weight of the new batch statistic in the running average (PyTorch's default is 0.1)
     * @param eps         added to the variance before the square root (PyTorch's default is 1e-5)
     * @return a tensor of the input's shape
     */
    public static Tensor batchNorm(Tensor input, Tensor runningMean, Tensor runningVar, Tensor weight, Tensor bias,
            boolean training, double momentum, double eps) {
        return BatchNormOp.forward(input, runningMean, runningVar, weight, bias, training, momentum, eps);
    }

    /**
     * Inverted dropout: in training, zeroes each element with probability {@code p} (drawn from
     * {@code generator}) and scales the survivors by {@code 1/(1-p)}; outside training, the identity.
     */
    public static Tensor dropout(Tensor input, float p, boolean training, Generator generator) {
        return DropoutOp.forward(input, p, training, generator);
    }

    /** {@code F.dropout(input, p, training)}, the masks drawn from the {@linkplain Generator#defaultGenerator() default generator}. */
    public static Tensor dropout(Tensor input, float p, boolean training) {
        return dropout(input, p, training, Generator.defaultGenerator());
    }

    /**
     * Mean cross-entropy between {@code logits (N, C)} and integer class labels.
     *
     * @param labels one class index in {@code [0, C)} per row
     */
    public static Tensor crossEntropy(Tensor logits, int[] labels) {
        return CrossEntropyOp.forward(logits, labels, 0f);
    }

    /**
     * Mean cross-entropy with label smoothing (Szegedy et al., 2016): the target puts
     * {@code 1 - smoothing + smoothing/C} on the true class and {@code smoothing/C} on every other.
     */
    public static Tensor crossEntropy(Tensor logits, int[] labels, float labelSmoothing) {
        return CrossEntropyOp.forward(logits, labels, labelSmoothing);
    }

    /**
     * Mean negative log-likelihood, {@code -(1/N) Σ_i logProbs[i, labels[i]]}, as {@code F.nll_loss}: with
     * {@code logProbs = logits.logSoftmax(1)} it equals {@link #crossEntropy(Tensor, int[])}.
     *
     * @param logProbs {@code (N, C)} log-probabilities
     * @param labels   one class index in {@code [0, C)} per row
     */
    public static Tensor nllLoss(Tensor logProbs, int[] labels) {
        return NllLossOp.forward(logProbs, labels);
    }

    /** Mean squared error, {@code mean((input - target)^2)}; the shapes must match. */
    public static Tensor mseLoss(Tensor input, Tensor target) {
        return MseLossOp.forward(input, target);
    }
}
