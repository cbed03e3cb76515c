package dev.myelin.optim;

import static dev.myelin.optim.OptimTesting.setGrad;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.myelin.nn.Parameter;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Tensor;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The optimizers' named options: their defaults are PyTorch's (read from its constructor signatures
 * into {@code golden/optim/defaults.txt}), each setter sets its own option, and an optimizer built from
 * options takes bit for bit the steps of the one built from the same numbers in positional form.
 */
class OptimizerOptionsTest {
    private static final Golden PYTORCH = Golden.load("defaults");
    private static final int STEPS = 5;

    private static double pytorch(String name) {
        return PYTORCH.doubles(name)[0];
    }

    @Test
    void sgdDefaultsArePyTorchs() {
        SGD.Options options = SGD.options();
        assertEquals(pytorch("sgd.momentum"), options.momentum());
        assertEquals(pytorch("sgd.dampening"), options.dampening());
        assertEquals(pytorch("sgd.weight_decay"), options.weightDecay());
        assertEquals(pytorch("sgd.nesterov") != 0, options.nesterov());

        SGD plain = new SGD(params(1), 0.1);
        assertEquals(options.momentum(), plain.momentum(), "the short constructor agrees");
        assertEquals(options.dampening(), plain.dampening());
        assertEquals(options.weightDecay(), plain.paramGroups().getFirst().weightDecay());
        assertEquals(options.nesterov(), plain.nesterov());
    }

    @Test
    void adamDefaultsArePyTorchs() {
        assertAdamDefaults("adam", Adam.options().lr(), Adam.options().beta1(), Adam.options().beta2(),
                Adam.options().eps(), Adam.options().weightDecay());
        assertAdamDefaults("adam", new Adam(params(1)));
        assertAdamDefaults("adam", new Adam(List.of(new ParamGroup(params(1))), Adam.options().lr()));
    }

    @Test
    void adamWDefaultsArePyTorchs() {
        assertAdamDefaults("adamw", AdamW.options().lr(), AdamW.options().beta1(), AdamW.options().beta2(),
                AdamW.options().eps(), AdamW.options().weightDecay());
        assertAdamDefaults("adamw", new AdamW(params(1)));
        assertAdamDefaults("adamw", new AdamW(List.of(new ParamGroup(params(1))), AdamW.options().lr()));
    }

    private static void assertAdamDefaults(String prefix, AdamFamily optimizer) {
        assertAdamDefaults(prefix, optimizer.lr(), optimizer.beta1(), optimizer.beta2(), optimizer.eps(),
                optimizer.paramGroups().getFirst().weightDecay());
    }

    private static void assertAdamDefaults(String prefix, double lr, double beta1, double beta2, double eps,
            double weightDecay) {
        assertEquals(pytorch(prefix + ".lr"), lr, prefix + " lr");
        assertArrayEquals(PYTORCH.doubles(prefix + ".betas"), new double[] {beta1, beta2}, prefix + " betas");
        assertEquals(pytorch(prefix + ".eps"), eps, prefix + " eps");
        assertEquals(pytorch(prefix + ".weight_decay"), weightDecay, prefix + " weight_decay");
    }

    @Test
    void eachSetterSetsItsOwnOptionAndLeavesTheOriginalAlone() {
        assertEquals(new SGD.Options(0.9, 0.1, 5e-4, true),
                SGD.options().momentum(0.9).dampening(0.1).weightDecay(5e-4).nesterov(true));
        assertEquals(new Adam.Options(3e-4, 0.8, 0.99, 1e-6, 0.01),
                Adam.options().lr(3e-4).betas(0.8, 0.99).eps(1e-6).weightDecay(0.01));
        assertEquals(new AdamW.Options(3e-3, 0.8, 0.99, 1e-6, 0.05),
                AdamW.options().lr(3e-3).betas(0.8, 0.99).eps(1e-6).weightDecay(0.05));
        Adam.Options shared = Adam.options();
        shared.lr(1);
        assertEquals(Adam.options(), shared, "a setter returns a copy");
    }

