package dev.myelin.tensor;

/**
 * The result of {@link Tensor#max(int, boolean)}, as the {@code (values, indices)} pair of PyTorch's
 * {@code torch.max(x, dim)}.
 *
 * @param values  the maximum along the reduced dimension: the input's shape with that dimension removed
 *     or, with {@code keepdim}, of size 1; differentiable, the gradient flowing to each maximum's position
 * @param indices for each element of {@code values}, in the same row-major order, the index along the
 *     reduced dimension of the (first) maximum; one int per value, not a tensor
 */
public record MaxResult(Tensor values, int[] indices) {
}
