package dev.myelin.kernel;

import dev.myelin.parallel.Parallel;
import java.util.Arrays;

/**
 * The convolution of more than one channel group ({@link ConvGeometry#groups()} {@code > 1}), as one
 * GEMM per group on that group's slice. Group {@code j}'s input channels are contiguous planes of each
 * image, so their {@link Im2col} columns are an ordinary im2col of {@code C_in/g} channels; its weight
 * rows are the contiguous block {@code W_j (C_out/g x P)}, {@code P = C_in/g * kH * kW}; and its output
 * channels are contiguous planes again. Per image and group:
 * {@code Y_j = W_j cols_j}, {@code cols_j = W_jᵀ dY_j} (then col2im), and over the batch
 * {@code dW_j = Σ_n dY_{n,j} cols_{n,j}ᵀ}.
 *
 * <p>{@link Convolution} sends every call with groups here and keeps its one-group paths unchanged.
 * Those faster paths stay one-group only: the channels-last forward (a depthwise patch has one channel
 * per tap, where channels-last does not pay anyway) and {@link ShortPatchGradients}. Work is split over
 * images (forward, input gradient) or groups (weight gradient), each output summed in one order, so
 * results do not depend on the thread count.
 */
final class GroupedConvolution {
    private GroupedConvolution() {
    }

    /** {@code y = conv(x, w) + bias}, then {@code max(y, 0)} when {@code relu} is set; {@code bias} may be null. */
    static void forward(ConvGeometry geometry, Floats x, Floats w, Floats bias, boolean relu, Floats y) {
        Window2d window = geometry.window();
        int groups = geometry.groups();
        int groupIn = geometry.groupInChannels();
        int groupOut = geometry.groupOutChannels();
        int patch = geometry.patch();
        int outPlane = geometry.outPlane();
        Parallel.forRange(geometry.batch(), n -> {
            float[] cols = Scratch.floats(Scratch.CONV_IMAGE_COLUMNS, patch * outPlane);
            int image = y.offset() + n * geometry.outImageSize();
            for (int j = 0; j < groups; j++) {
                Im2col.im2col(groupIn, window, x.data(), x.offset() + n * geometry.imageSize()
                        + j * groupIn * window.planeSize(), cols, 0, outPlane);
                Gemm.sgemm(groupOut, outPlane, patch, Matrix.of(w.data(), w.offset() + j * groupOut * patch, patch),
                        Matrix.of(cols, 0, outPlane), Matrix.of(y.data(), image + j * groupOut * outPlane, outPlane), false);
            }
            if (bias != null || relu) {
                for (int o = 0; o < geometry.outChannels(); o++) {
                    Convolution.addBiasAndClamp(y.data(), image + o * outPlane, outPlane,
                            bias == null ? 0f : bias.data()[bias.offset() + o], relu);
                }
            }
        });
    }

    /** The input gradient, image by image: each group's {@code cols_j = W_jᵀ dY_j} folded back into its channels. */
    static void backwardInput(ConvGeometry geometry, Floats gy, Floats w, Floats dx) {
        Window2d window = geometry.window();
        int groups = geometry.groups();
        int groupIn = geometry.groupInChannels();
        int groupOut = geometry.groupOutChannels();
        int patch = geometry.patch();
        int outPlane = geometry.outPlane();
        Parallel.forRange(geometry.batch(), n -> {
            float[] gradCols = Scratch.floats(Scratch.CONV_IMAGE_COLUMNS, patch * outPlane);
            for (int j = 0; j < groups; j++) {
                Gemm.sgemm(patch, outPlane, groupOut, Matrix.of(w.data(), w.offset() + j * groupOut * patch, patch).transpose(),
                        Matrix.of(gy.data(), gy.offset() + n * geometry.outImageSize() + j * groupOut * outPlane, outPlane),
                        Matrix.of(gradCols, 0, outPlane), false);
                Im2col.col2im(groupIn, window, gradCols, 0, outPlane, dx.data(),
                        dx.offset() + n * geometry.imageSize() + j * groupIn * window.planeSize());
            }
        });
    }

    /**
     * The weight gradient, one group per task: {@code dW_j = Σ_n dY_{n,j} cols_{n,j}ᵀ}, the images added
     * in order into the group's own rows of {@code dw}, so no sum is split across threads.
     */
    static void backwardWeight(ConvGeometry geometry, Floats x, Floats gy, Floats dw) {
        Window2d window = geometry.window();
        int groupIn = geometry.groupInChannels();
        int groupOut = geometry.groupOutChannels();
        int patch = geometry.patch();
        int outPlane = geometry.outPlane();
        if (geometry.batch() == 0) {
            Arrays.fill(dw.data(), dw.offset(), dw.offset() + geometry.weightSize(), 0f);
            return;
        }
        Parallel.forRange(geometry.groups(), j -> {
            float[] cols = Scratch.floats(Scratch.CONV_IMAGE_COLUMNS, patch * outPlane);
            for (int n = 0; n < geometry.batch(); n++) {
                Im2col.im2col(groupIn, window, x.data(), x.offset() + n * geometry.imageSize()
                        + j * groupIn * window.planeSize(), cols, 0, outPlane);
                Gemm.sgemm(groupOut, patch, outPlane,
                        Matrix.of(gy.data(), gy.offset() + n * geometry.outImageSize() + j * groupOut * outPlane, outPlane),
                        Matrix.of(cols, 0, outPlane).transpose(), Matrix.of(dw.data(), dw.offset() + j * groupOut * patch, patch),
                        n > 0);
            }
        });
    }
}
