package dev.myelin.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Grad;
import dev.myelin.tensor.Shape;
import dev.myelin.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** State-dict names, round trips, strict and lenient loading, and freezing. */
class StateDictTest {
    private static Sequential cnn(Generator gen) {
        return new Sequential(new Conv2d(2, 4, 3, 1, 1, gen), new BatchNorm2d(4), new ReLU(), new Flatten(),
                new Linear(4 * 5 * 5, 3, gen));
    }

    private static Sequential mlp(Generator gen) {
        return new Sequential(new Linear(6, 8, gen), new BatchNorm1d(8), new GELU(),
                new Sequential(new Linear(8, 8, false, gen), new Tanh()), new Linear(8, 3, gen));
    }

    @Test
    void namesMatchPyTorch() {
        Generator gen = new Generator(1);
        Sequential model = new Sequential(new Conv2d(3, 8, 3, gen), new BatchNorm2d(8), new ReLU(),
                new Linear(8, 10, gen));
        assertEquals(List.of("0.weight", "0.bias", "1.weight", "1.bias", "1.running_mean", "1.running_var",
                "1.num_batches_tracked", "3.weight", "3.bias"), List.copyOf(model.stateDict().keySet()));
        assertEquals(List.of("0.weight", "0.bias", "1.weight", "1.bias", "3.weight", "3.bias"),
                List.copyOf(model.namedParameters().keySet()));
        Map<String, Tensor> state = model.stateDict();
        assertEquals(Shape.of(8, 3, 3, 3), state.get("0.weight").shape());
        assertEquals(Shape.of(10, 8), state.get("3.weight").shape());
        assertEquals(Shape.scalar(), state.get("1.num_batches_tracked").shape());
        assertEquals(List.of("0.weight", "0.bias", "1.weight", "1.bias", "1.running_mean", "1.running_var",
                "1.num_batches_tracked", "3.0.weight", "4.weight", "4.bias"),
                List.copyOf(mlp(gen).stateDict().keySet()));
    }

    @Test
    void stateDictTensorsAreViewsThatFollowTraining() {
        Linear fc = new Linear(2, 2, new Generator(2));
        Tensor w = fc.stateDict().get("weight");
        assertFalse(w.requiresGrad());
        fc.weight().value().addInPlace(Tensor.ones(2, 2));
        assertTrue(w.contentEquals(fc.weight().value()));
    }

    /** Trains a model a few steps, so that its parameters and running statistics differ from a fresh one's. */
    private static void perturb(Module model, Function<Generator, Tensor> batch, Generator gen) {
        model.train();
        for (int step = 0; step < 3; step++) {
            model.forward(batch.apply(gen)).sum().backward();
            for (Parameter p : model.parameters()) {
                p.value().subInPlace(p.grad().mul(0.1f));
                p.zeroGrad();
            }
        }
    }

    private static void assertSameStateAndOutputs(Module source, Module target, Tensor x) {
        Map<String, Tensor> expected = source.stateDict();
        Map<String, Tensor> actual = target.stateDict();
        assertEquals(expected.keySet(), actual.keySet());
        expected.forEach((name, t) -> assertTrue(t.contentEquals(actual.get(name)), name));
        source.eval();
        target.eval();
        try (var scope = Grad.disabled()) {
            assertTrue(source.forward(x).contentEquals(target.forward(x)));
        }
    }

    @Property(tries = 30)
    void roundTripIntoAFreshModelIsBitIdentical(@ForAll long seedA, @ForAll long seedB) {
        Generator gen = new Generator(seedA);
        Sequential source = mlp(gen);
        perturb(source, g -> Tensor.randn(g, 5, 6), gen);
        Sequential target = mlp(new Generator(seedB));
        List<Tensor> identities = new ArrayList<>(target.stateDict().size());
        target.namedParameters().values().forEach(p -> identities.add(p.value()));
        target.namedBuffers().values().forEach(identities::add);

        LoadReport report = target.loadStateDict(source.stateDict(), true);

        assertTrue(report.isClean(), report.describe());
        List<Tensor> after = new ArrayList<>();
        target.namedParameters().values().forEach(p -> after.add(p.value()));
        target.namedBuffers().values().forEach(after::add);
        for (int i = 0; i < identities.size(); i++) {
            assertSame(identities.get(i), after.get(i), "loading must keep every tensor's identity");
        }
        assertEquals(3f, ((BatchNorm1d) target.get(1)).numBatchesTracked().item());
        assertSameStateAndOutputs(source, target, Tensor.randn(gen, 4, 6));
    }

