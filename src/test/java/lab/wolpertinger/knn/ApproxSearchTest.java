package lab.wolpertinger.knn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** ApproxSearch: k distinct items, nearest first by exact distance, high recall; the factory shares indexes. */
class ApproxSearchTest {

    @Test
    void returnsDistinctItemsInExactOrderWithHighRecall() {
        EmbeddedActionSet set = GemmSearchTest.clustered(3000, 16, 8);
        ApproxSearch approx = new ApproxSearch(set.approxIndex());
        double[][] queries = Recall.sampleQueries(set, 10, 3);
        for (int k : new int[] {1, 10, 300}) {
            int[] out = new int[k];
            for (double[] q : queries) {
                approx.nearest(q, k, out);
                assertEquals(k, Arrays.stream(out).distinct().count());
                for (int i = 1; i < k; i++) {
                    double a = set.gemmIndex().distance(out[i - 1], q);
                    double b = set.gemmIndex().distance(out[i], q);
                    assertTrue(a < b || (a == b && out[i - 1] < out[i]), "order at " + i);
                }
            }
            Recall r = Recall.measure(approx, new BruteForceSearch(set), queries, k);
            assertTrue(r.recall() >= 0.95, r.toString());
        }
        int[] all = new int[3000];
        approx.nearest(queries[0], 3000, all); // k = N: the whole set
        int[] truth = new int[3000];
        new BruteForceSearch(set).nearest(queries[0], 3000, truth);
        assertArrayEquals(truth, all);
    }

    @Test
    void factorySharesIndexesAndRejectsUnknownKinds() {
        EmbeddedActionSet set = GemmSearchTest.clustered(500, 16, 2);
        NeighbourSearch a = Searches.of(set, "exact");
        NeighbourSearch b = Searches.of(set, "exact");
        assertTrue(a instanceof GemmSearch);
        assertSame(((GemmSearch) a).index(), ((GemmSearch) b).index());
        assertSame(((ApproxSearch) Searches.of(set, "approx")).index(), ((ApproxSearch) Searches.of(set, "APPROX")).index());
        EmbeddedActionSet small = GemmSearchTest.clustered(500, 3, 2);
        assertSame(((KdTreeSearch) Searches.of(small, "exact")).tree(), ((KdTreeSearch) small.search()).tree());
        assertThrows(IllegalArgumentException.class, () -> Searches.of(set, "fuzzy"));
        assertThrows(IllegalArgumentException.class, () -> new ApproxSearch(set.approxIndex(), 0));
        GridActionSet grid = GridSearchTest.unitGrid(9, 2);
        assertTrue(Searches.of(grid, "approx") instanceof GridSearch);
    }
}
