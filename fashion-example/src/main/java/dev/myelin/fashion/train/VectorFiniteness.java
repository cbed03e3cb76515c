package dev.myelin.fashion.train;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Finiteness#allFinite} on vectors: {@code x - x} summed lane by lane. Loaded only when the
 * Vector API is on ({@link dev.myelin.Myelin#vectorized()}). The lanes' order of addition does not
 * matter here: every term is 0 or NaN.
 */
final class VectorFiniteness {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;

    private VectorFiniteness() {
    }

    static boolean allFinite(float[] x, int off, int n) {
        FloatVector a = FloatVector.zero(SPECIES);
        FloatVector b = FloatVector.zero(SPECIES);
        int step = SPECIES.length();
        int i = off;
        int end = off + n;
        for (; i + 2 * step <= end; i += 2 * step) {
            FloatVector u = FloatVector.fromArray(SPECIES, x, i);
            FloatVector v = FloatVector.fromArray(SPECIES, x, i + step);
            a = a.add(u.sub(u));
            b = b.add(v.sub(v));
        }
        float sum = a.add(b).reduceLanes(VectorOperators.ADD);
        for (; i < end; i++) {
            sum += x[i] - x[i];
        }
        return sum == 0;
    }
}
