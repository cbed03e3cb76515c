package dev.myelin.tensor;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.function.Function;

/**
 * Finite-difference gradient check. For an op {@code f}, it compares the autograd gradient of
 * {@code L = sum(f(inputs) * R)}, with a fixed random projection {@code R}, against central
 * differences {@code (L(x + h) - L(x - h)) / 2h} for every element of every input.
 *
 * <p>Why the default tolerances hold: the ops compute in float32, so L carries a rounding error of
 * about {@code 1e-7 * |terms| ~ 1e-6}; divided by {@code 2h = 2e-2} that is about {@code 5e-5}. The
 * truncation error of central differences is {@code h^2/6 * f''' ~ 2e-5} for smooth ops with inputs
 * of order 1. An absolute tolerance of {@code 5e-3} plus a relative {@code 1e-2} is well above both
 * and far below the size of a real bug (a wrong sign or factor changes a gradient by order 1). The
 * differences themselves are evaluated in double from the float outputs.
 */
final class GradCheck {
    static final double DEFAULT_H = 1e-2;
    static final double DEFAULT_ATOL = 5e-3;
    static final double DEFAULT_RTOL = 1e-2;

    private GradCheck() {
    }

    /** Checks with the default step and tolerances. */
    static void check(Function<Tensor[], Tensor> f, Tensor... inputs) {
        check(DEFAULT_H, DEFAULT_ATOL, DEFAULT_RTOL, f, inputs);
    }

    /** Checks every element of every input; fails naming the input, the element and both values. */
    static void check(double h, double atol, double rtol, Function<Tensor[], Tensor> f, Tensor... inputs) {
        for (Tensor in : inputs) {
            in.zeroGrad();
            in.requiresGrad(true);
        }
        Tensor out = f.apply(inputs);
        Tensor projection = Tensor.randn(new Generator(20240601L), out.dims());
        out.backward(projection);
        for (int which = 0; which < inputs.length; which++) {
            Tensor x = inputs[which];
            Tensor analytic = x.grad();
            for (int i = 0; i < x.size(); i++) {
                int at = x.offset + i;
                float original = x.data[at];
                x.data[at] = (float) (original + h);
                float plus = x.data[at];
                double lPlus = projected(f, inputs, projection);
                x.data[at] = (float) (original - h);
                float minus = x.data[at];
                double lMinus = projected(f, inputs, projection);
                x.data[at] = original;
                double numeric = (lPlus - lMinus) / ((double) plus - (double) minus);
                double got = analytic == null ? 0.0 : analytic.data[analytic.offset + i];
                if (Math.abs(got - numeric) > atol + rtol * Math.abs(numeric)) {
                    fail("gradient of input " + which + " (shape " + x.shape() + ") at flat index " + i
                            + ": autograd " + got + ", finite difference " + numeric);
                }
            }
        }
    }

    private static double projected(Function<Tensor[], Tensor> f, Tensor[] inputs, Tensor projection) {
        try (var scope = Grad.disabled()) {
            Tensor out = f.apply(inputs);
            double sum = 0;
            for (int i = 0; i < out.size(); i++) {
                sum += (double) out.data[out.offset + i] * projection.data[projection.offset + i];
            }
            return sum;
        }
    }
}
