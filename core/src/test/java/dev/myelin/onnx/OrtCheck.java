package dev.myelin.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.myelin.nn.BatchNorm;
import dev.myelin.nn.Module;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Grad;
import dev.myelin.tensor.Tensor;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.Map;

/** Runs an exported model in ONNX Runtime and measures how far it lands from Myelin. */
final class OrtCheck {
    /** The largest |Myelin - ONNX Runtime| the tests accept. */
    static final double TOLERANCE = 1e-4;

    private OrtCheck() {
    }

    /** A session on the model's bytes, on one thread (the machine is shared). */
    static OrtSession session(byte[] model) throws OrtException {
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        options.setIntraOpNumThreads(1);
        return OrtEnvironment.getEnvironment().createSession(model, options);
    }

    /**
     * The largest |Myelin - ONNX Runtime| over the outputs for {@code x}, after checking that ONNX
     * Runtime's output has Myelin's shape. The module must be in evaluation mode.
     */
    static double maxDifference(OrtSession session, Module module, Tensor x) throws OrtException {
        Tensor expected;
        try (var scope = Grad.disabled()) {
            expected = module.forward(x);
        }
        long[] shape = Arrays.stream(x.dims()).asLongStream().toArray();
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OnnxTensor input = OnnxTensor.createTensor(env, FloatBuffer.wrap(x.toArray()), shape);
                OrtSession.Result result = session.run(Map.of(Onnx.INPUT, input))) {
            OnnxTensor output = (OnnxTensor) result.get(Onnx.OUTPUT).orElseThrow();
            assertArrayEquals(Arrays.stream(expected.dims()).asLongStream().toArray(), output.getInfo().getShape());
            float[] actual = new float[expected.size()];
            output.getFloatBuffer().get(actual);
            float[] e = expected.toArray();
            double max = 0;
            for (int i = 0; i < e.length; i++) {
                double d = Math.abs((double) e[i] - actual[i]);
                assertTrue(d <= TOLERANCE, "element " + i + ": Myelin " + e[i] + ", ONNX Runtime " + actual[i]);
                max = Math.max(max, d);
            }
            return max;
        }
    }

    /**
     * Gives every batch norm of {@code module} a scale and shift other than 1 and 0 and running
     * statistics other than 0 and 1 (three training-mode passes on shifted, scaled noise), then puts
     * the module in evaluation mode.
     */
    static void nonTrivialBatchNorm(Module module, int[] inputShape, Generator gen) {
        for (Module m : module.namedModules().values()) {
            if (m instanceof BatchNorm bn) {
                float[] w = bn.weight().value().array();
                float[] b = bn.bias().value().array();
                for (int i = 0; i < w.length; i++) {
                    w[i] = 0.5f + gen.nextFloat();
                    b[i] = gen.nextFloat() - 0.5f;
                }
            }
        }
        module.train();
        try (var scope = Grad.disabled()) {
            for (int i = 0; i < 3; i++) {
                module.forward(Tensor.randn(gen, inputShape).mul(2f).add(0.3f));
            }
        }
        module.eval();
    }
}
