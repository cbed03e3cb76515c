package dev.myelin.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.myelin.tensor.Functional;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link BatchNorm1d} and {@link BatchNorm2d} as layers: their state, the modes, the counter, and that
 * they call {@link Functional#batchNorm} with PyTorch's arguments (the op itself is tested in
 * {@code dev.myelin.tensor.BatchNormOpTest}).
 */
class BatchNormLayerTest {
    @Test
    void initialStateIsPyTorchs() {
        BatchNorm2d bn = new BatchNorm2d(3);
        assertTrue(Tensor.ones(3).contentEquals(bn.weight().value()));
        assertTrue(Tensor.zeros(3).contentEquals(bn.bias().value()));
        assertTrue(Tensor.zeros(3).contentEquals(bn.runningMean()));
        assertTrue(Tensor.ones(3).contentEquals(bn.runningVar()));
        assertTrue(Tensor.scalar(0f).contentEquals(bn.numBatchesTracked()));
        assertEquals(1e-5, bn.eps());
        assertEquals(0.1, bn.momentum());
        assertEquals(List.of("weight", "bias"), List.copyOf(bn.namedParameters().keySet()));
        assertEquals(List.of("running_mean", "running_var", "num_batches_tracked"),
                List.copyOf(bn.namedBuffers().keySet()));
    }

    @Test
    void defaultOptionsArePyTorchs() {
        // torch.nn.BatchNorm2d(64): eps=1e-05, momentum=0.1, affine=True, track_running_stats=True
        assertEquals(new BatchNorm.Options(1e-5, 0.1, true, true), BatchNorm2d.options());
        assertEquals(BatchNorm2d.options(), BatchNorm1d.options());
        assertEquals("BatchNorm2d(64, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)",
                new BatchNorm2d(64, BatchNorm2d.options()).toString(), "printed as PyTorch prints nn.BatchNorm2d(64)");
        assertEquals("BatchNorm2d(64, eps=1e-05, momentum=0.01, affine=True, track_running_stats=True)",
                new BatchNorm2d(64, BatchNorm2d.options().momentum(0.01)).toString(),
                "printed as PyTorch prints nn.BatchNorm2d(64, momentum=0.01)");
        assertSameLayer(new BatchNorm2d(3, 1e-5, 0.1, true, true), new BatchNorm2d(3));
        assertSameLayer(new BatchNorm1d(3, 1e-5, 0.1, true, true), new BatchNorm1d(3));
    }

    @Test
    void namedOptionsGiveThePositionalForm() {
        assertSameLayer(new BatchNorm2d(3, 1e-3, 0.01, true, true),
                new BatchNorm2d(3, BatchNorm2d.options().eps(1e-3).momentum(0.01)));
        assertSameLayer(new BatchNorm2d(3, 1e-5, 0.1, false, true), new BatchNorm2d(3, BatchNorm2d.options().affine(false)));
        assertSameLayer(new BatchNorm2d(3, 1e-5, 0.1, true, false),
                new BatchNorm2d(3, BatchNorm2d.options().trackRunningStats(false)));
        assertSameLayer(new BatchNorm1d(3, 1e-4, 0.3, false, false),
                new BatchNorm1d(3, BatchNorm1d.options().trackRunningStats(false).affine(false).momentum(0.3).eps(1e-4)));

        BatchNorm.Options slow = BatchNorm2d.options().momentum(0.01);
        assertEquals(0.01, slow.momentum());
        assertEquals(0.1, BatchNorm2d.options().momentum(), "setters return a new value, the shared one unchanged");
        var refused = assertThrows(IllegalArgumentException.class, () -> new BatchNorm2d(3, slow.momentum(1.5)));
        assertEquals("BatchNorm2d: momentum must be in [0, 1], got 1.5", refused.getMessage());
        assertThrows(NullPointerException.class, () -> new BatchNorm1d(3, null));
    }

    /** The same settings, state, outputs and running statistics, through two training batches and evaluation. */
    private static void assertSameLayer(BatchNorm expected, BatchNorm actual) {
        assertEquals(expected.toString(), actual.toString());
        assertEquals(expected.eps(), actual.eps());
        assertEquals(expected.momentum(), actual.momentum());
        assertEquals(expected.stateDict().keySet(), actual.stateDict().keySet());
        Generator gen = new Generator(6);
        int[] dims = expected instanceof BatchNorm2d ? new int[] {4, 3, 2, 2} : new int[] {5, 3};
        for (boolean training : new boolean[] {true, true, false}) {
            expected.train(training);
            actual.train(training);
            Tensor x = Tensor.randn(gen, dims).mul(2f).add(1f);
            assertTrue(expected.forward(x).contentEquals(actual.forward(x)));
            expected.stateDict().forEach((key, value) -> assertTrue(value.contentEquals(actual.stateDict().get(key)), key));
        }
    }

