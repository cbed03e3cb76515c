package dev.myelin.nn;

import dev.myelin.tensor.Tensor;

/**
 * Merges dimensions {@code startDim..endDim} into one, as {@code torch.nn.Flatten}; by default from
 * dimension 1 to the last, so {@code (N, C, H, W)} becomes {@code (N, C·H·W)}. The result is a view.
 * Negative dimensions count from the end.
 */
public final class Flatten extends Module {
    private final int startDim;
    private final int endDim;

    /**
     * {@code nn.Flatten(start_dim, end_dim)}: flattens dimensions {@code startDim..endDim}, both included.
     *
     * @param startDim the first dimension merged (negative counts from the end; PyTorch's default 1)
     * @param endDim   the last dimension merged, not before {@code startDim} (negative counts from the end;
     *                 PyTorch's default -1, the last)
     * @throws IllegalArgumentException if both have the same sign and {@code startDim > endDim} (otherwise
     *                                  the order is checked against each input's rank)
     */
    public Flatten(int startDim, int endDim) {
        if ((startDim >= 0) == (endDim >= 0) && startDim > endDim) {
            throw new IllegalArgumentException("Flatten: start_dim " + startDim + " comes after end_dim " + endDim);
        }
        this.startDim = startDim;
        this.endDim = endDim;
    }

    /** Flattens every dimension but the first (PyTorch's defaults: start 1, end -1). */
    public Flatten() {
        this(1, -1);
    }

    /** {@code (d0, ..., d_start, ..., d_end, ...) -> (d0, ..., d_start·...·d_end, ...)}. */
    @Override
    public Tensor forward(Tensor input) {
        int rank = input.rank();
        int start = input.shape().normalizeDim(startDim);
        int end = input.shape().normalizeDim(endDim);
        if (start > end) {
            throw new IllegalArgumentException("Flatten: start dimension " + startDim + " comes after end dimension "
                    + endDim + " for shape " + input.shape());
        }
        int[] dims = new int[rank - (end - start)];
        int merged = 1;
        for (int d = 0, j = 0; d < rank; d++) {
            if (d < start || d > end) {
                dims[j++] = input.dim(d);
            } else {
                merged *= input.dim(d);
                if (d == end) {
                    dims[j++] = merged;
                }
            }
        }
        return input.reshape(dims);
    }

    /**
     * Where the merged dimensions begin.
     *
     * @return the first dimension merged, as given (negative counts from the end)
     */
    public int startDim() {
        return startDim;
    }

    /**
     * Where the merged dimensions end.
     *
     * @return the last dimension merged, included, as given (negative counts from the end)
     */
    public int endDim() {
        return endDim;
    }

    @Override
    protected String extraRepr() {
        return "start_dim=" + startDim + ", end_dim=" + endDim;
    }

    /** Keeps no reference to its input or output, so a {@link Sequential} may recycle them. */
    @Override
    boolean keepsNoTensors() {
        return true;
    }
}
