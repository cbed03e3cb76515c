/**
 * Library-wide settings ({@link dev.myelin.Myelin}: the thread count, whether the vector kernels are
 * on, running work on the calling thread alone). The library itself is in the subpackages:
 * {@code tensor} (tensors, autograd, the functional ops), {@code nn} (layers), {@code optim}
 * (optimizers and schedules), {@code data} (datasets and the loader), {@code io} (safetensors, state
 * dicts, checkpoints) and {@code onnx} (export). {@code docs/tour.md} is a reading path through them.
 */
package dev.myelin;
