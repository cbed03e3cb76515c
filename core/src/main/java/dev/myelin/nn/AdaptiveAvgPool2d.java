package dev.myelin.nn;

import dev.myelin.tensor.Tensor;

/**
 * 2-D adaptive average pooling, as {@code torch.nn.AdaptiveAvgPool2d}: the output has a fixed size
 * {@code outH × outW} whatever the input size, each output the mean of its window.
 *
 * <p>Input {@code (N, C, H, W)} or {@code (C, H, W)}; output {@code (N, C, outH, outW)} or
 * {@code (C, outH, outW)}. Output row {@code i} averages input rows {@code floor(i·H/outH)} up to but
 * excluding {@code ceil((i+1)·H/outH)} (PyTorch's windows, which may overlap when H is not a multiple of
 * outH); likewise for columns.
 *
 * <p>An output of 1 × 1 is the mean over H and W. Other sizes are computed as {@code P_h · x · P_wᵀ},
 * where {@code P_h (outH, H)} holds {@code 1/(window length)} on each row's window: averaging a
 * rectangle is separable, so two matrix products give every window's mean, and their gradients.
 */
public final class AdaptiveAvgPool2d extends Module {
    private final int outH;
    private final int outW;

    /**
     * {@code nn.AdaptiveAvgPool2d((outH, outW))}.
     *
     * @param outH the height of the output, at least 1; may exceed the input's (windows then repeat rows)
     * @param outW the width of the output, at least 1
     * @throws IllegalArgumentException if a size is below 1
     */
    public AdaptiveAvgPool2d(int outH, int outW) {
        if (outH < 1 || outW < 1) {
            throw new IllegalArgumentException("AdaptiveAvgPool2d: output size must be positive, got "
                    + Repr.pair(outH, outW));
        }
        this.outH = outH;
        this.outW = outW;
    }

    /**
     * {@code nn.AdaptiveAvgPool2d(size)}: a square output; {@code new AdaptiveAvgPool2d(1)} is global
     * average pooling, {@code (N, C, H, W) -> (N, C, 1, 1)}.
     *
     * @param size the height and width of the output, at least 1
     * @throws IllegalArgumentException if {@code size} is below 1
     */
    public AdaptiveAvgPool2d(int size) {
        this(size, size);
    }

    /** {@code (N, C, H, W) -> (N, C, outH, outW)}, or {@code (C, H, W) -> (C, outH, outW)}. */
    @Override
    public Tensor forward(Tensor input) {
        if (input.rank() != 3 && input.rank() != 4) {
            throw new IllegalArgumentException("AdaptiveAvgPool2d: expected input of shape (N, C, H, W) or (C, H, W), "
                    + "got shape " + input.shape());
        }
        int h = input.dim(-2);
        int w = input.dim(-1);
        if (h == 0 || w == 0) {
            throw new IllegalArgumentException("AdaptiveAvgPool2d: input of shape " + input.shape()
                    + " has an empty spatial dimension");
        }
        int r = input.rank();
        if (outH == 1 && outW == 1) {
            return input.mean(new int[] {r - 2, r - 1}, true);
        }
        return windows(outH, h).matmul(input).matmul(windows(outW, w).transpose(0, 1));
    }

    /**
     * The output size.
     *
     * @return a new array {@code {outH, outW}}
     */
    public int[] outputSize() {
        return new int[] {outH, outW};
    }

    /** The {@code (out, in)} matrix whose row {@code i} averages PyTorch's window {@code i}. */
    private static Tensor windows(int out, int in) {
        float[] m = new float[out * in];
        for (int i = 0; i < out; i++) {
            int start = Math.floorDiv(i * in, out);
            int end = -Math.floorDiv(-(i + 1) * in, out); // ceil((i+1)·in/out)
            float weight = 1f / (end - start);
            for (int j = start; j < end; j++) {
                m[i * in + j] = weight;
            }
        }
        return Tensor.of(m, out, in);
    }

    @Override
    protected String extraRepr() {
        return "output_size=" + Repr.size(outH, outW);
    }

    /** Keeps no reference to its input or output, so a {@link Sequential} may recycle them. */
    @Override
    boolean keepsNoTensors() {
        return true;
    }
}
