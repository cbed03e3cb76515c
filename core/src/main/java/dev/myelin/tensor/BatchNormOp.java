package dev.myelin.tensor;

import dev.myelin.kernel.BatchNormGradientTerms;
import dev.myelin.kernel.BatchNormKernels;
import dev.myelin.kernel.ChannelLayout;

/**
 * Batch normalisation (Ioffe and Szegedy, 2015) of an {@code (N, C, *)} input per channel, fused into one
 * op: {@code y = (x - μ) / sqrt(σ² + eps) · weight + bias}.
 *
 * <p>In training, {@code μ} and {@code σ²} are the batch mean and biased variance of each channel over
 * its {@code m = N·(product of *)} values, and the running statistics, when given, are updated in place
 * exactly as PyTorch does: {@code running = (1 - momentum)·running + momentum·stat}, with the unbiased
 * variance {@code σ²·m/(m-1)}, computed in double and rounded once. In evaluation, {@code μ} and
 * {@code σ²} are the running statistics, constants for the gradient.
 *
 * <p>Backward, with {@code x̂ = (x - μ)/σ} and {@code σ = sqrt(σ² + eps)}: {@code dbias = Σ g},
 * {@code dweight = Σ g x̂}, and {@code dx = (weight/σ)(g - Σg/m - x̂ Σ(g x̂)/m)} in training (the batch
 * statistics depend on x) or {@code dx = (weight/σ) g} in evaluation. The op keeps {@code μ} and
 * {@code 1/σ} in double, so the running buffers may change afterwards without affecting the backward pass.
 */
final class BatchNormOp extends Node {
    private final boolean training;
    private final double[] mean;
    private final double[] invStd;
    private final int weightInput; // index among the node's inputs, or -1 without an affine weight
    private final int biasInput;

    private BatchNormOp(Tensor[] inputs, int weightInput, int biasInput, boolean training, double[] mean,
            double[] invStd) {
        super(inputs);
        this.training = training;
        this.mean = mean;
        this.invStd = invStd;
        this.weightInput = weightInput;
        this.biasInput = biasInput;
    }

    static Tensor forward(Tensor input, Tensor runningMean, Tensor runningVar, Tensor weight, Tensor bias,
            boolean training, double momentum, double eps) {
        check(input, runningMean, runningVar, weight, bias, training);
        int n = input.dim(0);
        int c = input.dim(1);
        int s = positionsPerChannel(input.shape());
        ChannelLayout layout = new ChannelLayout(n, c, s);
        double[] mean = new double[c];
        double[] var = new double[c];
        if (training) {
            BatchNormKernels.meanAndVariance(input.data, input.offset, layout, mean, var);
            if (runningMean != null) {
                updateRunning(runningMean, mean, momentum, 1.0);
            }
            if (runningVar != null) {
                double m = (double) n * s;
                updateRunning(runningVar, var, momentum, m / (m - 1));
            }
        } else {
            for (int ch = 0; ch < c; ch++) {
                mean[ch] = runningMean.data[runningMean.offset + ch];
                var[ch] = runningVar.data[runningVar.offset + ch];
            }
        }
        double[] invStd = new double[c];
        double[] scale = new double[c];
        double[] shift = new double[c];
        for (int ch = 0; ch < c; ch++) {
            invStd[ch] = 1.0 / Math.sqrt(var[ch] + eps);
            scale[ch] = invStd[ch] * (weight == null ? 1.0 : weight.data[weight.offset + ch]);
            shift[ch] = bias == null ? 0.0 : bias.data[bias.offset + ch];
        }
        Tensor out = GradientStorage.uninitialized(input.shape());
        BatchNormKernels.normalize(input.data, input.offset, layout, mean, scale, shift, out.data, 0);

        Tensor[] inputs = new Tensor[1 + (weight == null ? 0 : 1) + (bias == null ? 0 : 1)];
        int next = 0;
        inputs[next++] = input;
        int weightInput = weight == null ? -1 : next;
        if (weight != null) {
            inputs[next++] = weight;
        }
        int biasInput = bias == null ? -1 : next;
        if (bias != null) {
            inputs[next] = bias;
        }
        return Autograd.record(out, new BatchNormOp(inputs, weightInput, biasInput, training, mean, invStd));
    }

