package dev.myelin.fashion.classic.knn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.myelin.fashion.eval.Inference;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The vote on hand-made neighbour lists, labels given nearest first. */
class MajorityVoteTest {
    @Test
    void theClassWithTheMostVotesWins() {
        assertEquals(5, MajorityVote.winner(new int[] {3, 5, 5, 1, 5}, 5));
    }

    @Test
    void onlyTheFirstKNeighboursVote() {
        int[] ranked = {1, 2, 2, 2};
        assertEquals(1, MajorityVote.winner(ranked, 1));
        assertEquals(2, MajorityVote.winner(ranked, 3));
    }

    @Test
    void aTieGoesToTheTiedClassWhoseNearestMemberIsClosest() {
        assertEquals(2, MajorityVote.winner(new int[] {2, 7, 7, 2}, 4));
        assertEquals(7, MajorityVote.winner(new int[] {7, 2, 2, 7, 1}, 4));
        assertEquals(4, MajorityVote.winner(new int[] {4, 1, 9}, 3));
    }

    @Test
    void aCloserClassOutsideTheTieDoesNotWin() {
        // 1 is nearest but has one vote; 2 and 3 tie with two, and 2's nearest member comes first.
        assertEquals(2, MajorityVote.winner(new int[] {1, 2, 3, 3, 2}, 5));
    }

    @Test
    void softmaxOfTheLogitsGivesTheVoteShares() {
        float[] p = Inference.softmax(MajorityVote.logits(new int[] {6, 6, 0, 6, 9}, 5));
        assertEquals(0.6, p[6], 2e-3);
        assertEquals(0.2, p[0], 2e-3);
        assertEquals(0.2, p[9], 2e-3);
        assertTrue(p[1] > 0 && p[1] < 1e-3, "a class without votes keeps a small probability: " + p[1]);
        float sum = 0;
        for (float v : p) {
            sum += v;
        }
        assertEquals(1, sum, 1e-6);
    }

    @Test
    void aClassWithoutVotesHasAFiniteLogitBelowEveryVotedClass() {
        float[] logits = MajorityVote.logits(new int[] {8, 8, 8}, 3);
        assertEquals((float) Math.log(MajorityVote.ZERO_VOTES / 3), logits[0]);
        assertTrue(Float.isFinite(logits[0]));
        assertEquals(0f, logits[8]);
    }

    @Test
    void theLargestLogitAndProbabilityAreTheWinnerEvenOnATie() {
        int[] ranked = {7, 2, 2, 7};
        float[] logits = MajorityVote.logits(ranked, 4);
        assertEquals(7, Inference.argmax(logits));
        assertTrue(logits[7] > logits[2]);
        assertEquals(7, Inference.argmax(Inference.softmax(logits)));
        assertEquals(logits[2] + MajorityVote.TIE_MARGIN, logits[7], 1e-6f);
    }

    @Test
    void onRandomVotesTheArgmaxAlwaysAgreesWithTheWinner() {
        Random random = new Random(8);
        for (int trial = 0; trial < 10_000; trial++) {
            int k = 1 + random.nextInt(12);
            int[] ranked = new int[k];
            for (int i = 0; i < k; i++) {
                ranked[i] = random.nextInt(3 + random.nextInt(8));
            }
            int winner = MajorityVote.winner(ranked, k);
            float[] logits = MajorityVote.logits(ranked, k);
            assertEquals(winner, Inference.argmax(logits), () -> java.util.Arrays.toString(ranked));
            assertEquals(winner, Inference.argmax(Inference.softmax(logits)), () -> java.util.Arrays.toString(ranked));
        }
    }

    @Test
    void aVoteNeedsBetweenOneAndAllTheNeighbours() {
        assertThrows(IllegalArgumentException.class, () -> MajorityVote.winner(new int[] {1, 2}, 3));
        assertThrows(IllegalArgumentException.class, () -> MajorityVote.winner(new int[] {1, 2}, 0));
    }
}
