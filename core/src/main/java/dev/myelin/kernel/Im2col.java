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
                        for (int ow = 0; ow < outW; ow++) {
                            int iw = ow * window.strideW() - window.padW() + kw * window.dilationW();
                            cols[dst++] = iw >= 0 && iw < window.width() ? x[row + iw] : 0f;
                        }
                    }
                }
            }
        }
    }

    /**
     * The adjoint of {@link #im2col}: overwrites the image at {@code x[xOff..]} with the sum, for each
     * pixel, of every column entry that was read from it. Entries that fell in the padding are dropped.
     */
    public static void col2im(int channels, Window2d window, float[] cols, int colsOff, float[] x, int xOff) {
        col2im(channels, window, cols, colsOff, window.outPlaneSize(), x, xOff);
    }

    /** As {@link #col2im(int, Window2d, float[], int, float[], int)}, reading rows {@code ldCols} apart. */
    public static void col2im(int channels, Window2d window, float[] cols, int colsOff, int ldCols, float[] x, int xOff) {
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
                        int row = plane + ih * window.width();
                        for (int ow = 0; ow < outW; ow++) {
                            int iw = ow * window.strideW() - window.padW() + kw * window.dilationW();
                            if (iw >= 0 && iw < window.width()) {
                                x[row + iw] += cols[src];
                            }
                            src++;
                        }
                    }
                }
            }
        }
    }
}
