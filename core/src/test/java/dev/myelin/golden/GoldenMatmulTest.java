package dev.myelin.golden;

import static dev.myelin.golden.Fixtures.assertClose;
import static dev.myelin.golden.Fixtures.tensor;
import static org.junit.jupiter.api.Assertions.assertAll;

import dev.myelin.io.SafetensorsFile;
import dev.myelin.tensor.Tensor;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * matmul against PyTorch, 2-D, batched, and with a 2-D operand or a batch dimension broadcast across
 * the batch: output and both gradients of {@code sum(y * R)}. Tolerance: see {@link Fixtures}.
 */
class GoldenMatmulTest {
    static Stream<String> configs() {
        return Fixtures.MATMUL.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void matchesPyTorch(String name) {
        SafetensorsFile f = Fixtures.load(name);
        Tensor a = tensor(f, "a").requiresGrad(true);
        Tensor b = tensor(f, "b").requiresGrad(true);

        Tensor y = a.matmul(b);
        assertClose(f, "y", y);

        y.backward(tensor(f, "R"));
        assertAll(
                () -> assertClose(f, "da", a.grad()),
                () -> assertClose(f, "db", b.grad()));
    }
}
