package dev.myelin.tensor;

import dev.myelin.kernel.SoftmaxKernels;

/**
 * Mean cross-entropy of {@code logits (N, C)} against integer labels, with optional label smoothing
 * exactly as PyTorch's {@code F.cross_entropy(..., label_smoothing=s)}: the target is
 * {@code (1 - s)·onehot(label) + s/C}. Fused: the log-softmax is computed once and saved, and the
 * gradient with respect to the logits is {@code (softmax - target) / N}.
 */
final class CrossEntropyOp extends Node {
    private final int[] labels;
    private final float smoothing;

    private CrossEntropyOp(Tensor logits, Tensor logProbs, int[] labels, float smoothing) {
        super(logits);
        save(logProbs);
        this.labels = labels;
        this.smoothing = smoothing;
    }

    static Tensor forward(Tensor logits, int[] labels, float smoothing) {
        check(logits, labels, smoothing);
        int rows = logits.dim(0);
        int classes = logits.dim(1);
        int[] ownLabels = labels.clone();
        Tensor logProbs = Tensor.empty(logits.shape());
        double total = SoftmaxKernels.crossEntropyForward(logits.data, logits.offset, rows, classes, ownLabels,
                smoothing, logProbs.data, 0);
        Tensor loss = Tensor.scalar((float) (total / rows)); // N = 0 gives NaN, the mean of nothing, as in PyTorch
        return Autograd.record(loss, new CrossEntropyOp(logits, logProbs, ownLabels, smoothing));
    }

    private static void check(Tensor logits, int[] labels, float smoothing) {
        if (logits.rank() != 2) {
            throw new IllegalArgumentException("crossEntropy: logits must have shape (N, C), got shape " + logits.shape());
        }
        if (labels.length != logits.dim(0)) {
            throw new IllegalArgumentException("crossEntropy: " + labels.length + " labels for logits of shape "
                    + logits.shape() + "; need one label per row");
        }
        int classes = logits.dim(1);
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new IllegalArgumentException("crossEntropy: label " + labels[i] + " at position " + i
                        + " is out of range [0, " + classes + ") for logits of shape " + logits.shape());
            }
        }
        if (!(smoothing >= 0f && smoothing <= 1f)) {
            throw new IllegalArgumentException("crossEntropy: label smoothing must be in [0, 1], got " + smoothing);
        }
    }

    @Override
    Tensor[] backward(Tensor g) {
        Tensor logProbs = saved(0);
        int rows = logProbs.dim(0);
        int classes = logProbs.dim(1);
        Tensor dx = GradientStorage.uninitialized(logProbs.shape());
        SoftmaxKernels.crossEntropyBackward(logProbs.data, logProbs.offset, rows, classes, labels, smoothing,
                g.item() / rows, dx.data, 0);
        return new Tensor[] {dx};
    }
}
