package dev.myelin.fashion.testing;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.myelin.onnx.Onnx;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Map;

/** Runs an exported model in ONNX Runtime, one thread, on a batch of 28x28 images. */
public final class OnnxRuntime implements AutoCloseable {
    private final OrtEnvironment env = OrtEnvironment.getEnvironment();
    private final OrtSession session;

    public OnnxRuntime(Path model) throws OrtException {
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        options.setIntraOpNumThreads(1);
        session = env.createSession(model.toString(), options);
    }

    public OrtSession session() {
        return session;
    }

    /** The logits of {@code n} images of 784 pixels each, image after image, as one flat array. */
    public float[] logits(float[] pixels, int n) throws OrtException {
        try (OnnxTensor x = OnnxTensor.createTensor(env, FloatBuffer.wrap(pixels), new long[] {n, 1, 28, 28});
                OrtSession.Result result = session.run(Map.of(Onnx.INPUT, x))) {
            FloatBuffer out = ((OnnxTensor) result.get(Onnx.OUTPUT).orElseThrow()).getFloatBuffer();
            float[] logits = new float[out.remaining()];
            out.get(logits);
            return logits;
        }
    }

    @Override
    public void close() throws OrtException {
        session.close();
    }
}
