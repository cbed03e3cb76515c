/**
 * Tensors and reverse-mode automatic differentiation. A {@link dev.myelin.tensor.Tensor} is a dense,
 * row-major float32 array; each differentiable op is a {@code Node} subclass holding its forward and
 * its backward side by side (for example {@code LinearOp}, {@code Conv2dOp}, {@code BatchNormOp}), and
 * {@code Autograd} runs the backward pass. {@link dev.myelin.tensor.Functional} gathers the ops under
 * PyTorch's names ({@code torch.nn.functional}); {@link dev.myelin.tensor.Grad} switches recording off
 * (PyTorch's {@code no_grad}); {@link dev.myelin.tensor.Generator} is the seeded random source.
 *
 * <p>Start with {@link dev.myelin.tensor.Tensor}: its class comment explains the storage, broadcasting
 * and how ops record the graph that {@code backward()} walks.
 */
package dev.myelin.tensor;
