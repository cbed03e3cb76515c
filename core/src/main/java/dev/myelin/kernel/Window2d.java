package dev.myelin.kernel;

/**
 * How a {@code kernelH x kernelW} window slides over a {@code height x width} plane: its stride, the
 * zero (or minus-infinity) padding added on each side, and its dilation. Convolution, im2col and
 * pooling all share this geometry; output position {@code (oh, ow)} and kernel tap {@code (kh, kw)}
 * read input row {@code oh*strideH - padH + kh*dilationH} and column {@code ow*strideW - padW + kw*dilationW}.
 *
 * <p>The output size is PyTorch's (floor division, no ceil mode):
 * {@code (height + 2*padH - dilationH*(kernelH-1) - 1) / strideH + 1}. It may be zero or negative when
 * the dilated kernel does not fit; the ops reject that before calling a kernel.
 */
public record Window2d(int height, int width, int kernelH, int kernelW, int strideH, int strideW,
        int padH, int padW, int dilationH, int dilationW) {

    /** Rejects geometry that no kernel can run: negative sizes or padding, non-positive kernel, stride or dilation. */
    public Window2d {
        if (height < 0 || width < 0 || kernelH < 1 || kernelW < 1 || strideH < 1 || strideW < 1
                || padH < 0 || padW < 0 || dilationH < 1 || dilationW < 1) {
            throw new IllegalArgumentException("invalid window geometry: plane " + height + "x" + width + ", kernel "
                    + kernelH + "x" + kernelW + ", stride " + strideH + "x" + strideW + ", padding " + padH + "x" + padW
                    + ", dilation " + dilationH + "x" + dilationW);
        }
    }

    /** Number of output rows. */
    public int outHeight() {
        return outSize(height, kernelH, strideH, padH, dilationH);
    }

    /** Number of output columns. */
    public int outWidth() {
        return outSize(width, kernelW, strideW, padW, dilationW);
    }

    /** Elements of one input plane. */
    public int planeSize() {
        return height * width;
    }

    /** Elements of one output plane. */
    public int outPlaneSize() {
        return outHeight() * outWidth();
    }

    /** Taps of one window, {@code kernelH * kernelW}. */
    public int kernelSize() {
        return kernelH * kernelW;
    }

    /** The output length along one axis; floorDiv so that a kernel larger than the padded input gives {@code <= 0}. */
    public static int outSize(int size, int kernel, int stride, int pad, int dilation) {
        return Math.floorDiv(size + 2 * pad - dilation * (kernel - 1) - 1, stride) + 1;
    }

    /**
     * The plane indices ({@code ih*width + iw}) of the taps of output position {@code (oh, ow)} that fall
     * inside the plane, in window order (row by row), into {@code taps} (at least {@link #kernelSize()}
     * long); returns their count. Taps in the padding are left out.
     */
    public int tapsInside(int oh, int ow, int[] taps) {
        int count = 0;
        for (int kh = 0; kh < kernelH; kh++) {
            int ih = oh * strideH - padH + kh * dilationH;
            if (ih < 0 || ih >= height) {
                continue;
            }
            for (int kw = 0; kw < kernelW; kw++) {
                int iw = ow * strideW - padW + kw * dilationW;
                if (iw >= 0 && iw < width) {
                    taps[count++] = ih * width + iw;
                }
            }
        }
        return count;
    }
}
