package dev.myelin.tensor;

/**
 * Mean negative log-likelihood of {@code logProbs (N, C)} against integer labels, as PyTorch's
 * {@code F.nll_loss} with the default mean reduction: {@code loss = -(1/N) Σ_i logProbs[i, label_i]}.
 * The input is expected to hold log-probabilities (a log-softmax), so that {@code nllLoss(logSoftmax(x))}
 * equals {@code crossEntropy(x)}; the op itself takes any values. The gradient is {@code -1/N} at each
 * row's label and 0 elsewhere.
 *
 * <p>The loop is a gather of N values, too small for a kernel of its own.
 */
final class NllLossOp extends Node {
    private final int[] labels;

    private NllLossOp(Tensor logProbs, int[] labels) {
        super(logProbs);
        this.labels = labels;
    }

    static Tensor forward(Tensor logProbs, int[] labels) {
        check(logProbs, labels);
        int rows = logProbs.dim(0);
        int classes = logProbs.dim(1);
        int[] ownLabels = labels.clone();
        double total = 0;
        for (int r = 0; r < rows; r++) {
            total -= logProbs.data[logProbs.offset + r * classes + ownLabels[r]];
        }
        Tensor loss = Tensor.scalar((float) (total / rows)); // N = 0 gives NaN, the mean of nothing, as in PyTorch
        return Autograd.record(loss, new NllLossOp(logProbs, ownLabels));
    }

    private static void check(Tensor logProbs, int[] labels) {
        if (logProbs.rank() != 2) {
            throw new IllegalArgumentException("nllLoss: input must have shape (N, C), got shape " + logProbs.shape());
        }
        if (labels.length != logProbs.dim(0)) {
            throw new IllegalArgumentException("nllLoss: " + labels.length + " labels for input of shape "
                    + logProbs.shape() + "; need one label per row");
        }
        int classes = logProbs.dim(1);
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new IllegalArgumentException("nllLoss: label " + labels[i] + " at position " + i
                        + " is out of range [0, " + classes + ") for input of shape " + logProbs.shape());
            }
        }
    }

    @Override
    Tensor[] backward(Tensor g) {
        Tensor logProbs = input(0);
        int rows = logProbs.dim(0);
        int classes = logProbs.dim(1);
        Tensor dx = Tensor.empty(logProbs.shape());
        float perRow = -g.item() / rows;
        for (int r = 0; r < rows; r++) {
            dx.data[r * classes + labels[r]] = perRow;
        }
        return new Tensor[] {dx};
    }
}
