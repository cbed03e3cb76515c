/**
 * Layers, as {@code torch.nn}: a {@link dev.myelin.nn.Module} owns {@link dev.myelin.nn.Parameter}s,
 * buffers and child modules under PyTorch's names, so that a state dict round-trips with
 * {@code torch.nn} ({@code dev.myelin.io.StateDict}). Layers: {@link dev.myelin.nn.Linear},
 * {@link dev.myelin.nn.Conv2d}, {@link dev.myelin.nn.BatchNorm1d}, {@link dev.myelin.nn.BatchNorm2d},
 * pooling, activations, {@link dev.myelin.nn.Dropout}, {@link dev.myelin.nn.Flatten},
 * {@link dev.myelin.nn.BasicBlock} (a residual block) and {@link dev.myelin.nn.Sequential}. Losses
 * ({@link dev.myelin.nn.CrossEntropyLoss}, {@link dev.myelin.nn.MSELoss}, {@link dev.myelin.nn.NLLLoss})
 * are plain functions of a prediction and a target, not modules. {@link dev.myelin.nn.Init} has the
 * initialisations (He et al., 2015; Glorot and Bengio, 2010).
 */
package dev.myelin.nn;