    /** Awaits the conv2d merge. */
    @Test
    void roundTripOfAConvolutionalModelIsBitIdentical() {
        Generator gen = new Generator(3);
        Sequential source = cnn(gen);
        perturb(source, g -> Tensor.randn(g, 2, 2, 5, 5), gen);
        Sequential target = cnn(new Generator(4));
        assertTrue(target.loadStateDict(source.stateDict(), true).isClean());
        assertSameStateAndOutputs(source, target, Tensor.randn(gen, 3, 2, 5, 5));
    }

    private static Map<String, Tensor> damagedState(Module model) {
        LinkedHashMap<String, Tensor> state = model.stateDict();
        state.remove("1.running_var");
        state.remove("4.bias");
        state.put("0.weight", Tensor.zeros(4, 2, 5, 5));
        state.put("4.weight", Tensor.zeros(3, 99));
        state.put("extra.weight", Tensor.zeros(1));
        state.put("1.running_mean", Tensor.full(7f, 4));
        return state;
    }

    @Test
    void strictLoadingReportsEveryProblemAndLoadsNothing() {
        Sequential model = cnn(new Generator(5));
        Map<String, Tensor> before = new LinkedHashMap<>();
        model.stateDict().forEach((k, v) -> before.put(k, v.copy()));

        var e = assertThrows(IllegalArgumentException.class, () -> model.loadStateDict(damagedState(model), true));

        String msg = e.getMessage();
        assertTrue(msg.contains("\"1.running_var\"") && msg.contains("\"4.bias\""), msg);
        assertTrue(msg.contains("unexpected") && msg.contains("\"extra.weight\""), msg);
        assertTrue(msg.contains("size mismatch for 0.weight") && msg.contains("[4, 2, 5, 5]")
                && msg.contains("[4, 2, 3, 3]"), msg);
        assertTrue(msg.contains("size mismatch for 4.weight") && msg.contains("[3, 99]") && msg.contains("[3, 100]"), msg);
        model.stateDict().forEach((k, v) -> assertTrue(before.get(k).contentEquals(v), k + " must be unchanged"));
    }

    @Test
    void lenientLoadingLoadsWhatMatchesAndReports() {
        Sequential model = cnn(new Generator(6));
        Tensor conv = model.stateDict().get("0.weight").copy();
        Tensor runningVar = model.stateDict().get("1.running_var").copy();

        LoadReport report = model.loadStateDict(damagedState(model), false);

        assertEquals(List.of("1.running_var", "4.bias"), report.missingKeys());
        assertEquals(List.of("extra.weight"), report.unexpectedKeys());
        assertEquals(List.of(new LoadReport.ShapeMismatch("0.weight", Shape.of(4, 2, 3, 3), Shape.of(4, 2, 5, 5)),
                new LoadReport.ShapeMismatch("4.weight", Shape.of(3, 100), Shape.of(3, 99))), report.shapeMismatches());
        assertFalse(report.isClean());
        assertTrue(Tensor.full(7f, 4).contentEquals(model.stateDict().get("1.running_mean")), "matching entry loaded");
        assertTrue(conv.contentEquals(model.stateDict().get("0.weight")), "mismatched entry left alone");
        assertTrue(runningVar.contentEquals(model.stateDict().get("1.running_var")), "missing entry left alone");
        assertTrue(model.loadStateDict(model.stateDict(), false).isClean());
    }

    @Test
    void frozenParametersGetNoGradient() {
        Generator gen = new Generator(7);
        Sequential model = mlp(gen);
        Linear first = (Linear) model.get(0);
        first.weight().requiresGrad(false);
        first.bias().requiresGrad(false);

        model.forward(Tensor.randn(gen, 4, 6)).sum().backward();

        assertNull(first.weight().grad());
        assertNull(first.bias().grad());
        for (var entry : model.namedParameters().entrySet()) {
            if (!entry.getKey().startsWith("0.")) {
                assertNotNull(entry.getValue().grad(), entry.getKey());
            }
        }
        // Frozen parameters still load.
        Sequential other = mlp(new Generator(8));
        assertTrue(model.loadStateDict(other.stateDict(), true).isClean());
        assertTrue(first.weight().value().contentEquals(((Linear) other.get(0)).weight().value()));
    }
}