    /** {@code running = (1 - momentum)·running + momentum·(stat·correction)}, in double, rounded once. */
    private static void updateRunning(Tensor running, double[] stat, double momentum, double correction) {
        for (int ch = 0; ch < stat.length; ch++) {
            int at = running.offset + ch;
            running.data[at] = (float) (momentum * (stat[ch] * correction) + (1 - momentum) * running.data[at]);
        }
    }

    private static void check(Tensor input, Tensor runningMean, Tensor runningVar, Tensor weight, Tensor bias,
            boolean training) {
        if (input.rank() < 2) {
            throw new IllegalArgumentException("batchNorm: input must have shape (N, C, *), got shape " + input.shape());
        }
        int c = input.dim(1);
        checkPerChannel("weight", weight, c, input);
        checkPerChannel("bias", bias, c, input);
        checkPerChannel("running mean", runningMean, c, input);
        checkPerChannel("running variance", runningVar, c, input);
        if (training) {
            if ((long) input.dim(0) * positionsPerChannel(input.shape()) <= 1) {
                throw new IllegalArgumentException("batchNorm: expected more than 1 value per channel when training, "
                        + "got input of shape " + input.shape());
            }
            for (Tensor running : new Tensor[] {runningMean, runningVar}) {
                if (running != null && running.requiresGrad()) {
                    throw new IllegalArgumentException("batchNorm: running statistics are updated in place and "
                            + "must not require grad");
                }
            }
        } else if (runningMean == null || runningVar == null) {
            throw new IllegalArgumentException("batchNorm: evaluation mode needs the running mean and variance; "
                    + "pass training=true to normalise with batch statistics");
        }
    }

    /** The product of the dimensions after (N, C): 1 for an (N, C) input. */
    private static int positionsPerChannel(Shape shape) {
        int s = 1;
        for (int d = 2; d < shape.rank(); d++) {
            s *= shape.dim(d);
        }
        return s;
    }

    private static void checkPerChannel(String what, Tensor t, int channels, Tensor input) {
        if (t != null && !t.shape().equals(Shape.of(channels))) {
            throw new IllegalArgumentException("batchNorm: " + what + " must have shape [" + channels
                    + "] (one value per channel of the input of shape " + input.shape() + "), got shape " + t.shape());
        }
    }

    @Override
    Tensor[] backward(Tensor g) {
        Tensor x = input(0);
        Tensor weight = weightInput < 0 ? null : input(weightInput);
        int n = x.dim(0);
        int c = x.dim(1);
        int s = positionsPerChannel(x.shape());
        double m = (double) n * s;
        ChannelLayout layout = new ChannelLayout(n, c, s);
        boolean wantInput = needsGrad(0);
        boolean wantWeight = weightInput >= 0 && needsGrad(weightInput);
        boolean wantBias = biasInput >= 0 && needsGrad(biasInput);

        double[] sumG = new double[c];
        double[] sumGCentered = new double[c];
        if (wantWeight || wantBias || (wantInput && training)) {
            BatchNormKernels.gradientSums(g.data, g.offset, x.data, x.offset, layout, mean, sumG, sumGCentered);
        }
        Tensor[] grads = new Tensor[inputCount()];
        if (wantInput) {
            double[] scale = new double[c];
            double[] gShift = new double[c];
            double[] xSlope = new double[c];
            for (int ch = 0; ch < c; ch++) {
                scale[ch] = invStd[ch] * (weight == null ? 1.0 : weight.data[weight.offset + ch]);
                if (training) {
                    gShift[ch] = sumG[ch] / m;
                    xSlope[ch] = invStd[ch] * invStd[ch] * sumGCentered[ch] / m;
                }
            }
            Tensor dx = GradientStorage.uninitialized(x.shape());
            BatchNormKernels.inputGradient(g.data, g.offset, x.data, x.offset, layout,
                    new BatchNormGradientTerms(mean, scale, gShift, xSlope), dx.data, 0);
            grads[0] = dx;
        }
        if (wantWeight) {
            Tensor dw = GradientStorage.uninitialized(Shape.of(c));
            for (int ch = 0; ch < c; ch++) {
                dw.data[ch] = (float) (invStd[ch] * sumGCentered[ch]);
            }
            grads[weightInput] = dw;
        }
        if (wantBias) {
            Tensor db = GradientStorage.uninitialized(Shape.of(c));
            for (int ch = 0; ch < c; ch++) {
                db.data[ch] = (float) sumG[ch];
            }
            grads[biasInput] = db;
        }
        return grads;
    }
}
