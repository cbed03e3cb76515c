package dev.myelin.tensor;

/**
 * The ops that take more than a tensor and a number, as static functions named after
 * {@code torch.nn.functional} (imported as {@code F} in PyTorch code): convolution, pooling, the fully
 * connected layer, batch normalisation, dropout and the losses. The layers of {@code dev.myelin.nn} are
 * built on them.
 *
 * <p>Images are {@code (N, C, H, W)}. Convolution weights are {@code (outChannels, inChannels / groups, kH, kW)}
 * (with one group, {@code (outChannels, inChannels, kH, kW)}), as in PyTorch, so weights move between
 * the two without reshaping.
 *
 * <p>Each function is one differentiable op, recorded like the methods of {@link Tensor}: gradients
 * reach every tensor argument that requires grad, except batch normalisation's running statistics.
 * An optional tensor argument (a bias, a running statistic) may be null. The losses return a scalar,
 * the mean over the batch (PyTorch's default {@code reduction='mean'}), and take no class weights or
 * ignored index.
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
     * A fully connected layer, {@code y = x Wᵀ + b}, as {@code torch.nn.functional.linear}, for a 2-D input
     * only ({@code nn.Linear} reshapes other ranks). Gradients: {@code dx = g W}, {@code dW = gᵀ x},
     * {@code db = Σ_n g[n]}.
     *
     * @param input  {@code (N, in)}, one sample per row
     * @param weight {@code (out, in)}, PyTorch's layout, read transposed in place (no copy)
     * @param bias   {@code (out)}, added to every row, or null for none
     * @return a new tensor {@code (N, out)}
     * @throws IllegalArgumentException if the input or weight is not 2-D, their {@code in} sizes differ, or the
     *     bias is not {@code (out)}
     */
    public static Tensor linear(Tensor input, Tensor weight, Tensor bias) {
        return LinearOp.forward(input, weight, bias);
    }

    /**
     * Max pooling over {@code kernel x kernel} windows, as {@code F.max_pool2d(input, kernel, stride, padding)}
     * (dilation 1, floor mode): each output is its window's maximum, padding counting as minus infinity.
     * The gradient flows to the first maximum of each window in row-major order, as in PyTorch.
     *
     * @param input   {@code (N, C, H, W)}
     * @param kernel  window height and width, at least 1
     * @param stride  step between windows, at least 1 (PyTorch's default is the kernel size)
     * @param padding rows and columns of minus infinity added on every side, between 0 and {@code kernel / 2}
     * @return {@code (N, C, H_out, W_out)} with {@code H_out = floor((H + 2*padding - kernel) / stride) + 1}
     *         (likewise W)
     * @throws IllegalArgumentException if the input is not 4-D, a size is out of range or the output would be empty
     */
    public static Tensor maxPool2d(Tensor input, int kernel, int stride, int padding) {
        return MaxPool2dOp.forward(input, kernel, kernel, stride, stride, padding, padding);
    }

    /**
     * {@code F.max_pool2d(input, kernel)}: the stride is the kernel size, no padding.
     *
     * @param input  {@code (N, C, H, W)}
     * @param kernel window height, width and stride, at least 1
     * @return {@code (N, C, floor(H / kernel), floor(W / kernel))}
     * @throws IllegalArgumentException as {@link #maxPool2d(Tensor, int, int, int)}
     */
    public static Tensor maxPool2d(Tensor input, int kernel) {
        return maxPool2d(input, kernel, kernel, 0);
    }

    /**
     * Max pooling with separate vertical and horizontal kernel, stride and padding, as
     * {@code F.max_pool2d(input, (kH, kW), (sH, sW), (pH, pW))}.
     *
     * @param input   {@code (N, C, H, W)}
     * @param kernelH window height, at least 1
     * @param kernelW window width, at least 1
     * @param strideH vertical step between windows, at least 1
     * @param strideW horizontal step between windows, at least 1
     * @param padH    rows of minus infinity added above and below, between 0 and {@code kernelH / 2}
     * @param padW    columns of minus infinity added left and right, between 0 and {@code kernelW / 2}
     * @return {@code (N, C, H_out, W_out)} with {@code H_out = floor((H + 2*padH - kernelH) / strideH) + 1}
     *         (likewise W)
     * @throws IllegalArgumentException as {@link #maxPool2d(Tensor, int, int, int)}
     */
    public static Tensor maxPool2d(Tensor input, int kernelH, int kernelW, int strideH, int strideW, int padH, int padW) {
        return MaxPool2dOp.forward(input, kernelH, kernelW, strideH, strideW, padH, padW);
    }

    /**
     * Average pooling over {@code kernel x kernel} windows, as {@code F.avg_pool2d(input, kernel, stride,
     * padding)} with PyTorch's defaults for the rest (floor mode, {@code count_include_pad=True}): each
     * output is its window's sum divided by {@code kernel*kernel}, padded zeros included.
     *
     * @param input   {@code (N, C, H, W)}
     * @param kernel  window height and width, at least 1
     * @param stride  step between windows, at least 1 (PyTorch's default is the kernel size)
     * @param padding rows and columns of zeros added on every side, between 0 and {@code kernel / 2}
     * @return {@code (N, C, H_out, W_out)} with {@code H_out = floor((H + 2*padding - kernel) / stride) + 1}
     *         (likewise W)
     * @throws IllegalArgumentException if the input is not 4-D, a size is out of range or the output would be empty
     */
    public static Tensor avgPool2d(Tensor input, int kernel, int stride, int padding) {
        return avgPool2d(input, kernel, stride, padding, false, true);
    }

    /**
     * {@code F.avg_pool2d(input, kernel)}: the stride is the kernel size, no padding, each output the mean
     * of its window.
     *
     * @param input  {@code (N, C, H, W)}
     * @param kernel window height, width and stride, at least 1
     * @return {@code (N, C, floor(H / kernel), floor(W / kernel))}
     * @throws IllegalArgumentException as {@link #avgPool2d(Tensor, int, int, int)}
     */
    public static Tensor avgPool2d(Tensor input, int kernel) {
        return avgPool2d(input, kernel, kernel, 0);
    }

    /**
     * Average pooling with PyTorch's {@code ceil_mode} and {@code count_include_pad}, as
     * {@code F.avg_pool2d(input, kernel, stride, padding, ceil_mode, count_include_pad)}.
     *
     * <p>Output size, per axis: {@code floor((H + 2p - k) / s) + 1}; with {@code ceilMode},
     * {@code ceil((H + 2p - k) / s) + 1}, less one if the last window would start at or past
     * {@code H + p} in padded coordinates (every window starts inside the input or the left padding).
     * Divisor of each window: with {@code countIncludePad} the positions it covers in the padded input,
     * which is {@code k*k} except for windows that ceil mode lets run past the right padding (the part
     * past it is not counted); without it, the input elements it covers.
     *
     * @param input           {@code (N, C, H, W)}
     * @param kernel          window height and width, at least 1
     * @param stride          step between windows, at least 1 (PyTorch's default is the kernel size)
     * @param padding         rows and columns of zeros added on every side, between 0 and {@code kernel / 2}
     * @param ceilMode        round the output size up instead of down (PyTorch's default: false)
     * @param countIncludePad count padded zeros in each window's divisor (PyTorch's default: true)
     * @return {@code (N, C, H_out, W_out)}, sizes as above
     * @throws IllegalArgumentException as {@link #avgPool2d(Tensor, int, int, int)}
     */
    public static Tensor avgPool2d(Tensor input, int kernel, int stride, int padding, boolean ceilMode,
            boolean countIncludePad) {
        return avgPool2d(input, kernel, kernel, stride, stride, padding, padding, ceilMode, countIncludePad, 0);
    }

    /**
     * Average pooling with separate vertical and horizontal kernel, stride and padding, PyTorch's defaults
     * for the rest (floor mode, padded zeros counted in the divisor {@code kernelH*kernelW}).
     *
     * @param input   {@code (N, C, H, W)}
     * @param kernelH window height, at least 1
     * @param kernelW window width, at least 1
     * @param strideH vertical step between windows, at least 1
     * @param strideW horizontal step between windows, at least 1
     * @param padH    rows of zeros added above and below, between 0 and {@code kernelH / 2}
     * @param padW    columns of zeros added left and right, between 0 and {@code kernelW / 2}
     * @return {@code (N, C, H_out, W_out)} with {@code H_out = floor((H + 2*padH - kernelH) / strideH) + 1}
     *         (likewise W)
     * @throws IllegalArgumentException as {@link #avgPool2d(Tensor, int, int, int)}
     */
    public static Tensor avgPool2d(Tensor input, int kernelH, int kernelW, int strideH, int strideW, int padH, int padW) {
        return avgPool2d(input, kernelH, kernelW, strideH, strideW, padH, padW, false, true, 0);
    }

    /**
     * Average pooling with every option of {@code F.avg_pool2d}: separate vertical and horizontal kernel,
     * stride and padding, {@code ceil_mode}, {@code count_include_pad} and {@code divisor_override}. Sizes
     * and divisors are those of {@link #avgPool2d(Tensor, int, int, int, boolean, boolean)}, per axis;
     * a positive {@code divisorOverride} replaces every window's divisor.
     *
     * @param input           {@code (N, C, H, W)}
     * @param kernelH         window height, at least 1
     * @param kernelW         window width, at least 1
     * @param strideH         vertical step between windows, at least 1
     * @param strideW         horizontal step between windows, at least 1
     * @param padH            rows of zeros added above and below, between 0 and {@code kernelH / 2}
     * @param padW            columns of zeros added left and right, between 0 and {@code kernelW / 2}
     * @param ceilMode        round the output size up instead of down (PyTorch's default: false)
     * @param countIncludePad count padded zeros in each window's divisor (PyTorch's default: true)
     * @param divisorOverride the divisor of every window when positive; 0 for none (PyTorch's {@code None},
     *                        the default)
     * @return {@code (N, C, H_out, W_out)}
     * @throws IllegalArgumentException as {@link #avgPool2d(Tensor, int, int, int)}, or if
     *                                  {@code divisorOverride} is negative
     */
    public static Tensor avgPool2d(Tensor input, int kernelH, int kernelW, int strideH, int strideW, int padH, int padW,
            boolean ceilMode, boolean countIncludePad, int divisorOverride) {
        return AvgPool2dOp.forward(input, kernelH, kernelW, strideH, strideW, padH, padW, ceilMode, countIncludePad,
                divisorOverride);
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
     * @return a new tensor of the input's shape
     * @throws IllegalArgumentException if the input has rank below 2, a per-channel tensor is not {@code (C)},
     *     a training batch has at most one value per channel, a running statistic requires grad in
     *     training, or a running statistic is missing in evaluation
     */
    public static Tensor batchNorm(Tensor input, Tensor runningMean, Tensor runningVar, Tensor weight, Tensor bias,
            boolean training, double momentum, double eps) {
        return BatchNormOp.forward(input, runningMean, runningVar, weight, bias, training, momentum, eps);
    }

    /**
     * Inverted dropout (Srivastava et al., "Dropout: A Simple Way to Prevent Neural Networks from
     * Overfitting", JMLR 15, 2014), as {@code F.dropout}: in training, {@code y = x · m / (1 - p)}, where
     * each mask element {@code m} is 0 with probability {@code p} and 1 otherwise. Scaling the survivors
     * by {@code 1/(1-p)} while training keeps {@code E[y] = x}, so evaluation is the identity and needs no
     * rescaling (the paper instead scales the weights by {@code 1 - p} at test time). The mask takes one
     * {@link Generator#nextFloat()} per element in row-major order, dropping the element when the draw is
     * below {@code p}, so the seed fixes it. Gradient: {@code g · m / (1 - p)}, the same mask.
     *
     * <p>Outside training, or with {@code p = 0}, the result is a copy of the input (gradient {@code g})
     * and nothing is drawn; with {@code p = 1} every element is zeroed.
     *
     * @param input     any shape
     * @param p         the probability of zeroing each element, in {@code [0, 1]}; PyTorch's default is 0.5
     * @param training  true to drop, false for the identity (PyTorch's module sets this from {@code train()}
     *     and {@code eval()})
     * @param generator the source of the mask, advanced by {@code input.size()} draws in training; may be
     *     null outside training
     * @return a new tensor of the input's shape
     * @throws IllegalArgumentException if {@code p} is outside {@code [0, 1]} or NaN, or {@code generator} is
     *     null when a mask is needed
     */
    public static Tensor dropout(Tensor input, float p, boolean training, Generator generator) {
        return DropoutOp.forward(input, p, training, generator);
    }

    /**
     * {@code F.dropout(input, p, training)}: {@link #dropout(Tensor, float, boolean, Generator)} with the
     * masks drawn from the {@linkplain Generator#defaultGenerator() default generator}.
     *
     * @param input    any shape
     * @param p        the probability of zeroing each element, in {@code [0, 1]}; PyTorch's default is 0.5
     * @param training true to drop, false for the identity
     * @return a new tensor of the input's shape
     * @throws IllegalArgumentException if {@code p} is outside {@code [0, 1]} or NaN
     */
    public static Tensor dropout(Tensor input, float p, boolean training) {
        return dropout(input, p, training, Generator.defaultGenerator());
    }

    /**
     * Mean cross-entropy between logits and integer class labels, as {@code F.cross_entropy(logits, labels)}:
     * {@code L = -(1/N) Σ_i log softmax(x_i)[y_i] = (1/N) Σ_i (logsumexp(x_i) - x_i[y_i])}. Log-softmax and
     * loss are one fused, numerically stable op. Gradient with respect to the logits:
     * {@code (softmax(x_i) - onehot(y_i)) / N} for each row.
     *
     * @param logits {@code (N, C)} unnormalised scores, one row per sample
     * @param labels {@code N} class indices, each in {@code [0, C)} (copied)
     * @return a new scalar; NaN when {@code N = 0}, as PyTorch
     * @throws IllegalArgumentException if the logits are not 2-D, there is not one label per row, or a label is
     *     out of range
     */
    public static Tensor crossEntropy(Tensor logits, int[] labels) {
        return CrossEntropyOp.forward(logits, labels, 0f);
    }

    /**
     * Mean cross-entropy with label smoothing (Szegedy et al., "Rethinking the Inception Architecture for
     * Computer Vision", 2016, arXiv:1512.00567), as {@code F.cross_entropy(logits, labels,
     * label_smoothing=s)}. The target of row {@code i} is {@code t_i = (1 - s)·onehot(y_i) + s/C}, that is
     * {@code 1 - s + s/C} on the true class and {@code s/C} on every other, and
     * {@code L = -(1/N) Σ_i Σ_c t_ic log softmax(x_i)_c = (1/N) Σ_i [(1 - s)·(-log p_i[y_i]) + s·(-(1/C) Σ_c
     * log p_ic)]}. Gradient with respect to the logits: {@code (softmax(x_i) - t_i) / N}.
     *
     * @param logits         {@code (N, C)} unnormalised scores, one row per sample
     * @param labels         {@code N} class indices, each in {@code [0, C)} (copied)
     * @param labelSmoothing {@code s} in {@code [0, 1]}: 0 (PyTorch's default) is plain cross-entropy, 1 a
     *     uniform target; 0.1 is the paper's value
     * @return a new scalar; NaN when {@code N = 0}, as PyTorch
     * @throws IllegalArgumentException if the logits are not 2-D, there is not one label per row, a label is
     *     out of range, or {@code s} is outside {@code [0, 1]}
     */
    public static Tensor crossEntropy(Tensor logits, int[] labels, float labelSmoothing) {
        return CrossEntropyOp.forward(logits, labels, labelSmoothing);
    }

    /**
     * Mean negative log-likelihood, {@code -(1/N) Σ_i logProbs[i, labels[i]]}, as {@code F.nll_loss}: with
     * {@code logProbs = logits.logSoftmax(1)} it equals {@link #crossEntropy(Tensor, int[])}.
     *
     * <p>The gradient is {@code -1/N} at each row's label and 0 elsewhere.
     *
     * @param logProbs {@code (N, C)} log-probabilities, one row per sample (any values are accepted)
     * @param labels   {@code N} class indices, each in {@code [0, C)} (copied)
     * @return a new scalar; NaN when {@code N = 0}, as PyTorch
     * @throws IllegalArgumentException if the input is not 2-D, there is not one label per row, or a label is
     *     out of range
     */
    public static Tensor nllLoss(Tensor logProbs, int[] labels) {
        return NllLossOp.forward(logProbs, labels);
    }

    /**
     * Mean squared error, {@code L = (1/n) Σ (input - target)²} over all {@code n} elements, as
     * {@code F.mse_loss(input, target)}, accumulated in double. Both arguments receive gradients:
     * {@code 2 (input - target) / n} for the input and its negation for the target.
     *
     * @param input  any shape
     * @param target the same shape as {@code input} (no broadcasting)
     * @return a new scalar; NaN when the tensors are empty
     * @throws IllegalArgumentException if the shapes differ
     */
    public static Tensor mseLoss(Tensor input, Tensor target) {
        return MseLossOp.forward(input, target);
    }
}
