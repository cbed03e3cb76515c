package dev.myelin.fashion.sweep;

import java.util.ArrayList;
import java.util.List;

/**
 * The plan of successive halving (Jamieson and Talwalkar, 2016; the inner loop of Hyperband): every
 * trial trains a few epochs, the best {@code 1/eta} of them go on to train {@code eta} times longer, and
 * so on until the survivors have trained the whole schedule. Most of the budget goes to the
 * settings that look best early, and none is spent finishing the hopeless ones.
 *
 * <p>With {@code n} trials there are {@code s = floor(log_eta n)} halvings. Rung {@code i} (from 0)
 * keeps {@code floor(n / eta^i)} trials (at least one) and trains them to epoch
 * {@code round(E · eta^(i - s))} of an {@code E}-epoch schedule (at least one more than the rung
 * before, at most {@code E}). Trials are continued from their checkpoints, not restarted, and every
 * trial is scheduled for the whole {@code E} epochs from the start, so a promoted trial goes on along the
 * same learning-rate curve.
 *
 * @param trials how many trials the rung trains
 * @param epochs the epoch of the schedule its trials train to
 */
record Rungs(int trials, int epochs) {
    static List<Rungs> plan(int trials, int maxEpochs, int eta) {
        if (trials < 1 || maxEpochs < 1 || eta < 2) {
            throw new IllegalArgumentException("need at least one trial and one epoch and eta >= 2, not "
                    + trials + ", " + maxEpochs + ", " + eta);
        }
        int halvings = 0;
        for (long n = eta; n <= trials; n *= eta) {
            halvings++;
        }
        List<Rungs> rungs = new ArrayList<>();
        int previous = 0;
        for (int i = 0; i <= halvings; i++) {
            int kept = Math.max(1, (int) (trials / Math.pow(eta, i)));
            int epochs = (int) Math.round(maxEpochs * Math.pow(eta, i - halvings));
            epochs = Math.min(maxEpochs, Math.max(previous + 1, epochs));
            if (epochs == previous) { // already at the whole schedule: nothing left to train
                break;
            }
            rungs.add(new Rungs(kept, epochs));
            previous = epochs;
        }
        return rungs;
    }
}
