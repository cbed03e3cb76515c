package dev.myelin.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * The initialisers' bounds and standard deviations against PyTorch's formulas, on large seeded tensors.
 *
 * <p>Tolerances: with {@code n ≥ 2.5e5} samples, the sample standard deviation has a relative standard
 * error of about {@code 1/sqrt(2n) ≤ 1.5e-3} (normal) or less (uniform), so a 1% band is over six
 * standard errors wide, while a wrong gain or fan (off by a factor of sqrt(2) or more) is far outside
 * it. The sample mean has a standard error of {@code std/sqrt(n) ≤ 2e-3·std}; it is held to
 * {@code 1e-2·std}. The largest of n uniform samples falls short of the bound by more than
 * {@code 1e-3·bound} only with probability {@code (1 - 1e-3)^n < 1e-100}.
 */
class InitTest {
    private record Stats(double mean, double std, double maxAbs) {
    }

    private static Stats stats(Tensor t) {
        float[] v = t.toArray();
        double sum = 0;
        double maxAbs = 0;
        for (float f : v) {
            sum += f;
            maxAbs = Math.max(maxAbs, Math.abs(f));
        }
        double mean = sum / v.length;
        double sq = 0;
        for (float f : v) {
            sq += (f - mean) * (f - mean);
        }
        return new Stats(mean, Math.sqrt(sq / v.length), maxAbs);
    }

    private static void assertUniform(Tensor t, double bound) {
        Stats s = stats(t);
        assertTrue(s.maxAbs() <= bound * (1 + 1e-7), "max |x| " + s.maxAbs() + " exceeds bound " + bound);
        assertTrue(s.maxAbs() >= bound * (1 - 1e-3), "max |x| " + s.maxAbs() + " too far below bound " + bound);
        assertEquals(bound / Math.sqrt(3), s.std(), 1e-2 * bound / Math.sqrt(3), "standard deviation");
        assertEquals(0, s.mean(), 1e-2 * bound, "mean");
    }

    private static void assertNormal(Tensor t, double std) {
        Stats s = stats(t);
        assertEquals(std, s.std(), 1e-2 * std, "standard deviation");
        assertEquals(0, s.mean(), 1e-2 * std, "mean");
    }

    @Test
    void gains() {
        assertEquals(1.0, Init.calculateGain(Init.Nonlinearity.LINEAR));
        assertEquals(1.0, Init.calculateGain(Init.Nonlinearity.CONV2D));
        assertEquals(1.0, Init.calculateGain(Init.Nonlinearity.SIGMOID));
        assertEquals(5.0 / 3, Init.calculateGain(Init.Nonlinearity.TANH));
        assertEquals(Math.sqrt(2), Init.calculateGain(Init.Nonlinearity.RELU));
        assertEquals(Math.sqrt(2 / (1 + 0.01 * 0.01)), Init.calculateGain(Init.Nonlinearity.LEAKY_RELU));
        assertEquals(Math.sqrt(2 / 1.04), Init.calculateGain(Init.Nonlinearity.LEAKY_RELU, 0.2), 1e-15);
        assertEquals(0.75, Init.calculateGain(Init.Nonlinearity.SELU));
    }

    @Test
    void fansFollowPyTorch() {
        Tensor conv = Tensor.zeros(16, 3, 5, 7);
        assertEquals(3 * 5 * 7, Init.fanIn(conv));
        assertEquals(16 * 5 * 7, Init.fanOut(conv));
        Tensor linear = Tensor.zeros(10, 784);
        assertEquals(784, Init.fanIn(linear));
        assertEquals(10, Init.fanOut(linear));
        var e = assertThrows(IllegalArgumentException.class, () -> Init.fanIn(Tensor.zeros(5)));
        assertTrue(e.getMessage().contains("fewer than 2 dimensions"), e.getMessage());
    }

