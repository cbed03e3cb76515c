package dev.myelin.golden;

import static dev.myelin.golden.Fixtures.assertClose;
import static dev.myelin.golden.Fixtures.tensor;

import dev.myelin.io.SafetensorsFile;
import dev.myelin.tensor.Functional;
import dev.myelin.tensor.Tensor;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * max_pool2d and avg_pool2d against PyTorch: output and the input gradient of {@code sum(y * R)}.
 * Max-pool inputs have no ties, so the gradient's destination is unambiguous. The average pools cover
 * {@code ceil_mode} (windows clipped at the input, a window running past the padding, a last window
 * dropped for starting in the padding), {@code count_include_pad=False}, both together, strides below
 * and above the kernel with padding, and {@code divisor_override}; the first two fixtures, made before
 * these options, carry none of their metadata and use PyTorch's defaults. Tolerance: see {@link Fixtures}.
 */
class GoldenPoolTest {
    static Stream<String> configs() {
        return Fixtures.POOL.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void matchesPyTorch(String name) {
        SafetensorsFile f = Fixtures.load(name);
        Tensor x = tensor(f, "x").requiresGrad(true);
        int kernel = Integer.parseInt(Fixtures.meta(f, "kernel"));
        int stride = Integer.parseInt(Fixtures.meta(f, "stride"));
        int padding = Integer.parseInt(Fixtures.meta(f, "padding"));

        Tensor y = switch (Fixtures.meta(f, "op")) {
            case "max_pool2d" -> Functional.maxPool2d(x, kernel, stride, padding);
            case "avg_pool2d" -> Functional.avgPool2d(x, kernel, kernel, stride, stride, padding, padding,
                    Boolean.parseBoolean(option(f, "ceil_mode", "false")),
                    Boolean.parseBoolean(option(f, "count_include_pad", "true")),
                    option(f, "divisor_override", "none").equals("none") ? 0
                            : Integer.parseInt(option(f, "divisor_override", "none")));
            default -> throw new IllegalStateException(name + ": unknown op " + Fixtures.meta(f, "op"));
        };
        assertClose(f, "y", y);

        y.backward(tensor(f, "R"));
        assertClose(f, "dx", x.grad());
    }

    /** The metadata value {@code key}, or PyTorch's default {@code absent} in a fixture made before the option. */
    private static String option(SafetensorsFile f, String key, String absent) {
        return f.metadata().getOrDefault(key, absent);
    }
}
