package lab.wolpertinger.knn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link NeighbourSearch#nearestRun}: when it answers, the brute-force k nearest are exactly
 * [lo, lo + k); it declines (-1) only where a distance tie crosses the border, and for d > 1.
 */
class NearestRunTest {

    private static int[] check(ActionSet set, long seed, int perKind) {
        NeighbourSearch search = set.search();
        BruteForceSearch oracle = new BruteForceSearch(set);
        int n = set.size();
        int[] out = new int[n];
        Random rnd = new Random(seed);
        int answered = 0;
        int declined = 0;
        for (double[] q : QuerySamples.forGrid(n, 1, seed, perKind)) {
            for (int k : QuerySamples.kValues(n, rnd)) {
                int lo = search.nearestRun(q[0], k);
                if (lo < 0) {
                    declined++;
                    continue;
                }
                oracle.nearest(q, k, out);
                int[] sorted = Arrays.copyOf(out, k);
                Arrays.sort(sorted);
                for (int i = 0; i < k; i++) {
                    assertEquals(lo + i, sorted[i], set + " q=" + q[0] + " k=" + k);
                }
                answered++;
            }
        }
        return new int[] {answered, declined};
    }

    @Test
    void answersMatchBruteForceOnLines() {
        int answered = 0;
        int declined = 0;
        for (int n : new int[] {1, 2, 3, 10, 101, 1000, 4097}) {
            int[] a = check(new GridActionSet(n, 1, new double[] {-1}, new double[] {1}), n, 12);
            int[] b = check(new DiscreteActionSet(n), n + 1, 12);
            answered += a[0] + b[0];
            declined += a[1] + b[1];
        }
        assertTrue(answered > 4 * declined, "answered " + answered + ", declined " + declined);
    }

    @Test
    void declinesForProductGridsAndChecksArguments() {
        GridActionSet grid = new GridActionSet(100, 2, new double[] {-1, -1}, new double[] {1, 1});
        assertEquals(-1, grid.search().nearestRun(0.1, 5));
        NeighbourSearch line = new DiscreteActionSet(10).search();
        assertThrows(IllegalArgumentException.class, () -> line.nearestRun(0.0, 0));
        assertThrows(IllegalArgumentException.class, () -> line.nearestRun(0.0, 11));
        assertThrows(IllegalArgumentException.class, () -> line.nearestRun(Double.NaN, 1));
    }
}
