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
 * max_pool2d and avg_pool2d (count_include_pad) against PyTorch: output and the input gradient of
 * {@code sum(y * R)}. Max-pool inputs have no ties, so the gradient's destination is unambiguous.
 * Tolerance: see {@link Fixtures}.
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
            case "avg_pool2d" -> Functional.avgPool2d(x, kernel, stride, padding);
            default -> throw new IllegalStateException(name + ": unknown op " + Fixtures.meta(f, "op"));
        };
        assertClose(f, "y", y);

        y.backward(tensor(f, "R"));
        assertClose(f, "dx", x.grad());
    }
}
