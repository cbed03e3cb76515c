package dev.myelin.optim;

import static dev.myelin.optim.OptimTesting.setGrad;
import static dev.myelin.optim.OptimizerTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.myelin.nn.Parameter;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Tensor;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Checkpoints: exporting the state after K steps and restoring it into a fresh optimizer (and
 * scheduler) continues training bit for bit; a bad checkpoint is rejected, naming the problem, and
 * leaves the optimizer as it was.
 */
class OptimizerStateTest {
    private static final int TOTAL = 7;
    private static final int SAVED_AT = 3;

    /** Two groups, the second without weight decay, over parameters of three shapes. */
    private static List<ParamGroup> groups(List<Parameter> ps) {
        return List.of(new ParamGroup(ps.subList(0, 2)), new ParamGroup(ps.subList(2, 3)).setWeightDecay(0));
    }

    static Stream<Arguments> optimizers() {
        return Stream.of(
                Arguments.of("SGD nesterov", (Function<List<Parameter>, Optimizer>) ps -> new SGD(groups(ps), 0.1, 0.9, 0, 1e-2, true)),
                Arguments.of("Adam", (Function<List<Parameter>, Optimizer>) ps -> new Adam(groups(ps), 1e-2, 0.9, 0.999, 1e-8, 1e-2)),
                Arguments.of("AdamW", (Function<List<Parameter>, Optimizer>) ps -> new AdamW(groups(ps), 1e-2)));
    }

    private static List<Parameter> freshParams() {
        Generator g = new Generator(5);
        return List.of(new Parameter(Tensor.randn(g, 3, 4)), new Parameter(Tensor.randn(g, 5)),
                new Parameter(Tensor.randn(g, 2, 1, 3)));
    }

    /** The gradient of parameter {@code i} at {@code step}, the same in every run. */
    private static Tensor gradient(int step, int i, int[] dims) {
        return Tensor.randn(new Generator(100L * step + i), dims);
    }

    private static void train(Optimizer optimizer, LRScheduler scheduler, List<Parameter> ps, int from, int to) {
        for (int step = from; step < to; step++) {
            optimizer.zeroGrad();
            for (int i = 0; i < ps.size(); i++) {
                // the last parameter sits out the first step, so parameters differ in their step counts
                if (i < 2 || step > 0) {
                    setGrad(ps.get(i), gradient(step, i, ps.get(i).value().dims()));
                }
            }
            optimizer.step();
            scheduler.step();
        }
    }

