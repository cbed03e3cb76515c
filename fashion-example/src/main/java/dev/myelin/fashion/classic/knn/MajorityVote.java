package dev.myelin.fashion.classic.knn;

import dev.myelin.fashion.data.FashionMnist;

/**
 * The k-NN vote over the labels of one query's neighbours, given nearest first. The class with the
 * most votes wins; on a tie, the tied class whose nearest member is closest, that is the first tied
 * class in the neighbour order (which already breaks equal distances by the smaller reference index).
 */
final class MajorityVote {
    /** A class without votes is scored as if it had this fraction of a vote, so its logit is finite. */
    static final double ZERO_VOTES = 1e-3;
    /**
     * How far the winner's logit is raised above a class tied with it: enough that the winner stays
     * strictly ahead after a float softmax, small enough (0.1% in probability) not to matter otherwise.
     */
    static final float TIE_MARGIN = 1e-3f;

    private MajorityVote() {}

    /** The winning class among the first {@code k} of {@code rankedLabels}. */
    static int winner(int[] rankedLabels, int k) {
        int[] votes = votes(rankedLabels, k);
        int most = 0;
        for (int v : votes) {
            most = Math.max(most, v);
        }
        for (int rank = 0; ; rank++) {
            if (votes[rankedLabels[rank]] == most) {
                return rankedLabels[rank];
            }
        }
    }

    /**
     * Scores for the vote among the first {@code k} of {@code rankedLabels}: the logarithm of each
     * class's share of the votes, so that softmax gives back the shares (up to the small floor for
     * classes without votes), with the {@linkplain #winner winner} raised just above any class tied
     * with it, so that the largest score is always the winner.
     */
    static float[] logits(int[] rankedLabels, int k) {
        int[] votes = votes(rankedLabels, k);
        float[] logits = new float[FashionMnist.CLASSES];
        for (int c = 0; c < logits.length; c++) {
            logits[c] = (float) Math.log(Math.max(votes[c], ZERO_VOTES) / k);
        }
        int winner = winner(rankedLabels, k);
        float bestOther = Float.NEGATIVE_INFINITY;
        for (int c = 0; c < logits.length; c++) {
            if (c != winner) {
                bestOther = Math.max(bestOther, logits[c]);
            }
        }
        logits[winner] = Math.max(logits[winner], bestOther + TIE_MARGIN);
        return logits;
    }

    private static int[] votes(int[] rankedLabels, int k) {
        if (k < 1 || k > rankedLabels.length) {
            throw new IllegalArgumentException("a vote of " + k + " among " + rankedLabels.length + " neighbours");
        }
        int[] votes = new int[FashionMnist.CLASSES];
        for (int rank = 0; rank < k; rank++) {
            votes[rankedLabels[rank]]++;
        }
        return votes;
    }
}
