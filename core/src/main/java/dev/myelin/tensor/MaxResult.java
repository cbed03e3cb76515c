package dev.myelin.tensor;

/**
 * The result of {@link Tensor#max(int, boolean)}: the maximum values (differentiable) and, at the same
 * positions in row-major order, the index along the reduced dimension where each maximum was found.
 */
public record MaxResult(Tensor values, int[] indices) {
}