    @Test
    void trainingUsesBatchStatisticsAndUpdatesRunningOnes() {
        Generator gen = new Generator(1);
        BatchNorm2d bn = new BatchNorm2d(3);
        Init.normal(bn.weight().value(), 1, 0.5, gen);
        Init.normal(bn.bias().value(), 0, 0.5, gen);
        Tensor runningMean = Tensor.zeros(3);
        Tensor runningVar = Tensor.ones(3);
        for (int step = 1; step <= 3; step++) {
            Tensor x = Tensor.randn(gen, 4, 3, 2, 5).add(step);
            Tensor expected = Functional.batchNorm(x, runningMean, runningVar, bn.weight().value().detach(),
                    bn.bias().value().detach(), true, 0.1, 1e-5);
            assertTrue(expected.contentEquals(bn.forward(x)));
            assertTrue(runningMean.contentEquals(bn.runningMean()));
            assertTrue(runningVar.contentEquals(bn.runningVar()));
            assertEquals(step, bn.numBatchesTracked().item());
        }
    }

    @Test
    void evaluationUsesRunningStatisticsAndCountsNothing() {
        Generator gen = new Generator(2);
        BatchNorm1d bn = new BatchNorm1d(4);
        bn.forward(Tensor.randn(gen, 8, 4).mul(3f).add(1f));
        Tensor meanAfterTraining = bn.runningMean().copy();
        bn.eval();
        Tensor x = Tensor.randn(gen, 1, 4); // one sample is fine in evaluation
        Tensor expected = Functional.batchNorm(x, bn.runningMean(), bn.runningVar(), bn.weight().value().detach(),
                bn.bias().value().detach(), false, 0.1, 1e-5);
        assertTrue(expected.contentEquals(bn.forward(x)));
        assertTrue(meanAfterTraining.contentEquals(bn.runningMean()));
        assertEquals(1f, bn.numBatchesTracked().item());
    }

    @Test
    void batchNorm1dAcceptsTwoAndThreeDimensionalInputs() {
        Generator gen = new Generator(3);
        BatchNorm1d bn = new BatchNorm1d(3);
        Tensor x2 = Tensor.randn(gen, 6, 3);
        Tensor x3 = Tensor.randn(gen, 2, 3, 7);
        assertTrue(Functional.batchNorm(x2, null, null, null, null, true, 0.1, 1e-5).contentEquals(bn.forward(x2)));
        assertTrue(Functional.batchNorm(x3, null, null, null, null, true, 0.1, 1e-5).contentEquals(bn.forward(x3)));
        assertEquals(2f, bn.numBatchesTracked().item());
    }

    @Test
    void withoutRunningStatisticsBatchStatisticsAreUsedInBothModes() {
        Generator gen = new Generator(4);
        BatchNorm2d bn = new BatchNorm2d(2, 1e-5, 0.1, true, false);
        assertNull(bn.runningMean());
        assertNull(bn.numBatchesTracked());
        Tensor x = Tensor.randn(gen, 3, 2, 2, 2).add(4f);
        Tensor inTraining = bn.forward(x);
        bn.eval();
        assertTrue(inTraining.contentEquals(bn.forward(x)));
        assertTrue(bn.namedBuffers().isEmpty());
    }

    @Test
    void gradientsReachWeightAndBiasAndInput() {
        Generator gen = new Generator(5);
        BatchNorm2d bn = new BatchNorm2d(2);
        Init.normal(bn.weight().value(), 1, 0.5, gen);
        Tensor x = Tensor.randn(gen, 3, 2, 2, 3);
        NnTesting.gradCheck(() -> bn.forward(x), List.of(x, bn.weight().value(), bn.bias().value()));
        bn.eval();
        NnTesting.gradCheck(() -> bn.forward(x), List.of(x, bn.weight().value(), bn.bias().value()));
    }

    @Test
    void errorsNameTheLayerAndShape() {
        var rank = assertThrows(IllegalArgumentException.class, () -> new BatchNorm2d(3).forward(Tensor.zeros(4, 3)));
        assertTrue(rank.getMessage().contains("BatchNorm2d") && rank.getMessage().contains("[4, 3]"), rank.getMessage());
        var rank1d = assertThrows(IllegalArgumentException.class,
                () -> new BatchNorm1d(3).forward(Tensor.zeros(4, 3, 2, 2)));
        assertTrue(rank1d.getMessage().contains("BatchNorm1d"), rank1d.getMessage());
        var channels = assertThrows(IllegalArgumentException.class,
                () -> new BatchNorm2d(3).forward(Tensor.zeros(2, 4, 2, 2)));
        assertTrue(channels.getMessage().contains("expected 3 channels") && channels.getMessage().contains("[2, 4, 2, 2]"),
                channels.getMessage());
        BatchNorm1d bn = new BatchNorm1d(3);
        assertThrows(IllegalArgumentException.class, () -> bn.forward(Tensor.zeros(1, 3)));
        assertEquals(0f, bn.numBatchesTracked().item(), "a failed batch is not counted");
    }
}
