package dev.myelin.optim;

import static dev.myelin.optim.OptimizerTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.myelin.nn.Parameter;
import dev.myelin.tensor.Tensor;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Scheduler behaviour beyond PyTorch's values: groups, limits, validation and state. */
class SchedulerTest {
    private static SGD twoGroups() {
        return new SGD(List.of(new ParamGroup(List.of(new Parameter(Tensor.zeros(1)))),
                new ParamGroup(List.of(new Parameter(Tensor.zeros(1)))).setLr(0.01)), 0.1, 0.9);
    }

    @Test
    void eachGroupFollowsTheScheduleFromItsOwnBaseRate() {
        SGD sgd = twoGroups();
        StepLR scheduler = new StepLR(sgd, 2, 0.5);
        for (int i = 0; i < 4; i++) {
            scheduler.step();
        }
        assertEquals(0.1 * 0.25, sgd.paramGroups().get(0).lr());
        assertEquals(0.01 * 0.25, sgd.paramGroups().get(1).lr());
        assertEquals(0.01 * 0.25, scheduler.lastLr(1));
        assertEquals(0.01, scheduler.baseLr(1));
    }

    @Test
    void warmupClimbsLinearlyThenTheCosineEndsAtEtaMin() {
        SGD sgd = twoGroups();
        CosineAnnealingLR scheduler = new CosineAnnealingLR(sgd, 20, 1e-4, 4, 0.25);
        assertEquals(0.025, scheduler.lastLr(), 1e-15);
        scheduler.step();
        assertEquals(0.1 * (0.25 + 0.75 / 4), scheduler.lastLr(), 1e-15);
        for (int i = 1; i < 4; i++) {
            scheduler.step();
        }
        assertEquals(0.1, scheduler.lastLr(), "the cosine starts at the base rate");
        for (int i = 4; i < 20; i++) {
            scheduler.step();
        }
        assertEquals(1e-4, scheduler.lastLr(), 1e-15);
    }

    @Test
    void oneCycleStopsAfterTotalSteps() {
        SGD sgd = twoGroups();
        OneCycleLR scheduler = new OneCycleLR(sgd, 0.1, 10);
        for (int i = 0; i < 10; i++) {
            scheduler.step();
        }
        var e = assertThrows(IllegalStateException.class, scheduler::step);
        assertEquals("tried to step 11 times; the schedule has 10 steps", e.getMessage());
        assertEquals(10, scheduler.lastEpoch());
    }

    @Test
    void oneCycleWithoutMomentumCyclingLeavesMomentumAlone() {
        SGD sgd = twoGroups();
        OneCycleLR scheduler = new OneCycleLR(sgd, 0.1, 10, 0.3, OneCycleLR.AnnealStrategy.LINEAR, false, 0.85, 0.95, 25, 1e4);
        scheduler.step();
        assertEquals(0.9, sgd.momentum());
        // linear from 0.004 to 0.1 over pctStart·10 - 1 = 2 steps
        assertEquals(0.004 + (0.1 - 0.004) / 2, sgd.lr(), 1e-15);
    }

    /** PyTorch's LINEAR schedule ends on a negative rate (its last step extrapolates past minLr); Myelin's stops at minLr. */
    @Test
    void aLinearOneCycleCanTakeEveryStepAndEndsAtItsLowestRate() {
        SGD sgd = twoGroups();
        OneCycleLR scheduler = new OneCycleLR(sgd, 0.1, 20, OneCycleLR.options().annealStrategy(OneCycleLR.AnnealStrategy.LINEAR));
        for (int i = 0; i < 20; i++) {
            scheduler.step();
            assertTrue(sgd.lr() > 0, "step " + (i + 1) + " set " + sgd.lr());
        }
        assertEquals(0.1 / 25 / 1e4, sgd.lr(), 1e-15);
    }

    @Test
    void invalidSettingsAreRejected() {
        SGD sgd = twoGroups();
        assertMessage("stepSize must be at least 1, got 0", () -> new StepLR(sgd, 0, 0.1));
        assertMessage("gamma must be a finite number >= 0, got -0.1", () -> new StepLR(sgd, 3, -0.1));
        assertMessage("warmupSteps must be in [0, tMax) = [0, 10), got 10", () -> new CosineAnnealingLR(sgd, 10, 0, 10, 0.1));
        assertMessage("warmupStartFactor must be in (0, 1], got 0.0", () -> new CosineAnnealingLR(sgd, 10, 0, 2, 0));
        assertMessage("pctStart must be in [0, 1) with pctStart * totalSteps != 1, got 0.1 for 10 steps",
                () -> new OneCycleLR(sgd, 0.1, 10, 0.1, OneCycleLR.AnnealStrategy.COS, true, 0.85, 0.95, 25, 1e4));
        assertMessage("totalSteps must be at least 1, got 0", () -> new OneCycleLR(sgd, 0.1, 0));
    }

    @Test
    void restoredSchedulerContinuesWithTheSameRates() {
        SGD a = twoGroups();
        CosineAnnealingLR first = new CosineAnnealingLR(a, 30, 1e-4, 5, 0.1);
        for (int i = 0; i < 12; i++) {
            first.step();
        }
        SGD b = twoGroups();
        CosineAnnealingLR second = new CosineAnnealingLR(b, 30, 1e-4, 5, 0.1);
        second.loadState(first.stateScalars());
        assertEquals(Map.of("last_epoch", 12.0, "group0.base_lr", 0.1, "group1.base_lr", 0.01), second.stateScalars());
        assertEquals(a.lr(), b.lr(), "the restored epoch's rate is applied");
        for (int i = 0; i < 5; i++) {
            first.step();
            second.step();
            assertEquals(first.lastLr(1), second.lastLr(1));
        }
    }

    @Test
    void badSchedulerStateIsRejected() {
        SGD sgd = twoGroups();
        OneCycleLR scheduler = new OneCycleLR(sgd, 0.1, 10);
        Map<String, Double> good = scheduler.stateScalars();

        Map<String, Double> tooFar = new HashMap<>(good);
        tooFar.put("last_epoch", 11.0);
        assertMessage("last_epoch must be a whole number in [0, 10], got 11.0", () -> scheduler.loadState(tooFar));

        Map<String, Double> missing = new HashMap<>(good);
        missing.remove("group1.base_lr");
        assertMessage("missing scheduler state group1.base_lr (the optimizer has 2 group(s))", () -> scheduler.loadState(missing));

        Map<String, Double> unknown = new HashMap<>(good);
        unknown.put("group2.base_lr", 0.1);
        assertMessage("unknown scheduler state group2.base_lr (the optimizer has 2 group(s))", () -> scheduler.loadState(unknown));
        assertEquals(0, scheduler.lastEpoch());
    }
}
