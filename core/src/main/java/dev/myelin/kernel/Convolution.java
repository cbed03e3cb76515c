package dev.myelin.kernel;

import java.util.Arrays;

/**
 * 2-D convolution (cross-correlation) of a batch of images, forward and backward, as GEMM over
 * {@link Im2col} columns. Images are {@code (batch, channels, H, W)}, weights
 * {@code (outChannels, channels, kH, kW)} and outputs {@code (batch, outChannels, outH, outW)}, all
 * row-major at the given offsets. Every method overwrites its output.
 *
 * <p>With {@code P = channels*kH*kW} and {@code L = outH*outW}, each image is one product:
 * {@code Y (outChannels x L) = W (outChannels x P) * cols (P x L)}. The batch is processed image by
 * image in order, so results do not depend on threading. {@link ConvolutionReference} is the scalar oracle.
 */
public final class Convolution {
    private Convolution() {
    }

    /** {@code y = conv(x, w) + bias}; {@code bias} may be null. */
    public static void forward(int batch, int channels, int outChannels, Window2d window,
            float[] x, int xOff, float[] w, int wOff, float[] bias, int biasOff, float[] y, int yOff) {
        int patch = channels * window.kernelSize();
        int outPlane = window.outPlaneSize();
        float[] cols = new float[Im2col.columnsSize(channels, window)];
        for (int n = 0; n < batch; n++) {
            int yImage = yOff + n * outChannels * outPlane;
            Im2col.im2col(channels, window, x, xOff + n * channels * window.planeSize(), cols, 0);
            Gemm.sgemm(false, false, outChannels, outPlane, patch, w, wOff, patch, cols, 0, outPlane,
                    y, yImage, outPlane, false);
            if (bias != null) {
                for (int o = 0; o < outChannels; o++) {
                    float b = bias[biasOff + o];
                    int row = yImage + o * outPlane;
                    for (int l = 0; l < outPlane; l++) {
                        y[row + l] += b;
                    }
                }
            }
        }
    }

    /** The input gradient: {@code cols = Wᵀ * dY} per image, folded back into {@code dx} by {@link Im2col#col2im}. */
    public static void backwardInput(int batch, int channels, int outChannels, Window2d window,
            float[] gy, int gyOff, float[] w, int wOff, float[] dx, int dxOff) {
        int patch = channels * window.kernelSize();
        int outPlane = window.outPlaneSize();
        float[] cols = new float[Im2col.columnsSize(channels, window)];
        for (int n = 0; n < batch; n++) {
            Gemm.sgemm(true, false, patch, outPlane, outChannels, w, wOff, patch,
                    gy, gyOff + n * outChannels * outPlane, outPlane, cols, 0, outPlane, false);
            Im2col.col2im(channels, window, cols, 0, dx, dxOff + n * channels * window.planeSize());
        }
    }

    /** The weight gradient: {@code dW = sum over images of dY * colsᵀ}, accumulated in image order. */
    public static void backwardWeight(int batch, int channels, int outChannels, Window2d window,
            float[] x, int xOff, float[] gy, int gyOff, float[] dw, int dwOff) {
        int patch = channels * window.kernelSize();
        int outPlane = window.outPlaneSize();
        float[] cols = new float[Im2col.columnsSize(channels, window)];
        Arrays.fill(dw, dwOff, dwOff + outChannels * patch, 0f);
        for (int n = 0; n < batch; n++) {
            Im2col.im2col(channels, window, x, xOff + n * channels * window.planeSize(), cols, 0);
            Gemm.sgemm(false, true, outChannels, patch, outPlane, gy, gyOff + n * outChannels * outPlane, outPlane,
                    cols, 0, outPlane, dw, dwOff, patch, true);
        }
    }

    /** The bias gradient: {@code db[o]} is the sum of {@code dY[n, o, :, :]} over images, then positions, in order. */
    public static void backwardBias(int batch, int outChannels, Window2d window, float[] gy, int gyOff,
            float[] db, int dbOff) {
        int outPlane = window.outPlaneSize();
        for (int o = 0; o < outChannels; o++) {
            float sum = 0f;
            for (int n = 0; n < batch; n++) {
                int row = gyOff + (n * outChannels + o) * outPlane;
                for (int l = 0; l < outPlane; l++) {
                    sum += gy[row + l];
                }
            }
            db[dbOff + o] = sum;
        }
    }
}
