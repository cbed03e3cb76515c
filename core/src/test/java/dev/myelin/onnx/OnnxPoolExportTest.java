package dev.myelin.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtSession;
import dev.myelin.nn.AvgPool2d;
import dev.myelin.nn.MaxPool2d;
import dev.myelin.nn.Module;
import dev.myelin.nn.Sequential;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Tensor;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code AvgPool2d}'s options exported to ONNX and run in ONNX Runtime: {@code ceil_mode} and
 * {@code count_include_pad} become AveragePool's attributes, and every small pool either agrees with
 * Myelin (and so with PyTorch, which the golden tests hold Myelin to) or is refused for the one rule
 * where ONNX Runtime differs.
 *
 * <p>That rule, measured on ONNX Runtime 1.23.2: with {@code ceil_mode=1} and {@code count_include_pad=1}
 * it divides every window by {@code kH·kW}, also a last window that runs past the padded input, where
 * PyTorch divides by the positions inside the padded input only (on the 800 pools below, ONNX Runtime's
 * output was exactly Myelin's with {@code divisor_override = kH·kW} for every such window). Without
 * padding the two counts are the same, so the exporter writes {@code count_include_pad=0}; with padding
 * it refuses.
 */
class OnnxPoolExportTest {
    /** Every pool on heights 1..9 (widths one more), kernels 1..4, strides 1..3, legal padding, both options. */
    @Test
    void everySmallAveragePoolAgreesWithOnnxRuntimeOrIsRefusedForTheDivisorRule() throws Exception {
        Generator gen = new Generator(1);
        int agreed = 0;
        int refused = 0;
        for (int h = 1; h <= 9; h++) {
            for (int k = 1; k <= 4; k++) {
                for (int s = 1; s <= 3; s++) {
                    for (int p = 0; p <= k / 2; p++) {
                        for (boolean ceil : new boolean[] {false, true}) {
                            for (boolean include : new boolean[] {false, true}) {
                                AvgPool2d pool = new AvgPool2d(k, AvgPool2d.options().stride(s).padding(p).ceilMode(ceil)
                                        .countIncludePad(include));
                                int[] shape = {1, 2, h, h + 1};
                                if (pool.window().outHeight(h) < 1) {
                                    continue; // Myelin refuses such an input, as PyTorch does
                                }
                                String what = pool + " on " + h + "×" + (h + 1);
                                if (ceil && include && p > 0 && lastWindowRunsPastPadding(h, k, s, p, pool)) {
                                    OnnxExportException e = assertThrows(OnnxExportException.class,
                                            () -> Onnx.toBytes(pool, shape, List.of(), Map.of()), what);
                                    assertTrue(e.getMessage().contains("ONNX Runtime by the whole kernel"), e.getMessage());
                                    refused++;
                                } else {
                                    double max = maxDifference(pool, shape, gen);
                                    assertTrue(max <= OrtCheck.TOLERANCE, what + ": " + max);
                                    agreed++;
                                }
                            }
                        }
                    }
                }
            }
        }
        System.out.printf("ONNX export of small average pools: %d agree with ONNX Runtime, %d refused%n", agreed, refused);
        assertEquals(800, agreed + refused, "pools tried");
    }

    /** Along either axis (width = height + 1), the last window ends past {@code size + padding}. */
    private static boolean lastWindowRunsPastPadding(int h, int k, int s, int p, AvgPool2d pool) {
        int lastRow = (pool.window().outHeight(h) - 1) * s - p;
        int lastColumn = (pool.window().outWidth(h + 1) - 1) * s - p;
        return lastRow + k > h + p || lastColumn + k > h + 1 + p;
    }

    @Test
    void poolsWithOptionsInsideANetworkRunInOnnxRuntimeAsInMyelin() throws Exception {
        Generator gen = new Generator(3);
        // 11×10: the first pool's last row of windows runs past the input (no padding: exported with
        // count_include_pad=0); on the second's 6×5 input the last column of windows would start in the right
        // padding, and PyTorch's rule drops it (see deploy.md).
        Sequential model = new Sequential(
                new AvgPool2d(2, AvgPool2d.options().ceilMode(true)),
                new AvgPool2d(2, AvgPool2d.options().padding(1).ceilMode(true).countIncludePad(false)),
                new MaxPool2d(3, MaxPool2d.options().stride(1).padding(1)),
                new AvgPool2d(3, AvgPool2d.options().stride(2).padding(1).countIncludePad(false)));
        double max = maxDifference(model, new int[] {3, 4, 11, 10}, gen);
        System.out.printf("ONNX export, pools with options: max |Myelin - ONNX Runtime| = %.3g%n", max);
        assertTrue(max <= OrtCheck.TOLERANCE, "max difference " + max);
    }

    @Test
    void aDivisorOverrideAndTheDivisorRuleAreRefusedNamingWhy() {
        OnnxExportException override = assertThrows(OnnxExportException.class, () -> Onnx.toBytes(
                new AvgPool2d(2, AvgPool2d.options().divisorOverride(3)), new int[] {1, 1, 4, 4}, List.of(), Map.of()));
        assertTrue(override.getMessage().startsWith("the model itself (AvgPool2d) divides every window by "
                + "divisor_override=3, which ONNX's AveragePool cannot express"), override.getMessage());

        // nn.AvgPool2d(3, stride=2, padding=1, ceil_mode=True) on 8×8: the last window spans rows 7..9,
        // and 9 lies past the padding.
        OnnxExportException divisor = assertThrows(OnnxExportException.class, () -> Onnx.toBytes(
                new Sequential(new AvgPool2d(3, AvgPool2d.options().stride(2).padding(1).ceilMode(true))),
                new int[] {1, 1, 8, 8}, List.of(), Map.of()));
        assertTrue(divisor.getMessage().startsWith("module '0' (AvgPool2d), child '0' of Sequential (the model) on 8×8 "
                + "has a last window that ceil_mode runs past the padded input"), divisor.getMessage());
    }

    /**
     * The largest |Myelin - ONNX Runtime| on a random batch of {@code shape}, after checking the shapes
     * agree. ONNX Runtime's log is kept to errors: for a ceil-mode pool whose last window PyTorch drops,
     * ONNX's shape inference (which lacks that rule) warns that it disagrees with the declared shape,
     * while ONNX Runtime's kernel computes PyTorch's (documented in deploy.md).
     */
    private static double maxDifference(Module model, int[] shape, Generator gen) throws OrtException {
        byte[] bytes = Onnx.toBytes(model, shape, List.of(), Map.of());
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            options.setSessionLogLevel(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR);
            try (OrtSession session = OrtEnvironment.getEnvironment().createSession(bytes, options)) {
                return OrtCheck.maxDifference(session, model, Tensor.randn(gen, shape));
            }
        }
    }
}