    static Stream<Arguments> sameOptimizerTwoWays() {
        return Stream.of(
                twoWays("SGD with lr only", ps -> new SGD(ps, 0.1), ps -> new SGD(ps, 0.1, SGD.options())),
                twoWays("SGD, Nesterov and weight decay", ps -> new SGD(ps, 0.1, 0.9, 0, 0.01, true),
                        ps -> new SGD(ps, 0.1, SGD.options().momentum(0.9).weightDecay(0.01).nesterov(true))),
                twoWays("SGD with dampening", ps -> new SGD(ps, 0.05, 0.8, 0.1, 0, false),
                        ps -> new SGD(ps, 0.05, SGD.options().momentum(0.8).dampening(0.1))),
                twoWays("SGD over groups", ps -> new SGD(groups(ps), 0.1, 0.9, 0, 0.01, false),
                        ps -> new SGD(groups(ps), 0.1, SGD.options().momentum(0.9).weightDecay(0.01))),
                twoWays("Adam with the defaults", Adam::new, ps -> new Adam(ps, Adam.options())),
                twoWays("Adam with every option", ps -> new Adam(ps, 3e-4, 0.8, 0.99, 1e-6, 0.01),
                        ps -> new Adam(ps, Adam.options().lr(3e-4).betas(0.8, 0.99).eps(1e-6).weightDecay(0.01))),
                twoWays("Adam over groups", ps -> new Adam(groups(ps), 3e-4, 0.9, 0.999, 1e-8, 0.01),
                        ps -> new Adam(groups(ps), Adam.options().lr(3e-4).weightDecay(0.01))),
                twoWays("AdamW with the defaults", AdamW::new, ps -> new AdamW(ps, AdamW.options())),
                twoWays("AdamW with every option", ps -> new AdamW(ps, 3e-3, 0.8, 0.99, 1e-6, 0.05),
                        ps -> new AdamW(ps, AdamW.options().lr(3e-3).betas(0.8, 0.99).eps(1e-6).weightDecay(0.05))),
                twoWays("AdamW over groups", ps -> new AdamW(groups(ps), 3e-3),
                        ps -> new AdamW(groups(ps), AdamW.options().lr(3e-3))));
    }

    private static Arguments twoWays(String name, Function<List<Parameter>, Optimizer> positional,
            Function<List<Parameter>, Optimizer> named) {
        return Arguments.of(name, positional, named);
    }

    /** Two groups, the second with its own rate and no weight decay (as biases often are). */
    private static List<ParamGroup> groups(List<Parameter> ps) {
        return List.of(new ParamGroup(ps.subList(0, 1)), new ParamGroup(ps.subList(1, 2)).setLr(0.2).setWeightDecay(0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sameOptimizerTwoWays")
    void theOptionsFormTakesTheSameStepsAsThePositionalForm(String name, Function<List<Parameter>, Optimizer> positional,
            Function<List<Parameter>, Optimizer> named) {
        List<Parameter> a = params(7);
        List<Parameter> b = params(7);
        Optimizer first = positional.apply(a);
        Optimizer second = named.apply(b);
        Generator grads = new Generator(8);
        for (int step = 0; step < STEPS; step++) {
            first.zeroGrad();
            second.zeroGrad();
            for (int i = 0; i < a.size(); i++) {
                Tensor g = Tensor.randn(grads, a.get(i).value().dims());
                setGrad(a.get(i), g);
                setGrad(b.get(i), g);
            }
            first.step();
            second.step();
        }
        for (int i = 0; i < a.size(); i++) {
            assertArrayEquals(a.get(i).value().toArray(), b.get(i).value().toArray(), "parameter " + i);
        }
        assertFalse(a.getFirst().value().contentEquals(params(7).getFirst().value()), "the steps moved the parameters");
        assertEquals(first.stateScalars(), second.stateScalars());
        Map<String, Tensor> expected = first.stateTensors();
        Map<String, Tensor> actual = second.stateTensors();
        assertEquals(expected.keySet(), actual.keySet());
        for (String key : expected.keySet()) {
            assertArrayEquals(expected.get(key).toArray(), actual.get(key).toArray(), key);
        }
    }

    /** Two parameters, (3, 4) and (5), drawn from {@code seed}. */
    private static List<Parameter> params(long seed) {
        Generator g = new Generator(seed);
        return List.of(new Parameter(Tensor.randn(g, 3, 4)), new Parameter(Tensor.randn(g, 5)));
    }
}
