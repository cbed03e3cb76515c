package dev.myelin.kernel;

import java.util.Arrays;

/**
 * Unfolds the windows of a {@code (channels, height, width)} image into a column matrix, and folds
 * such a matrix back. This turns a convolution into one matrix product.
 *
 * <p>The column matrix is row-major {@code (channels*kernelH*kernelW) x (outHeight*outWidth)}: row
 * {@code (c*kernelH + kh)*kernelW + kw} holds, for every output position in row-major order, the input
 * value under kernel tap {@code (c, kh, kw)}, or zero where the tap falls in the padding. Rows in this
 * order match a weight tensor {@code (C_out, C_in, kH, kW)} read as a {@code C_out x (C_in*kH*kW)}
 * matrix, so the weight needs no reshuffling; and each row is written contiguously.
 */
public final class Im2col {
    private Im2col() {
    }

    /** Number of floats in the column matrix of one image. */
    public static int columnsSize(int channels, Window2d window) {
        return channels * window.kernelSize() * window.outPlaneSize();
    }

    /** Writes the column matrix of the image at {@code x[xOff..]} into {@code cols[colsOff..]}. */
    public static void im2col(int channels, Window2d window, float[] x, int xOff, float[] cols, int colsOff) {
        im2col(channels, window, x, xOff, cols, colsOff, window.outPlaneSize());
    }

    /**
     * As {@link #im2col(int, Window2d, float[], int, float[], int)}, with rows {@code ldCols} apart: the
     * images of a batch then sit side by side in one wide matrix, each at its own column offset.
     */
    public static void im2col(int channels, Window2d window, float[] x, int xOff, float[] cols, int colsOff, int ldCols) {
        if (keepsRowLength(window)) {
            im2colShifted(channels, window, x, xOff, cols, colsOff, ldCols);
            return;
        }
        int outH = window.outHeight();
        int outW = window.outWidth();
        int taps = window.kernelSize();
        for (int c = 0; c < channels; c++) {
            int plane = xOff + c * window.planeSize();
            for (int kh = 0; kh < window.kernelH(); kh++) {
                for (int kw = 0; kw < window.kernelW(); kw++) {
                    int dst = colsOff + ((c * taps) + kh * window.kernelW() + kw) * ldCols;
                    for (int oh = 0; oh < outH; oh++) {
                        int ih = oh * window.strideH() - window.padH() + kh * window.dilationH();
                        if (ih < 0 || ih >= window.height()) {
                            Arrays.fill(cols, dst, dst + outW, 0f);
                            dst += outW;
                            continue;
                        }
                        int row = plane + ih * window.width();
                        int first = firstValid(window, outW, kw);
                        int end = endValid(window, outW, kw);
                        int shift = kw * window.dilationW() - window.padW();
                        // Rows are short (often 14 or 28), so plain loops beat fill/arraycopy calls here.
                        int stride = window.strideW();
                        for (int ow = 0; ow < first; ow++) {
                            cols[dst + ow] = 0f;
                        }
                        for (int ow = first; ow < end; ow++) {
                            cols[dst + ow] = x[row + ow * stride + shift];
                        }
                        for (int ow = Math.max(end, first); ow < outW; ow++) {
                            cols[dst + ow] = 0f;
                        }
                        dst += outW;
                    }
                }
            }
        }
    }

    /**
     * The adjoint of {@link #im2col}: overwrites the image at {@code x[xOff..]} with the sum, for each
     * pixel, of every column entry that was read from it. Entries that fell in the padding are dropped
     * (and may be overwritten with zeros in {@code cols}).
     */
    public static void col2im(int channels, Window2d window, float[] cols, int colsOff, float[] x, int xOff) {
        col2im(channels, window, cols, colsOff, window.outPlaneSize(), x, xOff);
    }

    /** As {@link #col2im(int, Window2d, float[], int, float[], int)}, reading rows {@code ldCols} apart. */
    public static void col2im(int channels, Window2d window, float[] cols, int colsOff, int ldCols, float[] x, int xOff) {
        if (keepsRowLength(window)) {
            col2imShifted(channels, window, cols, colsOff, ldCols, x, xOff);
            return;
        }
        int outH = window.outHeight();
        int outW = window.outWidth();
        int taps = window.kernelSize();
        Arrays.fill(x, xOff, xOff + channels * window.planeSize(), 0f);
        for (int c = 0; c < channels; c++) {
            int plane = xOff + c * window.planeSize();
            for (int kh = 0; kh < window.kernelH(); kh++) {
                for (int kw = 0; kw < window.kernelW(); kw++) {
                    int src = colsOff + ((c * taps) + kh * window.kernelW() + kw) * ldCols;
                    for (int oh = 0; oh < outH; oh++) {
                        int ih = oh * window.strideH() - window.padH() + kh * window.dilationH();
                        if (ih < 0 || ih >= window.height()) {
                            src += outW;
                            continue;
                        }
                        int row = plane + ih * window.width() + kw * window.dilationW() - window.padW();
                        int end = endValid(window, outW, kw);
                        for (int ow = firstValid(window, outW, kw); ow < end; ow++) {
                            x[row + ow * window.strideW()] += cols[src + ow];
                        }
                        src += outW;
                    }
                }
            }
        }
    }

    /** The first output column whose tap {@code kw} reads inside the plane (not the padding); {@code outW} is passed in, as it costs a division. */
    private static int firstValid(Window2d w, int outW, int kw) {
        int before = w.padW() - kw * w.dilationW(); // columns of padding left of this tap's first read
        return before <= 0 ? 0 : Math.min(outW, (before + w.strideW() - 1) / w.strideW());
    }

