package dev.myelin.tensor;

import dev.myelin.kernel.UnaryKernels;

/** Element-wise negation, exponential, logarithm, square root and constant power, each with its backward. */
final class Pointwise {
    private Pointwise() {
    }

    static Tensor neg(Tensor x) {
        return Autograd.record(Unary.map(x, UnaryKernels::neg), new NegOp(x));
    }

    static Tensor exp(Tensor x) {
        Tensor y = Unary.map(x, UnaryKernels::exp);
        return Autograd.record(y, new ExpOp(x, y));
    }

    static Tensor log(Tensor x) {
        return Autograd.record(Unary.map(x, UnaryKernels::log), new LogOp(x));
    }

    static Tensor sqrt(Tensor x) {
        Tensor y = Unary.map(x, UnaryKernels::sqrt);
        return Autograd.record(y, new SqrtOp(x, y));
    }

    static Tensor pow(Tensor x, float exponent) {
        Tensor y = Unary.map(x, (in, inOff, out, outOff, n) -> UnaryKernels.pow(in, inOff, exponent, out, outOff, n));
        return Autograd.record(y, new PowOp(x, exponent));
    }

    /** d(-x) = -g. */
    static final class NegOp extends Node {
        NegOp(Tensor x) {
            super(x);
        }

        // y = -x: dx = -g
        @Override
        Tensor[] backward(Tensor g) {
            return new Tensor[] {g.neg()};
        }
    }

    /** d(e^x) = g · e^x, reusing the output. */
    static final class ExpOp extends Node {
        ExpOp(Tensor x, Tensor y) {
            super(x);
            save(y);
        }

        // y = e^x: dx = g · y, from the saved output
        @Override
        Tensor[] backward(Tensor g) {
            return new Tensor[] {g.mul(saved(0))};
        }
    }

    /** d(log x) = g / x. */
    static final class LogOp extends Node {
        LogOp(Tensor x) {
            super(x);
        }

        // y = ln x: dx = g / x
        @Override
        Tensor[] backward(Tensor g) {
            return new Tensor[] {g.div(input(0))};
        }
    }

    /** d(sqrt x) = g / (2 sqrt x), reusing the output. */
    static final class SqrtOp extends Node {
        SqrtOp(Tensor x, Tensor y) {
            super(x);
            save(y);
        }

        // y = √x: dx = g / (2y), from the saved output
        @Override
        Tensor[] backward(Tensor g) {
            return new Tensor[] {Unary.derivative(saved(0), g, UnaryKernels::sqrtBackward)};
        }
    }

    /** d(x^p) = g · p · x^(p-1), and 0 for p = 0. */
    static final class PowOp extends Node {
        private final float exponent;

        PowOp(Tensor x, float exponent) {
            super(x);
            this.exponent = exponent;
        }

        // y = x^p: dx = g · p x^(p-1)
        @Override
        Tensor[] backward(Tensor g) {
            return new Tensor[] {Unary.derivative(input(0), g,
                    (x, xOff, gd, gOff, out, outOff, n) -> UnaryKernels.powBackward(x, xOff, exponent, gd, gOff, out, outOff, n))};
        }
    }
}
