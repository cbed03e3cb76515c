package dev.myelin.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The expected strings are what PyTorch prints for the same tensors. */
class TensorFormatTest {
    @Test
    void integersPrintWithATrailingDot() {
        assertEquals("tensor([[0., 1., 2.],\n        [3., 4., 5.]])", Tensor.arange(6).reshape(2, 3).toString());
    }

    @Test
    void fractionsPrintWithFourDecimalsAlignedRight() {
        assertEquals("tensor([ 1.5000, -2.2500, 10.0000])", Tensor.of(new float[] {1.5f, -2.25f, 10f}).toString());
    }

    @Test
    void wideRangesSwitchToScientific() {
        assertEquals("tensor([1.0000e-05, 1.0000e+00])", Tensor.of(new float[] {1e-5f, 1f}).toString());
    }

    @Test
    void scalarsAndHigherRanks() {
        assertEquals("tensor(3.5000)", Tensor.scalar(3.5f).toString());
        assertEquals("tensor([[[0., 1.],\n         [2., 3.]],\n\n        [[4., 5.],\n         [6., 7.]]])",
                Tensor.arange(8).reshape(2, 2, 2).toString());
    }

    @Test
    void gradientStateIsShown() {
        Tensor w = Tensor.ones(2).requiresGrad(true);
        assertEquals("tensor([1., 1.], requires_grad=True)", w.toString());
        assertEquals("tensor([2., 2.], grad_fn=<AddBackward>)", w.add(w).toString());
    }

    @Test
    void largeTensorsAreSummarised() {
        String s = Tensor.arange(2000).toString();
        assertTrue(s.startsWith("tensor([   0.,    1.,    2., ..., 1997., 1998., 1999.])"), s);
    }
}
