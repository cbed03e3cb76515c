package dev.myelin.tensor;

import dev.myelin.kernel.BinaryKernels;

/**
 * Add, subtract, multiply and divide with NumPy broadcasting. Each op's backward computes the
 * gradient at the broadcast shape and then sums it back down to each operand's own shape.
 */
final class BinaryOps {
    private BinaryOps() {
    }

    static Tensor add(Tensor a, Tensor b) {
        return Autograd.record(compute(BinaryKernels.Op.ADD, "add", a, b), new AddOp(a, b));
    }

    static Tensor sub(Tensor a, Tensor b) {
        return Autograd.record(compute(BinaryKernels.Op.SUB, "sub", a, b), new SubOp(a, b));
    }

    static Tensor mul(Tensor a, Tensor b) {
        return Autograd.record(compute(BinaryKernels.Op.MUL, "mul", a, b), new MulOp(a, b));
    }

    static Tensor div(Tensor a, Tensor b) {
        Tensor out = compute(BinaryKernels.Op.DIV, "div", a, b);
        return Autograd.record(out, new DivOp(a, b, out));
    }

    private static Tensor compute(BinaryKernels.Op op, String name, Tensor a, Tensor b) {
        Tensor out = Tensor.empty(Shape.broadcast(name, a.shape(), b.shape()));
        Broadcast.apply(op, a, b, out);
        return out;
    }

    /** d(a+b) = (g, g). */
    static final class AddOp extends Node {
        AddOp(Tensor a, Tensor b) {
            super(a, b);
        }

        // y = a + b: da = g, db = g (each summed back to its operand's shape)
        @Override
        Tensor[] backward(Tensor g) {
            return new Tensor[] {
                needsGrad(0) ? Broadcast.sumTo(g, input(0).shape()) : null,
                needsGrad(1) ? Broadcast.sumTo(g, input(1).shape()) : null};
        }
    }

    /** d(a-b) = (g, -g). */
    static final class SubOp extends Node {
        SubOp(Tensor a, Tensor b) {
            super(a, b);
        }

        // y = a - b: da = g, db = -g
        @Override
        Tensor[] backward(Tensor g) {
            return new Tensor[] {
                needsGrad(0) ? Broadcast.sumTo(g, input(0).shape()) : null,
                needsGrad(1) ? Broadcast.sumTo(g.mul(-1f), input(1).shape()) : null};
        }
    }

    /** d(a*b) = (g*b, g*a). */
    static final class MulOp extends Node {
        MulOp(Tensor a, Tensor b) {
            super(a, b);
        }

        // y = a · b: da = g · b, db = g · a
        @Override
        Tensor[] backward(Tensor g) {
            return new Tensor[] {
                needsGrad(0) ? Broadcast.sumTo(g.mul(input(1)), input(0).shape()) : null,
                needsGrad(1) ? Broadcast.sumTo(g.mul(input(0)), input(1).shape()) : null};
        }
    }

    /** d(a/b) = (g/b, -g*a/b^2) = (g/b, -g*out/b). */
    static final class DivOp extends Node {
        DivOp(Tensor a, Tensor b, Tensor out) {
            super(a, b);
            save(out);
        }

        // y = a / b: da = g / b, db = -g · a / b² = -g · y / b
        @Override
        Tensor[] backward(Tensor g) {
            Tensor gOverB = g.div(input(1));
            return new Tensor[] {
                needsGrad(0) ? Broadcast.sumTo(gOverB, input(0).shape()) : null,
                needsGrad(1) ? Broadcast.sumTo(gOverB.mul(saved(0)).mul(-1f), input(1).shape()) : null};
        }
    }
}
