/**
 * Optimizers, learning-rate schedules and gradient clipping, named and behaving as in
 * {@code torch.optim}: {@link dev.myelin.optim.SGD}, {@link dev.myelin.optim.Adam} and
 * {@link dev.myelin.optim.AdamW} over a model's parameters or over
 * {@linkplain dev.myelin.optim.ParamGroup parameter groups};
 * {@link dev.myelin.optim.StepLR}, {@link dev.myelin.optim.CosineAnnealingLR} (with an optional linear
 * warm-up) and {@link dev.myelin.optim.OneCycleLR}; and {@link dev.myelin.optim.ClipGrad#clipGradNorm}.
 *
 * <pre>{@code
 * List<Parameter> params = ...;                    // the model's learnable tensors
 * var optimizer = new AdamW(params, AdamW.options().lr(3e-3).weightDecay(0.05));
 * var schedule = new CosineAnnealingLR(optimizer, epochs);
 * for (int epoch = 0; epoch < epochs; epoch++) {
 *     for (Batch b : batches) {
 *         optimizer.zeroGrad();
 *         Tensor loss = crossEntropy(forward(b.x()), b.labels());
 *         loss.backward();
 *         ClipGrad.clipGradNorm(params, 1.0);
 *         optimizer.step();
 *     }
 *     schedule.step();
 * }
 * }</pre>
 *
 * <p>What PyTorch requires is passed to the constructor ({@code SGD}'s learning rate, a schedule's
 * length); the options with a default are named, in an {@code Options} record whose setters return a
 * copy and whose {@code options()} holds PyTorch's defaults:
 * {@code new SGD(params, 0.1, SGD.options().momentum(0.9).nesterov(true))},
 * {@code new Adam(params, Adam.options().lr(3e-4))},
 * {@code new OneCycleLR(optimizer, 0.1, steps, OneCycleLR.options().pctStart(0.25))}. ({@code StepLR}'s
 * one option, {@code gamma}, is an optional argument.) The constructors that take the options as
 * positional numbers, in PyTorch's order, remain.
 *
 * <p>The updates reproduce PyTorch 1.13's float32 arithmetic operation by operation; golden tests hold
 * them, the schedules and clipping to PyTorch's own numbers. Optimizer and scheduler state export to
 * string-keyed maps of tensors and doubles for checkpoints (see {@link dev.myelin.optim.Optimizer}).
 *
 * <p>Nothing here is thread-safe: optimizers, schedulers and clipping write shared parameters, gradients
 * and state, and belong to the one thread that runs the training loop (see the Optimizer's "Thread
 * safety"). Inference from many threads needs none of them (see {@link dev.myelin.nn.Module}).
 */
package dev.myelin.optim;
