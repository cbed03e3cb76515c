package dev.myelin.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The reverse-mode engine: accumulation, detaching, disabled recording, graph release and misuse errors. */
class AutogradTest {
    private static Tensor leaf(float... values) {
        return Tensor.of(values).requiresGrad(true);
    }

    @Test
    void backwardOnTwoGraphsAccumulatesIntoTheLeaf() {
        Tensor x = leaf(1f, 2f, 3f);
        x.mul(2f).sum().backward();
        assertArrayEquals(new float[] {2f, 2f, 2f}, x.grad().toArray());
        x.mul(x).sum().backward();
        assertArrayEquals(new float[] {4f, 6f, 8f}, x.grad().toArray());
        x.zeroGrad();
        assertNull(x.grad());
    }

    @Test
    void tensorUsedTwiceSumsItsGradients() {
        Tensor x = leaf(1f, -2f);
        Tensor y = x.exp();
        y.add(y.mul(3f)).sum().backward();
        assertArrayEquals(new float[] {4f * (float) Math.exp(1), 4f * (float) Math.exp(-2)}, x.grad().toArray(), 1e-5f);
    }

    @Test
    void detachStopsGradients() {
        Tensor x = leaf(1f, 2f);
        Tensor d = x.detach();
        assertFalse(d.requiresGrad());
        assertTrue(d.isLeaf());
        // Only the attached factor carries a gradient: d(x · stop(x))/dx = stop(x).
        x.mul(d).sum().backward();
        assertArrayEquals(new float[] {1f, 2f}, x.grad().toArray());
        Tensor through = x.exp().detach().sum();
        assertFalse(through.requiresGrad());
        assertThrows(IllegalStateException.class, through::backward);
    }

    @Test
    void disabledScopeRecordsNothingAndNests() {
        Tensor x = leaf(1f, 2f);
        assertTrue(Grad.isEnabled());
        try (var outer = Grad.disabled()) {
            Tensor y = x.mul(2f).relu().sum();
            assertFalse(y.requiresGrad());
            assertTrue(y.isLeaf());
            try (var inner = Grad.disabled()) {
                assertFalse(x.exp().requiresGrad());
            }
            assertFalse(Grad.isEnabled(), "closing the inner scope keeps the outer one disabled");
            assertFalse(x.softmax(0).requiresGrad());
        }
        assertTrue(Grad.isEnabled());
        assertTrue(x.mul(2f).requiresGrad());
    }

    @Test
    void secondBackwardThroughAReleasedGraphThrows() {
        Tensor x = leaf(1f, 2f);
        Tensor loss = x.exp().sum();
        loss.backward();
        var e = assertThrows(IllegalStateException.class, loss::backward);
        assertTrue(e.getMessage().contains("second time"), e.getMessage());
    }

    @Test
    void retainedGraphAllowsASecondBackward() {
        Tensor x = leaf(1f, 2f);
        Tensor loss = x.mul(x).sum();
        loss.backward(true);
        loss.backward();
        assertArrayEquals(new float[] {4f, 8f}, x.grad().toArray());
    }

    @Test
    void backwardOnANonScalarNeedsAGradient() {
        Tensor y = leaf(1f, 2f).mul(3f);
        var e = assertThrows(IllegalStateException.class, y::backward);
        assertTrue(e.getMessage().contains("[2]"), e.getMessage());
        Tensor x = leaf(1f, 2f);
        x.mul(3f).backward(Tensor.of(new float[] {1f, 10f}));
        assertArrayEquals(new float[] {3f, 30f}, x.grad().toArray());
        assertThrows(IllegalArgumentException.class, () -> x.mul(3f).backward(Tensor.ones(3)));
    }

    @Test
    void requiresGradOnANonLeafThrows() {
        Tensor y = leaf(1f).exp();
        assertFalse(y.isLeaf());
        var e = assertThrows(IllegalStateException.class, () -> y.requiresGrad(true));
        assertTrue(e.getMessage().contains("leaf"), e.getMessage());
    }

    @Test
    void constantsDoNotRecord() {
        Tensor c = Tensor.of(new float[] {1f, 2f});
        Tensor y = c.exp().sum();
        assertFalse(y.requiresGrad());
        assertNull(y.gradFnName());
        assertThrows(IllegalStateException.class, y::backward);
    }

    @Test
    void gradFnNamesTheOp() {
        Tensor x = leaf(1f, 2f);
        assertTrue("Exp".equals(x.exp().gradFnName()), x.exp().gradFnName());
        assertTrue("Mean".equals(x.mean().gradFnName()), x.mean().gradFnName());
        assertTrue("Sum".equals(x.sum().gradFnName()), x.sum().gradFnName());
    }
}
