package dev.myelin.fashion.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class RungsTest {
    @Test
    void nineTrialsKeepAThirdAndTrainThreeTimesLonger() {
        assertEquals(List.of(new Rungs(9, 2), new Rungs(3, 5), new Rungs(1, 15)), Rungs.plan(9, 15, 3));
    }

    @Test
    void everyRungTrainsAtLeastOneMoreEpochAndNoneBeyondTheSchedule() {
        assertEquals(List.of(new Rungs(4, 1), new Rungs(2, 2), new Rungs(1, 3)), Rungs.plan(4, 3, 2));
        assertEquals(List.of(new Rungs(27, 1), new Rungs(9, 2)), Rungs.plan(27, 2, 3));
        assertEquals(List.of(new Rungs(10, 1), new Rungs(3, 3), new Rungs(1, 10)), Rungs.plan(10, 10, 3));
    }

    @Test
    void oneTrialTrainsTheWholeSchedule() {
        assertEquals(List.of(new Rungs(1, 5)), Rungs.plan(1, 5, 3));
        assertEquals(List.of(new Rungs(2, 5)), Rungs.plan(2, 5, 3));
    }

    @Test
    void rejectsAnEmptyPlan() {
        assertThrows(IllegalArgumentException.class, () -> Rungs.plan(0, 5, 3));
        assertThrows(IllegalArgumentException.class, () -> Rungs.plan(3, 5, 1));
    }
}
