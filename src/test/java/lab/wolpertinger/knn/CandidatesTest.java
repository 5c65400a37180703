package lab.wolpertinger.knn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The ranking on its own, with p values as far from the exact distances as the error bound E
 * allows: a point's p may put it among the k while its exact distance does not.
 */
class CandidatesTest {

    /** Items at squared distance 0, 1, 1.5 and 2.5 from the query 0 (d = 1). */
    private static final EmbeddedActionSet SET = new EmbeddedActionSet(4, 1,
            new float[] {0f, 1f, (float) Math.sqrt(1.5), (float) Math.sqrt(2.5)});
    private static final double E = 1.5; // |p - D| <= E for every p below

    /** p in a worst order: item 3 (D = 2.5) looks second nearest. */
    private static Candidates worstCase() {
        Candidates c = new Candidates(1, new GemmIndex(SET));
        c.add(0, 0, 0f);
        c.add(0, 3, 1.0f);
        c.add(0, 1, 1.8f);
        c.add(0, 2, 1.9f);
        return c;
    }

    @Test
    void theSetComesFromExactDistancesWithin2EOfTheKth() {
        int[] out = new int[3];
        assertTrue(worstCase().rankSet(0, 3, 2f, false, E, new double[] {0}, out, 0));
        Arrays.sort(out);
        assertArrayEquals(new int[] {0, 1, 2}, out, "item 3 has p below the 3rd but is 4th nearest");
        int[] known = new int[3]; // T given (a group member's, from its ball): 1.8 is the 3rd smallest p
        assertTrue(worstCase().rankSet(0, 3, 1.8f, true, E, new double[] {0}, known, 0));
        Arrays.sort(known);
        assertArrayEquals(new int[] {0, 1, 2}, known);
        int[] ordered = new int[3];
        assertTrue(worstCase().rank(0, 3, 2f, E, new double[] {0}, ordered, 0));
        assertArrayEquals(new int[] {0, 1, 2}, ordered);
    }

    @Test
    void tooFewCandidatesBelowTheThresholdIsNoAnswer() {
        int[] out = new int[3];
        assertFalse(worstCase().rankSet(0, 3, 1.5f, false, E, new double[] {0}, out, 0));
        assertFalse(worstCase().rank(0, 3, 1.5f, E, new double[] {0}, out, 0));
    }
}
