package dev.myelin.tensor;

import dev.myelin.kernel.UnaryKernels;

/** The element-wise activation functions ReLU, leaky ReLU, sigmoid, tanh and exact GELU, each with its backward. */
final class Activations {
    private Activations() {
    }

    static Tensor relu(Tensor x) {
        return Autograd.record(Unary.map(x, UnaryKernels::relu), new ReluOp(x));
    }

    static Tensor leakyRelu(Tensor x, float slope) {
        Tensor y = Unary.map(x, (in, inOff, out, outOff, n) -> UnaryKernels.leakyRelu(in, inOff, slope, out, outOff, n));
        return Autograd.record(y, new LeakyReluOp(x, slope));
    }

    static Tensor sigmoid(Tensor x) {
        Tensor y = Unary.map(x, UnaryKernels::sigmoid);
        return Autograd.record(y, new SigmoidOp(x, y));
    }

    static Tensor tanh(Tensor x) {
        Tensor y = Unary.map(x, UnaryKernels::tanh);
        return Autograd.record(y, new TanhOp(x, y));
    }

    static Tensor gelu(Tensor x) {
        return Autograd.record(Unary.map(x, UnaryKernels::gelu), new GeluOp(x));
    }

    /** The gradient passes where x > 0. */
    static final class ReluOp extends Node {
        ReluOp(Tensor x) {
            super(x);
        }

        // y = max(0, x): dx = g · [x > 0]
        @Override
        Tensor[] backward(Tensor g) {
            return new Tensor[] {Unary.derivative(input(0), g, UnaryKernels::reluBackward)};
        }
    }

    /** The gradient passes where x > 0 and is scaled by the slope elsewhere. */
    static final class LeakyReluOp extends Node {
        private final float slope;

        LeakyReluOp(Tensor x, float slope) {
            super(x);
            this.slope = slope;
        }

        // y = x if x > 0 else a·x: dx = g · (x > 0 ? 1 : a)
        @Override
        Tensor[] backward(Tensor g) {
            return new Tensor[] {Unary.derivative(input(0), g,
                    (x, xOff, gd, gOff, out, outOff, n) -> UnaryKernels.leakyReluBackward(x, xOff, slope, gd, gOff, out, outOff, n))};
        }
    }

    /** dσ = g · σ (1 - σ), from the output. */
    static final class SigmoidOp extends Node {
        SigmoidOp(Tensor x, Tensor y) {
            super(x);
            save(y);
        }

        // y = 1 / (1 + e^-x): dx = g · y (1 - y), from the saved output
        @Override
        Tensor[] backward(Tensor g) {
            return new Tensor[] {Unary.derivative(saved(0), g, UnaryKernels::sigmoidBackward)};
        }
    }

    /** d tanh = g · (1 - tanh²), from the output. */
    static final class TanhOp extends Node {
        TanhOp(Tensor x, Tensor y) {
            super(x);
            save(y);
        }

        // y = tanh x: dx = g · (1 - y²), from the saved output
        @Override
        Tensor[] backward(Tensor g) {
            return new Tensor[] {Unary.derivative(saved(0), g, UnaryKernels::tanhBackward)};
        }
    }

    /** d GELU = g · (Φ(x) + x φ(x)). */
    static final class GeluOp extends Node {
        GeluOp(Tensor x) {
            super(x);
        }

        // y = x Φ(x): dx = g · (Φ(x) + x φ(x)), Φ and φ the standard normal CDF and density
        @Override
        Tensor[] backward(Tensor g) {
            return new Tensor[] {Unary.derivative(input(0), g, UnaryKernels::geluBackward)};
        }
    }
}
