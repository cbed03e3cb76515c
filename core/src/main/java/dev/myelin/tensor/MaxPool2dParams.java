package dev.myelin.tensor;

/**
 * The window of a 2-D max pool, as PyTorch's {@code F.max_pool2d(input, kernel_size, stride, padding)}
 * with dilation 1 and floor rounding, the vertical and horizontal values apart. Padding counts as
 * minus infinity; the output is {@code H_out = floor((H + 2*padH - kernelH) / strideH) + 1} high
 * (likewise wide). The op checks the values when it runs, naming each that is out of range.
 *
 * @param kernelH window height, at least 1
 * @param kernelW window width, at least 1
 * @param strideH vertical step between windows, at least 1 (PyTorch's default: the kernel height)
 * @param strideW horizontal step between windows, at least 1 (default: the kernel width)
 * @param padH    rows added above and below, between 0 and {@code kernelH / 2} (default 0)
 * @param padW    columns added left and right, between 0 and {@code kernelW / 2} (default 0)
 */
public record MaxPool2dParams(int kernelH, int kernelW, int strideH, int strideW, int padH, int padW) {

    /**
     * A square window with the same stride and padding in both directions.
     *
     * @param kernel  window height and width, at least 1
     * @param stride  step between windows, at least 1
     * @param padding rows and columns added on every side, between 0 and {@code kernel / 2}
     * @return {@code (kernel, kernel, stride, stride, padding, padding)}
     */
    public static MaxPool2dParams of(int kernel, int stride, int padding) {
        return new MaxPool2dParams(kernel, kernel, stride, stride, padding, padding);
    }
}