    /** One past the last output column whose tap {@code kw} reads inside the plane. */
    private static int endValid(Window2d w, int outW, int kw) {
        int last = w.width() - 1 + w.padW() - kw * w.dilationW(); // largest ow * strideW that stays inside
        return last < 0 ? 0 : Math.min(outW, last / w.strideW() + 1);
    }

    /**
     * Stride 1 and an output row as long as the input row (a "same" convolution such as 3x3 with
     * padding 1): then every row of the column matrix is the input plane shifted by a constant, so it
     * can be copied as one contiguous run instead of one short run per output row.
     */
    private static boolean keepsRowLength(Window2d w) {
        return w.strideH() == 1 && w.strideW() == 1 && w.outWidth() == w.width() && w.outHeight() > 0;
    }

    /** Output rows {@code [first, end)} whose tap {@code kh} reads inside the plane. */
    private static int firstValidRow(Window2d w, int outH, int kh) {
        return Math.min(outH, Math.max(0, w.padH() - kh * w.dilationH()));
    }

    private static int endValidRow(Window2d w, int outH, int kh) {
        return Math.max(0, Math.min(outH, w.height() + w.padH() - kh * w.dilationH()));
    }

    private static void im2colShifted(int channels, Window2d window, float[] x, int xOff, float[] cols, int colsOff,
            int ldCols) {
        int width = window.width();
        int outH = window.outHeight();
        int outW = window.outWidth();
        int outPlane = outH * outW;
        int taps = window.kernelSize();
        for (int c = 0; c < channels; c++) {
            int plane = xOff + c * window.planeSize();
            for (int kh = 0; kh < window.kernelH(); kh++) {
                int rowFirst = firstValidRow(window, outH, kh);
                int rowEnd = Math.max(rowFirst, endValidRow(window, outH, kh));
                for (int kw = 0; kw < window.kernelW(); kw++) {
                    int dst = colsOff + ((c * taps) + kh * window.kernelW() + kw) * ldCols;
                    int first = firstValid(window, outW, kw);
                    int end = Math.max(first, endValid(window, outW, kw));
                    // Position (oh, ow) reads plane[oh * width + ow + shift]: one run from (rowFirst, first)
                    // to (rowEnd - 1, end - 1); the entries it wraps over at row edges are zeroed after.
                    int shift = (kh * window.dilationH() - window.padH()) * width + kw * window.dilationW() - window.padW();
                    Arrays.fill(cols, dst, dst + rowFirst * width + first, 0f);
                    if (rowEnd > rowFirst && end > first) {
                        int from = rowFirst * width + first;
                        int to = (rowEnd - 1) * width + end;
                        System.arraycopy(x, plane + from + shift, cols, dst + from, to - from);
                        for (int oh = rowFirst; oh < rowEnd; oh++) {
                            int row = dst + oh * width;
                            for (int ow = 0; ow < first; ow++) {
                                cols[row + ow] = 0f;
                            }
                            for (int ow = end; ow < width; ow++) {
                                cols[row + ow] = 0f;
                            }
                        }
                        Arrays.fill(cols, dst + to, dst + outPlane, 0f);
                    } else {
                        Arrays.fill(cols, dst, dst + outPlane, 0f);
                    }
                }
            }
        }
    }

    /** The adjoint of {@link #im2colShifted}. It zeroes the padding entries of {@code cols} in place first. */
    private static void col2imShifted(int channels, Window2d window, float[] cols, int colsOff, int ldCols,
            float[] x, int xOff) {
        int width = window.width();
        int outH = window.outHeight();
        int outW = window.outWidth();
        int taps = window.kernelSize();
        Arrays.fill(x, xOff, xOff + channels * window.planeSize(), 0f);
        for (int c = 0; c < channels; c++) {
            int plane = xOff + c * window.planeSize();
            for (int kh = 0; kh < window.kernelH(); kh++) {
                int rowFirst = firstValidRow(window, outH, kh);
                int rowEnd = endValidRow(window, outH, kh);
                for (int kw = 0; kw < window.kernelW(); kw++) {
                    int src = colsOff + ((c * taps) + kh * window.kernelW() + kw) * ldCols;
                    int first = firstValid(window, outW, kw);
                    int end = endValid(window, outW, kw);
                    if (rowEnd <= rowFirst || end <= first) {
                        continue;
                    }
                    int shift = (kh * window.dilationH() - window.padH()) * width + kw * window.dilationW() - window.padW();
                    for (int oh = rowFirst; oh < rowEnd; oh++) {
                        int row = src + oh * width;
                        for (int ow = 0; ow < first; ow++) {
                            cols[row + ow] = 0f;
                        }
                        for (int ow = end; ow < width; ow++) {
                            cols[row + ow] = 0f;
                        }
                    }
                    // One long run: entries that would wrap across a row edge were zeroed above, so they add nothing.
                    int from = rowFirst * width + first;
                    int to = (rowEnd - 1) * width + end;
                    int dst = plane + shift;
                    if (VectorSupport.AVAILABLE) {
                        VectorLoops.addInto(cols, src + from, x, dst + from, to - from);
                    } else {
                        for (int l = from; l < to; l++) {
                            x[dst + l] += cols[src + l];
                        }
                    }
                }
            }
        }
    }
}
