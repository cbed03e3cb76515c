package dev.myelin.optim;

import dev.myelin.kernel.OptimizerKernels;
import dev.myelin.nn.Parameter;
import dev.myelin.tensor.Tensor;

/** Gradient clipping, as {@code torch.nn.utils.clip_grad_norm_}. */
public final class ClipGrad {
    private ClipGrad() {
    }

    /**
     * Scales the gradients of {@code parameters} in place so that their global L2 norm is at most
     * {@code maxNorm}, and returns the norm they had:
     * <pre>
     * total = sqrt(Σ over every gradient element g²)
     * scale = maxNorm / (total + 1e-6);   every gradient *= scale   when scale &lt; 1
     * </pre>
     * Parameters without a gradient are ignored. The squares are summed in double, each gradient in element
     * order and the gradients in parameter order, so the result is reproducible; PyTorch sums in float32, which
     * makes its norm differ from this one by an ulp or so of float. Before a step, call this between
     * {@code backward()} and {@code optimizer.step()}.
     *
     * <p>If the norm is not finite (a gradient overflowed or is NaN) the gradients are left as they
     * are and the norm is returned, so that the caller can skip the step.
     *
     * @param parameters the parameters whose gradients to clip together; iterated once to measure and
     *     again to scale, so not a one-shot iterable
     * @param maxNorm    the largest global L2 norm to allow, a finite number {@code >= 0}
     * @return the global L2 norm of the gradients before clipping (infinite or NaN if one overflowed or
     *     is NaN)
     * @throws IllegalArgumentException if {@code maxNorm} is negative or not finite
     */
    public static double clipGradNorm(Iterable<Parameter> parameters, double maxNorm) {
        Checks.nonNegative("maxNorm", maxNorm);
        double sum = 0;
        for (Parameter p : parameters) {
            Tensor g = p.grad();
            if (g != null) {
                sum += OptimizerKernels.sumOfSquares(g.array(), g.arrayOffset(), g.size());
            }
        }
        double total = Math.sqrt(sum);
        double scale = maxNorm / (total + 1e-6);
        if (scale < 1 && Double.isFinite(total)) {
            for (Parameter p : parameters) {
                Tensor g = p.grad();
                if (g != null) {
                    OptimizerKernels.scale(g.array(), g.arrayOffset(), g.size(), (float) scale);
                }
            }
        }
        return total;
    }
}
