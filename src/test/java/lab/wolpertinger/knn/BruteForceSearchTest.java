package lab.wolpertinger.knn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The oracle itself, checked by hand; and the argument checks every search shares. */
class BruteForceSearchTest {

    private static final ActionSet LINE = new ArrayActionSet(new double[][] {
        {0.5}, {-1.0}, {0.0}, {0.5}, {1.0}, {-0.5},
    });

    @Test
    void ordersByDistanceThenIndex() {
        int[] out = new int[6];
        new BruteForceSearch(LINE).nearest(new double[] {0.25}, 6, out);
        // distances: 1/16, 25/16, 1/16, 1/16, 9/16, 9/16
        assertArrayEquals(new int[] {0, 2, 3, 4, 5, 1}, out);
    }

    @Test
    void keepsOnlyTheKBestAndLeavesTheRestOfOutAlone() {
        int[] out = {-7, -7, -7, -7};
        new BruteForceSearch(LINE).nearest(new double[] {0.9}, 2, out);
        assertArrayEquals(new int[] {4, 0, -7, -7}, out);
    }

    @Test
    void sumsSquaredDistancesOverAxes() {
        ActionSet plane = new ArrayActionSet(new double[][] {{1, 1}, {0, 0}, {-1, 0}, {0, 0.5}});
        int[] out = new int[4];
        new BruteForceSearch(plane).nearest(new double[] {0.2, 0.4}, 4, out);
        // 0.64+0.36=1.0, 0.04+0.16=0.2, 1.44+0.16=1.6, 0.04+0.01=0.05
        assertArrayEquals(new int[] {3, 1, 0, 2}, out);
    }

    @Test
    void infiniteQueryMakesEveryActionTieSoLowestIndicesWin() {
        int[] out = new int[3];
        new BruteForceSearch(LINE).nearest(new double[] {Double.NEGATIVE_INFINITY}, 3, out);
        assertArrayEquals(new int[] {0, 1, 2}, out);
    }

    /** Every implementation rejects bad arguments with the same one-line messages. */
    @Test
    void badArgumentsAreRejectedByEverySearch() {
        GridActionSet grid = new GridActionSet(9, 2, new double[] {-1, -1}, new double[] {1, 1});
        List<Supplier<NeighbourSearch>> searches = List.of(
                () -> new BruteForceSearch(grid), () -> new GridSearch(grid), () -> new KdTreeSearch(grid));
        for (Supplier<NeighbourSearch> make : searches) {
            NeighbourSearch s = make.get();
            double[] q = {0.1, 0.2};
            assertMessage("k must be in [1, N=9], got 0", () -> s.nearest(q, 0, new int[9]));
            assertMessage("k must be in [1, N=9], got 10", () -> s.nearest(q, 10, new int[10]));
            assertMessage("query has length 3, expected d=2", () -> s.nearest(new double[3], 1, new int[1]));
            assertMessage("query has length 1, expected d=2", () -> s.nearest(new double[1], 1, new int[1]));
            assertMessage("out has length 2, needs at least k=3", () -> s.nearest(q, 3, new int[2]));
            assertMessage("query[1] is NaN", () -> s.nearest(new double[] {0, Double.NaN}, 1, new int[1]));
            assertMessage("query must not be null", () -> s.nearest(null, 1, new int[1]));
            assertMessage("out must not be null", () -> s.nearest(q, 1, null));
            // still usable after rejecting
            int[] out = new int[1];
            s.nearest(new double[] {1, 1}, 1, out);
            assertArrayEquals(new int[] {8}, out, s.getClass().getSimpleName());
        }
    }

    private static void assertMessage(String expected, Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(expected), () -> e.getMessage() + " lacks " + expected);
        assertTrue(!e.getMessage().contains("\n"), "one line: " + Arrays.toString(e.getMessage().split("\n")));
    }
}
