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
 * log_softmax (along several dims, and with logits large enough to overflow a naive exp) and mean
 * cross-entropy with and without label smoothing, against PyTorch. The loss is a rank-0 tensor, as
 * in PyTorch. Tolerance: see {@link Fixtures}.
 */
class GoldenLossTest {
    static Stream<String> logSoftmaxConfigs() {
        return Fixtures.LOG_SOFTMAX.stream();
    }

    static Stream<String> crossEntropyConfigs() {
        return Fixtures.CROSS_ENTROPY.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("logSoftmaxConfigs")
    void logSoftmaxMatchesPyTorch(String name) {
        SafetensorsFile f = Fixtures.load(name);
        Tensor x = tensor(f, "x").requiresGrad(true);
        int dim = Integer.parseInt(Fixtures.meta(f, "dim"));

        Tensor y = x.logSoftmax(dim);
        assertClose(f, "y", y);

        y.backward(tensor(f, "R"));
        assertClose(f, "dx", x.grad());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("crossEntropyConfigs")
    void crossEntropyMatchesPyTorch(String name) {
        SafetensorsFile f = Fixtures.load(name);
        Tensor logits = tensor(f, "logits").requiresGrad(true);
        int[] labels = Fixtures.labels(tensor(f, "labels"));
        float smoothing = Float.parseFloat(Fixtures.meta(f, "label_smoothing"));

        Tensor loss = Functional.crossEntropy(logits, labels, smoothing);
        assertClose(f, "loss", loss);

        loss.backward();
        assertClose(f, "dlogits", logits.grad());
    }
}
