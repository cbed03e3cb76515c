package dev.myelin.tensor;

import static dev.myelin.BadArguments.nullRefused;
import static dev.myelin.BadArguments.refused;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.myelin.BadArguments;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The tensor factories refuse bad arguments at the call, with a message naming the argument and its value. */
class TensorArgumentsTest {
    static Stream<Arguments> badArguments() {
        Generator gen = new Generator(1);
        return Stream.of(
                nullRefused("values", () -> Tensor.of(null)),
                nullRefused("values", () -> Tensor.of(null, 2, 2)),
                nullRefused("dims", () -> Tensor.of(new float[4], (int[]) null)),
                nullRefused("dims", () -> Tensor.zeros((int[]) null)),
                nullRefused("dims", () -> Shape.of((int[]) null)),
                nullRefused("generator", () -> Tensor.randn(null, 2)),
                nullRefused("generator", () -> Tensor.rand(null, 0)),
                refused("of: 3 values do not fill shape [2, 2]", () -> Tensor.of(new float[3], 2, 2)),
                refused("of: 4 values do not fill shape [0]", () -> Tensor.of(new float[4], 0)),
                refused("shape [2, -3] has a negative dimension: dimension 1 is -3", () -> Tensor.zeros(2, -3)),
                refused("shape [-1] has a negative dimension: dimension 0 is -1", () -> Tensor.full(1f, -1)),
                refused("shape [4, -2] has a negative dimension", () -> Tensor.randn(gen, 4, -2)),
                refused("shape [-1, -1] has a negative dimension", () -> Tensor.of(new float[1], -1, -1)),
                // 65536 * 65536 is 0 in int arithmetic: the product must not wrap round to an empty tensor.
                refused("shape [65536, 65536] has more than 2^31 elements", () -> Tensor.zeros(65536, 65536)),
                refused("has more than 2^31 elements", () -> Tensor.ones(1 << 16, 1 << 16, 1 << 16, 1 << 16)),
                refused("arange: n must be >= 0, got -1", () -> Tensor.arange(-1)),
                refused("arange: step must be a finite number other than 0, got 0.0", () -> Tensor.arange(0, 1, 0)),
                refused("arange: step must be a finite number other than 0, got NaN", () -> Tensor.arange(0, 1, Float.NaN)),
                refused("arange: start and end must be finite, got start=0.0, end=Infinity",
                        () -> Tensor.arange(0, Float.POSITIVE_INFINITY, 1)),
                refused("arange: start and end must be finite, got start=NaN", () -> Tensor.arange(Float.NaN, 1, 1)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badArguments")
    void refusedAtTheCall(String message, Class<? extends Throwable> type, Executable call) {
        BadArguments.assertRefused(message, type, call);
    }

    @Test
    void emptyShapesStayAllowed() {
        assertEquals(0, Tensor.zeros(3, 0).size());
        assertEquals(0, Tensor.of(new float[0], 0, 5).size());
        assertEquals(0, Tensor.arange(0).size());
    }
}