    @Test
    void kaimingUniform() {
        Generator gen = new Generator(1);
        Tensor w = Init.kaimingUniform(Tensor.zeros(512, 1024), gen); // leaky_relu with a = 0: gain sqrt(2)
        assertUniform(w, Math.sqrt(2) * Math.sqrt(3.0 / 1024));
        Tensor conv = Init.kaimingUniform(Tensor.zeros(256, 64, 3, 3), 0, Init.Mode.FAN_OUT, Init.Nonlinearity.RELU,
                gen);
        assertUniform(conv, Math.sqrt(2) * Math.sqrt(3.0 / (256 * 9)));
        Tensor tanh = Init.kaimingUniform(Tensor.zeros(500, 600), 0, Init.Mode.FAN_IN, Init.Nonlinearity.TANH, gen);
        assertUniform(tanh, 5.0 / 3 * Math.sqrt(3.0 / 600));
    }

    @Test
    void kaimingNormal() {
        Generator gen = new Generator(2);
        assertNormal(Init.kaimingNormal(Tensor.zeros(512, 1024), gen), Math.sqrt(2) / Math.sqrt(1024));
        Tensor leaky = Init.kaimingNormal(Tensor.zeros(128, 32, 8, 8), 0.2, Init.Mode.FAN_OUT,
                Init.Nonlinearity.LEAKY_RELU, gen);
        assertNormal(leaky, Math.sqrt(2 / 1.04) / Math.sqrt(128 * 64));
    }

    @Test
    void xavier() {
        Generator gen = new Generator(3);
        assertUniform(Init.xavierUniform(Tensor.zeros(400, 900), gen), Math.sqrt(6.0 / 1300));
        assertUniform(Init.xavierUniform(Tensor.zeros(64, 32, 5, 5), 2.0, gen), 2.0 * Math.sqrt(6.0 / (96 * 25)));
        assertNormal(Init.xavierNormal(Tensor.zeros(400, 900), gen), Math.sqrt(2.0 / 1300));
        assertNormal(Init.xavierNormal(Tensor.zeros(400, 900), 5.0 / 3, gen), 5.0 / 3 * Math.sqrt(2.0 / 1300));
    }

    @Test
    void constantsAndReproducibility() {
        assertTrue(Tensor.zeros(3, 2).contentEquals(Init.zeros(Tensor.ones(3, 2))));
        assertTrue(Tensor.ones(4).contentEquals(Init.ones(Tensor.zeros(4))));
        assertTrue(Tensor.full(2.5f, 2, 2).contentEquals(Init.constant(Tensor.zeros(2, 2), 2.5)));
        Tensor a = Init.kaimingUniform(Tensor.zeros(8, 8), new Generator(9));
        Tensor b = Init.kaimingUniform(Tensor.zeros(8, 8), new Generator(9));
        assertTrue(a.contentEquals(b), "the same seed gives the same weights");
        var e = assertThrows(IllegalArgumentException.class, () -> Init.zeros(Tensor.ones(2).requiresGrad(true).mul(2f)));
        assertTrue(e.getMessage().contains("leaf"), e.getMessage());
    }

    /** Linear and Conv2d: kaiming_uniform with a = sqrt(5), which is U(±1/sqrt(fan_in)); bias U(±1/sqrt(fan_in)). */
    @Test
    void layerDefaultsArePyTorchs() {
        Generator gen = new Generator(4);
        Linear fc = new Linear(1000, 600, gen);
        assertUniform(fc.weight().value(), 1 / Math.sqrt(1000));
        double biasBound = 1 / Math.sqrt(1000);
        assertTrue(stats(fc.bias().value()).maxAbs() <= biasBound);
        assertEquals(biasBound / Math.sqrt(3), stats(fc.bias().value()).std(), 0.1 * biasBound / Math.sqrt(3));

        Conv2d conv = new Conv2d(64, 128, 5, 1, 0, gen);
        double convBound = 1 / Math.sqrt(64 * 25);
        assertUniform(conv.weight().value(), convBound);
        assertTrue(stats(conv.bias().value()).maxAbs() <= convBound);

        Linear again = new Linear(1000, 600, new Generator(4));
        assertTrue(fc.weight().value().contentEquals(again.weight().value()), "seeded: the same weights again");
    }
}
