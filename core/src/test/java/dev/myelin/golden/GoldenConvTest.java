package dev.myelin.golden;

import static dev.myelin.golden.Fixtures.assertClose;
import static dev.myelin.golden.Fixtures.tensor;
import static org.junit.jupiter.api.Assertions.assertAll;

import dev.myelin.io.SafetensorsFile;
import dev.myelin.tensor.Conv2dParams;
import dev.myelin.tensor.Functional;
import dev.myelin.tensor.Tensor;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * conv2d against PyTorch: output and the gradients of {@code sum(y * R)} with respect to input,
 * weight and bias, for every configuration in {@link Fixtures#CONV} and {@link Fixtures#GROUPED_CONV}
 * (tolerance: see {@link Fixtures}).
 */
class GoldenConvTest {
    static Stream<String> configs() {
        return Stream.concat(Fixtures.CONV.stream(), Fixtures.GROUPED_CONV.stream());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void matchesPyTorch(String name) {
        SafetensorsFile f = Fixtures.load(name);
        Tensor x = tensor(f, "x").requiresGrad(true);
        Tensor w = tensor(f, "w").requiresGrad(true);
        boolean hasBias = Boolean.parseBoolean(Fixtures.meta(f, "bias"));
        Tensor b = hasBias ? tensor(f, "b").requiresGrad(true) : null;
        int[] stride = Fixtures.pair(f, "stride");
        int[] padding = Fixtures.pair(f, "padding");
        int[] dilation = Fixtures.pair(f, "dilation");
        int groups = f.metadata().containsKey("groups") ? Integer.parseInt(Fixtures.meta(f, "groups")) : 1;

        Tensor y;
        if (groups != 1) {
            y = isSquare(stride, padding, dilation)
                    ? Functional.conv2d(x, w, b, stride[0], padding[0], dilation[0], groups)
                    : Functional.conv2d(x, w, b, new Conv2dParams(stride[0], stride[1], padding[0], padding[1],
                            dilation[0], dilation[1], groups));
        } else {
            y = isSquare(stride, padding, dilation)
                    ? Functional.conv2d(x, w, b, stride[0], padding[0], dilation[0])
                    : Functional.conv2d(x, w, b, stride[0], stride[1], padding[0], padding[1], dilation[0], dilation[1]);
        }
        assertClose(f, "y", y);

        y.backward(tensor(f, "R"));
        assertAll(
                () -> assertClose(f, "dx", x.grad()),
                () -> assertClose(f, "dw", w.grad()),
                () -> {
                    if (hasBias) {
                        assertClose(f, "db", b.grad());
                    }
                });
    }

    /** Uses the one-number overload when it can express the configuration, so both overloads are covered. */
    private static boolean isSquare(int[] stride, int[] padding, int[] dilation) {
        return stride[0] == stride[1] && padding[0] == padding[1] && dilation[0] == dilation[1];
    }
}
