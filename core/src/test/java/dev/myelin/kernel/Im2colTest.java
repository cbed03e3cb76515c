package dev.myelin.kernel;

import static dev.myelin.kernel.GuardedArrays.OFFSET;
import static dev.myelin.kernel.GuardedArrays.assertClose;
import static dev.myelin.kernel.GuardedArrays.gaussian;
import static dev.myelin.kernel.GuardedArrays.guarded;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.myelin.kernel.Windows.Axis;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** {@link Im2col} against its definition, and {@code col2im} as its adjoint. */
class Im2colTest {
    @Provide
    Arbitrary<Axis> axis() {
        return Windows.convAxis();
    }

    /** Every column entry is the input under its tap, or zero in the padding; copying is exact. */
    @Property
    void im2colReadsTheTapOfEveryEntry(@ForAll("axis") Axis rows, @ForAll("axis") Axis cols,
            @ForAll @IntRange(min = 1, max = 5) int channels, @ForAll long seed) {
        Window2d win = Windows.window(rows, cols);
        float[] x = gaussian(seed, channels * win.planeSize());
        int outW = win.outWidth();
        float[] expected = new float[Im2col.columnsSize(channels, win)];
        int i = 0;
        for (int c = 0; c < channels; c++) {
            for (int kh = 0; kh < win.kernelH(); kh++) {
                for (int kw = 0; kw < win.kernelW(); kw++) {
                    for (int l = 0; l < win.outPlaneSize(); l++) {
                        int ih = (l / outW) * win.strideH() - win.padH() + kh * win.dilationH();
                        int iw = (l % outW) * win.strideW() - win.padW() + kw * win.dilationW();
                        boolean inside = ih >= 0 && ih < win.height() && iw >= 0 && iw < win.width();
                        expected[i++] = inside ? x[OFFSET + (c * win.height() + ih) * win.width() + iw] : 0f;
                    }
                }
            }
        }
        float[] columns = guarded(expected.length);
        Im2col.im2col(channels, win, x, OFFSET, columns, OFFSET);

        assertClose(expected, columns, 0, 0, "im2col " + win);
    }

    /**
     * {@code <im2col(x), y> == <x, col2im(y)>}. Both inner products are taken in double; the only float
     * rounding is col2im adding up to 25 entries per pixel, so the sides agree to about
     * {@code 1e-6} of the sum of the absolute terms, and {@code 1e-5} of it is the bound.
     */
    @Property
    void col2imIsTheAdjointOfIm2col(@ForAll("axis") Axis rows, @ForAll("axis") Axis cols,
            @ForAll @IntRange(min = 1, max = 5) int channels, @ForAll long seed) {
        Window2d win = Windows.window(rows, cols);
        int xSize = channels * win.planeSize();
        int colSize = Im2col.columnsSize(channels, win);
        float[] x = gaussian(seed, xSize);
        float[] y = gaussian(seed + 1, colSize);

        float[] columns = guarded(colSize);
        Im2col.im2col(channels, win, x, OFFSET, columns, OFFSET);
        float[] folded = guarded(xSize);
        Im2col.col2im(channels, win, y, OFFSET, folded, OFFSET);
        GuardedArrays.assertGuardsIntact(folded, xSize, "col2im");

        double lhs = 0;
        double scale = 0;
        for (int i = 0; i < colSize; i++) {
            lhs += (double) columns[OFFSET + i] * y[OFFSET + i];
            scale += Math.abs((double) columns[OFFSET + i] * y[OFFSET + i]);
        }
        double rhs = 0;
        for (int i = 0; i < xSize; i++) {
            rhs += (double) x[OFFSET + i] * folded[OFFSET + i];
        }
        assertTrue(Math.abs(lhs - rhs) <= 1e-5 * scale + 1e-6,
                "<im2col(x), y> = " + lhs + " but <x, col2im(y)> = " + rhs + " for " + win);
    }

    /**
     * col2im adds each pixel's entries in tap order (kh, kw), on vectors or not; so its result is
     * bit for bit the plain loop that walks the entries in that order and adds each where it belongs.
     */
    @Property
    void col2imGivesTheBitsOfThePlainLoop(@ForAll("axis") Axis rows, @ForAll("axis") Axis cols,
            @ForAll @IntRange(min = 1, max = 5) int channels, @ForAll long seed) {
        Window2d win = Windows.window(rows, cols);
        int outW = win.outWidth();
        int xSize = channels * win.planeSize();
        float[] y = gaussian(seed, Im2col.columnsSize(channels, win));
        float[] expected = new float[xSize];
        int i = OFFSET;
        for (int c = 0; c < channels; c++) {
            for (int kh = 0; kh < win.kernelH(); kh++) {
                for (int kw = 0; kw < win.kernelW(); kw++) {
                    for (int l = 0; l < win.outPlaneSize(); l++, i++) {
                        int ih = (l / outW) * win.strideH() - win.padH() + kh * win.dilationH();
                        int iw = (l % outW) * win.strideW() - win.padW() + kw * win.dilationW();
                        if (ih >= 0 && ih < win.height() && iw >= 0 && iw < win.width()) {
                            expected[(c * win.height() + ih) * win.width() + iw] += y[i];
                        }
                    }
                }
            }
        }
        float[] folded = guarded(xSize);
        Im2col.col2im(channels, win, y, OFFSET, folded, OFFSET);
        assertClose(expected, folded, 0, 0, "col2im " + win);
        GuardedArrays.assertGuardsIntact(folded, xSize, "col2im");
    }
}
