package dev.myelin.tensor;

/**
 * How a 2-D convolution slides its kernel and splits its channels: the arguments of PyTorch's
 * {@code F.conv2d(input, weight, bias, stride, padding, dilation, groups)} besides the tensors, with
 * the vertical and horizontal values apart. Output position {@code (oh, ow)} and kernel tap
 * {@code (kh, kw)} read input row {@code oh*strideH - padH + kh*dilationH} and column
 * {@code ow*strideW - padW + kw*dilationW}, zero outside the input; the output is
 * {@code H_out = floor((H + 2*padH - dilationH*(kH - 1) - 1) / strideH) + 1} high (likewise wide).
 * The op checks the values when it runs, naming each that is out of range.
 *
 * @param strideH   vertical step between windows, at least 1 (PyTorch's default 1)
 * @param strideW   horizontal step between windows, at least 1 (default 1)
 * @param padH      zero rows added above and below, at least 0 (default 0)
 * @param padW      zero columns added left and right, at least 0 (default 0)
 * @param dilationH vertical spacing of the kernel's taps, at least 1 (default 1)
 * @param dilationW horizontal spacing of the kernel's taps, at least 1 (default 1)
 * @param groups    channel groups, at least 1 and dividing both channel counts (default 1): group
 *                  {@code j} maps input channels {@code [j*C_in/g, (j+1)*C_in/g)} to output channels
 *                  {@code [j*C_out/g, (j+1)*C_out/g)}, and the weight is {@code (C_out, C_in/g, kH, kW)};
 *                  {@code groups == C_in} is the depthwise convolution
 */
public record Conv2dParams(int strideH, int strideW, int padH, int padW, int dilationH, int dilationW, int groups) {

    /**
     * The same stride, padding and dilation in both directions, as PyTorch's {@code F.conv2d} with int
     * arguments.
     *
     * @param stride   step between windows, at least 1 (PyTorch's default 1)
     * @param padding  zeros added on every side, at least 0 (default 0)
     * @param dilation spacing of the kernel's taps, at least 1 (default 1)
     * @param groups   channel groups, at least 1 (default 1)
     * @return {@code (stride, stride, padding, padding, dilation, dilation, groups)}
     */
    public static Conv2dParams of(int stride, int padding, int dilation, int groups) {
        return new Conv2dParams(stride, stride, padding, padding, dilation, dilation, groups);
    }
}
