package dev.myelin.golden;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import dev.myelin.io.SafetensorsFile;
import dev.myelin.io.SafetensorsReader;
import dev.myelin.tensor.Tensor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Loads the PyTorch golden fixtures ({@code src/test/resources/golden}, made by
 * {@code tools/golden/make_golden.py}) and compares Myelin's results with them.
 *
 * <p>Tolerance: an element passes when {@code |actual - expected| <= ATOL + RTOL * max|expected|},
 * the maximum taken over the whole tensor. Why this holds and still catches bugs: the references are
 * computed in float64 from the stored float32 inputs and rounded once, so they are the correctly
 * rounded answers, and Myelin differs from them only by its own float32 rounding. That error scales
 * with the magnitude of the summed terms (hence relative to the tensor's largest value, not to each
 * element, which may be small by cancellation). Measured when the fixtures were made: float32 PyTorch
 * stays within 4.5e-7 of the reference relative to that scale on every fixture, and a plain sequential
 * float32 loop over the longest sums (conv2d weight gradients, up to 180 terms) within 4.4e-7. RTOL
 * = 1e-5 leaves more than 20 times that for other summation orders; ATOL = 1e-6 only guards tensors
 * whose values are all near zero. A real bug (a wrong index, padding or sign) moves values by a
 * sizeable fraction of the scale, far above 1e-5. ReLU and max-pool decisions cannot flip: the script
 * keeps every pre-activation and every max-pool runner-up at least 1e-4 away, over 100 times the
 * rounding error.
 */
final class Fixtures {
    static final double ATOL = 1e-6;
    static final double RTOL = 1e-5;

    /** Every fixture the tests expect; the presence test fails loudly if one is missing. */
    static final List<String> CONV = List.of("conv2d_k1", "conv2d_k3_pad1_7x10", "conv2d_k3_stride2_pad1_nobias",
            "conv2d_k5_pad2", "conv2d_k5_stride2_pad0", "conv2d_k3_dilation2_pad2", "conv2d_k3x2_pad1",
            "conv2d_k3_asymmetric");
    /** Grouped convolutions: two and three groups, depthwise (with 1 and 2 outputs per channel, and 16 channels). */
    static final List<String> GROUPED_CONV = List.of("conv2d_g2_k3_pad1", "conv2d_g3_k3_stride2_pad1_nobias",
            "conv2d_depthwise_k3_pad1", "conv2d_depthwise_x2_k3_dilation2_pad2", "conv2d_depthwise_k5x3_asymmetric_nobias",
            "conv2d_depthwise_16ch_k3_pad1");
    static final List<String> POOL = List.of("maxpool_k2_s2", "maxpool_k3_s2_p1", "avgpool_k2_s2", "avgpool_k3_s1_p1",
            "avgpool_k2_s2_ceil", "avgpool_k3_s2_p1_ceil", "avgpool_k3_s2_p1_exclude_pad",
            "avgpool_k3_s2_p1_ceil_exclude_pad", "avgpool_k4_s3_p2_ceil_exclude_pad", "avgpool_k2_s2_p1_ceil_drop",
            "avgpool_k2_s3_ceil", "avgpool_k3_s2_p1_ceil_divisor");
    static final List<String> MATMUL = List.of("matmul_2d", "matmul_batched", "matmul_batched_by_2d",
            "matmul_2d_by_batched", "matmul_broadcast_batch");
    static final List<String> LOG_SOFTMAX = List.of("log_softmax_dim1", "log_softmax_dim0_3d", "log_softmax_large");
    static final List<String> CROSS_ENTROPY = List.of("cross_entropy", "cross_entropy_smoothing");
    static final List<String> CNN = List.of("cnn");

    static final String DIRECTORY = "golden";

    private Fixtures() {
    }

    /** Every expected fixture name. */
    static List<String> all() {
        return java.util.stream.Stream.of(CONV, GROUPED_CONV, POOL, MATMUL, LOG_SOFTMAX, CROSS_ENTROPY, CNN)
                .flatMap(List::stream).toList();
    }

    /** The fixture directory on the test class path. */
    static Path directory() {
        URL url = Fixtures.class.getResource("/" + DIRECTORY);
        assertNotNull(url, "no " + DIRECTORY + "/ directory on the test class path; run tools/golden/make_golden.py");
        return toPath(url);
    }

    /** Reads {@code golden/<name>.safetensors}; a missing or unreadable fixture fails the test with its name. */
    static SafetensorsFile load(String name) {
        String resource = "/" + DIRECTORY + "/" + name + ".safetensors";
        URL url = Fixtures.class.getResource(resource);
        if (url == null) {
            fail("missing golden fixture " + resource + "; regenerate it with tools/golden/make_golden.py");
        }
        try {
            return SafetensorsReader.read(toPath(url));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The tensor {@code name} of a fixture; unchecked so that it can be used inside lambdas. */
    static Tensor tensor(SafetensorsFile f, String name) {
        try {
            return f.tensor(name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The metadata value {@code key} of a fixture. */
    static String meta(SafetensorsFile f, String key) {
        try {
            return f.metadata(key);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A {@code "h,w"} pair of integers from the metadata. */
    static int[] pair(SafetensorsFile f, String key) {
        int[] p = Arrays.stream(meta(f, key).split(",")).mapToInt(Integer::parseInt).toArray();
        if (p.length != 2) {
            fail("metadata " + key + " of " + f.path() + " is not an \"h,w\" pair: " + meta(f, key));
        }
        return p;
    }

    /** Class labels stored as F32 values, checked to be whole numbers. */
    static int[] labels(Tensor stored) {
        float[] v = stored.toArray();
        int[] labels = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            labels[i] = (int) v[i];
            if (labels[i] != v[i]) {
                fail("label " + i + " is not a whole number: " + v[i]);
            }
        }
        return labels;
    }

    /**
     * Fails unless {@code actual} has the shape of the fixture's tensor {@code name} and every element is
     * within {@link #ATOL} {@code +} {@link #RTOL} {@code * max|expected|} (see the class comment for why).
     * The message names the fixture, the tensor and the worst element.
     */
    static void assertClose(SafetensorsFile f, String name, Tensor actual) {
        String file = f.path().getFileName().toString();
        String what = file.substring(0, file.length() - ".safetensors".length()) + " " + name;
        Tensor expected = tensor(f, name);
        assertNotNull(actual, what + " is null (no gradient reached it?)");
        assertArrayEquals(expected.dims(), actual.dims(), what + ": shape");
        float[] e = expected.toArray();
        float[] a = actual.toArray();
        double scale = 0;
        for (float v : e) {
            scale = Math.max(scale, Math.abs(v));
        }
        double tolerance = ATOL + RTOL * scale;
        int worst = -1;
        double worstError = tolerance;
        for (int i = 0; i < e.length; i++) {
            double error = Math.abs((double) a[i] - e[i]);
            if (!(error <= worstError)) { // also catches NaN
                worst = i;
                worstError = Double.isNaN(error) ? Double.POSITIVE_INFINITY : error;
            }
        }
        if (worst >= 0) {
            fail(what + ": element " + worst + " of shape " + Arrays.toString(expected.dims()) + " is " + a[worst]
                    + ", PyTorch says " + e[worst] + " (error " + Math.abs((double) a[worst] - e[worst])
                    + ", tolerance " + tolerance + ")");
        }
    }

    private static Path toPath(URL url) {
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("fixture URL " + url + " is not a file", e);
        }
    }
}