    /** Scalars through text and back, as a safetensors metadata entry would carry them. */
    private static Map<String, Double> viaText(Map<String, Double> scalars) {
        var out = new LinkedHashMap<String, Double>();
        scalars.forEach((k, v) -> out.put(k, Double.parseDouble(Double.toString(v))));
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("optimizers")
    void restoredStateContinuesBitForBit(String name, Function<List<Parameter>, Optimizer> make) {
        List<Parameter> straight = freshParams();
        Optimizer once = make.apply(straight);
        train(once, new OneCycleLR(once, 0.05, TOTAL), straight, 0, TOTAL);

        List<Parameter> resumed = freshParams();
        Optimizer first = make.apply(resumed);
        LRScheduler firstScheduler = new OneCycleLR(first, 0.05, TOTAL);
        train(first, firstScheduler, resumed, 0, SAVED_AT);
        Map<String, Tensor> tensors = first.stateTensors();
        Map<String, Double> scalars = viaText(first.stateScalars());
        Map<String, Double> schedule = viaText(firstScheduler.stateScalars());
        List<Tensor> weights = resumed.stream().map(p -> p.value().copy()).toList();

        List<Parameter> restoredParams = weights.stream().map(OptimTesting::param).toList();
        Optimizer second = make.apply(restoredParams);
        LRScheduler secondScheduler = new OneCycleLR(second, 0.05, TOTAL);
        second.loadState(tensors, scalars);
        secondScheduler.loadState(schedule);
        assertEquals(SAVED_AT, secondScheduler.lastEpoch());
        assertEquals(first.lr(), second.lr());
        train(second, secondScheduler, restoredParams, SAVED_AT, TOTAL);

        for (int i = 0; i < straight.size(); i++) {
            assertTrue(straight.get(i).value().contentEquals(restoredParams.get(i).value()),
                    name + ": parameter " + i + " is bit-identical after resuming");
        }
        assertEquals(once.stateScalars(), second.stateScalars());
    }

    @Test
    void exportedKeysFollowTheDocumentedScheme() {
        List<Parameter> ps = freshParams();
        Adam adam = new Adam(groups(ps), 1e-3);
        train(adam, new StepLR(adam, 10, 0.5), ps, 0, 2);
        assertEquals(List.of("group0.param0.exp_avg", "group0.param0.exp_avg_sq", "group0.param1.exp_avg",
                "group0.param1.exp_avg_sq", "group1.param0.exp_avg", "group1.param0.exp_avg_sq"),
                List.copyOf(adam.stateTensors().keySet()));
        assertEquals(List.of("group0.lr", "group0.weight_decay", "group1.lr", "group1.weight_decay",
                "group0.param0.step", "group0.param1.step", "group1.param0.step"),
                List.copyOf(adam.stateScalars().keySet()));
        assertEquals(2.0, adam.stateScalars().get("group0.param0.step"));
        assertEquals(1.0, adam.stateScalars().get("group1.param0.step"));
    }

    @Test
    void exportedTensorsAreCopies() {
        Parameter p = new Parameter(Tensor.ones(2));
        SGD sgd = new SGD(List.of(p), 0.1, 0.9);
        setGrad(p, Tensor.ones(2));
        sgd.step();
        Tensor exported = sgd.stateTensors().get("group0.param0.momentum_buffer");
        exported.array()[exported.arrayOffset()] = 42f;
        assertEquals(1f, sgd.stateTensors().get("group0.param0.momentum_buffer").get(0));
    }

    @Test
    void badCheckpointsAreRejectedNamingTheFirstProblem() {
        List<Parameter> ps = freshParams();
        Adam adam = new Adam(groups(ps), 1e-3);
        train(adam, new StepLR(adam, 10, 0.5), ps, 0, 2);
        Map<String, Tensor> tensors = adam.stateTensors();
        Map<String, Double> scalars = adam.stateScalars();

        Map<String, Tensor> wrongShape = new HashMap<>(tensors);
        wrongShape.put("group0.param1.exp_avg", Tensor.zeros(4));
        assertMessage("tensor group0.param1.exp_avg has shape [4] but parameter group0.param1 has shape [5]",
                () -> adam.loadState(wrongShape, scalars));

        Map<String, Tensor> missing = new HashMap<>(tensors);
        missing.remove("group1.param0.exp_avg_sq");
        assertMessage("missing tensor group1.param0.exp_avg_sq (group1.param0.step is present)",
                () -> adam.loadState(missing, scalars));

        Map<String, Tensor> unknown = new HashMap<>(tensors);
        unknown.put("group2.param0.exp_avg", Tensor.zeros(1));
        assertMessage("unknown tensor group2.param0.exp_avg (the optimizer has 2 group(s) and keeps [exp_avg, exp_avg_sq] per parameter)",
                () -> adam.loadState(unknown, scalars));

        Map<String, Double> noStep = new HashMap<>(scalars);
        noStep.remove("group0.param0.step");
        assertMessage("tensor group0.param0.exp_avg has no step count group0.param0.step",
                () -> adam.loadState(tensors, noStep));

        Map<String, Double> noLr = new HashMap<>(scalars);
        noLr.remove("group1.lr");
        assertMessage("missing scalar group1.lr (the optimizer has 2 group(s))", () -> adam.loadState(tensors, noLr));

        Map<String, Double> fractionalStep = new HashMap<>(scalars);
        fractionalStep.put("group0.param1.step", 2.5);
        assertMessage("group0.param1.step must be a whole number of updates >= 1, got 2.5",
                () -> adam.loadState(tensors, fractionalStep));

        Map<String, Double> negativeLr = new HashMap<>(scalars);
        negativeLr.put("group0.lr", -1.0);
        assertMessage("group0.lr must be a finite number >= 0, got -1.0", () -> adam.loadState(tensors, negativeLr));

        Map<String, Double> extra = new HashMap<>(scalars);
        extra.put("group0.momentum", 0.9);
        assertMessage("unknown scalar group0.momentum (the optimizer has 2 group(s) and keeps [exp_avg, exp_avg_sq] per parameter)",
                () -> adam.loadState(tensors, extra));

        assertEquals(scalars, adam.stateScalars(), "a rejected checkpoint changes nothing");
        adam.stateTensors().forEach((k, v) -> assertTrue(v.contentEquals(tensors.get(k)), k + " unchanged"));
    }

    @Test
    void loadingReplacesTheWholeState() {
        List<Parameter> ps = freshParams();
        SGD sgd = new SGD(List.of(new ParamGroup(ps)), 0.1, 0.9);
        Map<String, Tensor> emptyTensors = sgd.stateTensors();
        Map<String, Double> initial = sgd.stateScalars();
        train(sgd, new StepLR(sgd, 10, 0.5), ps, 0, 2);
        assertFalse(sgd.stateTensors().isEmpty());
        sgd.loadState(emptyTensors, initial);
        assertTrue(sgd.stateTensors().isEmpty(), "parameters absent from the checkpoint start afresh");
        assertEquals(initial, sgd.stateScalars());
    }

    @Test
    void sgdMayLackAMomentumBufferWhichTheNextStepCreates() {
        Parameter p = new Parameter(Tensor.ones(2));
        SGD sgd = new SGD(List.of(p), 0.1, 0.9);
        sgd.loadState(Map.of(), Map.of("group0.lr", 0.1, "group0.weight_decay", 0.0, "group0.param0.step", 4.0));
        setGrad(p, Tensor.ones(2));
        sgd.step();
        // buf = d on its first step, so p = 1 - 0.1·1
        assertEquals(0.9f, p.value().get(0));
        assertEquals(5.0, sgd.stateScalars().get("group0.param0.step"));
    }
}
