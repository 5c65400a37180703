package lab.wolpertinger.knn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** GridSearch must equal the brute-force oracle index for index, ties included. */
class GridSearchTest {

    static GridActionSet unitGrid(int m, int d) {
        double[] low = new double[d];
        double[] high = new double[d];
        Arrays.fill(low, -1.0);
        Arrays.fill(high, 1.0);
        GridActionSet grid = new GridActionSet((int) Math.round(Math.pow(m, d)), d, low, high);
        assertTrue(grid.pointsPerAxis() == m, "m=" + m);
        return grid;
    }

    @ParameterizedTest(name = "m={0} d={1}")
    @CsvSource({
        "1, 1", "2, 1", "3, 1", "4, 1", "5, 1", "7, 1", "9, 1", "10, 1", "17, 1", "33, 1", "100, 1", "1001, 1",
        "1, 2", "2, 2", "3, 2", "4, 2", "5, 2", "9, 2", "10, 2", "17, 2", "33, 2",
        "1, 3", "2, 3", "3, 3", "5, 3", "6, 3", "9, 3", "13, 3",
        "3, 4", "5, 4",
    })
    void equalsBruteForce(int m, int d) {
        GridActionSet grid = unitGrid(m, d);
        NeighbourSearch search = grid.search();
        int checks = Oracle.assertMatches(grid, search, QuerySamples.forGrid(m, d, 31L * m + d, 12), m + d);
        assertTrue(checks > 50, "checks=" + checks);
    }

    @Test
    void gridSetsHandOutAFreshGridSearchPerCall() {
        GridActionSet grid = unitGrid(3, 2);
        DiscreteActionSet discrete = new DiscreteActionSet(4);
        // a fresh instance each call, because instances keep per-query scratch (one per thread)
        assertTrue(grid.search() instanceof GridSearch);
        assertTrue(grid.search() != grid.search());
        assertTrue(discrete.search() instanceof GridSearch);
        assertTrue(discrete.search() != discrete.search());
    }

    @Test
    void midpointTieGoesToTheLowerIndex() {
        GridActionSet grid = unitGrid(5, 1); // -1, -0.5, 0, 0.5, 1
        int[] out = new int[5];
        grid.search().nearest(new double[] {0.25}, 5, out);
        assertArrayEquals(new int[] {2, 3, 1, 4, 0}, out);
        grid.search().nearest(new double[] {-0.75}, 5, out);
        assertArrayEquals(new int[] {0, 1, 2, 3, 4}, out);
    }

    @Test
    void centreOfAThreeByThreeGridTiesOnEachShell() {
        GridActionSet grid = unitGrid(3, 2); // index = 3 * t0 + t1
        int[] out = new int[9];
        grid.search().nearest(new double[] {0.0, 0.0}, 9, out);
        // centre, then the 4 edge neighbours by index, then the 4 corners by index
        assertArrayEquals(new int[] {4, 1, 3, 5, 7, 0, 2, 6, 8}, out);
    }

    @Test
    void farQueryTiesEverythingSoLowestIndicesComeFirst() {
        GridActionSet grid = unitGrid(4, 2);
        int[] out = new int[5];
        grid.search().nearest(new double[] {1e200, 0.0}, 5, out);
        // (1e200 - c)^2 overflows to infinity for every action
        assertArrayEquals(new int[] {0, 1, 2, 3, 4}, out);
    }

    @Test
    void largeOneDimensionalGridWithLargeK() {
        int n = 200_000;
        GridActionSet grid = unitGrid(n, 1);
        UniformAxis axis = new UniformAxis(n);
        List<double[]> queries = List.of(
                new double[] {0.123456789},
                new double[] {(axis.coordinate(70_000) + axis.coordinate(70_001)) * 0.5},
                new double[] {axis.coordinate(150_000)},
                new double[] {-0.95},
                new double[] {1.7});
        assertLargeMatches(grid, queries, 20_000);
    }

    @Test
    void largeTwoDimensionalGridWithLargeK() {
        GridActionSet grid = unitGrid(300, 2);
        List<double[]> queries = List.of(
                new double[] {0.1, -0.2}, new double[] {0.0, 0.0}, new double[] {-1.0, 1.0}, new double[] {2.0, 0.3});
        assertLargeMatches(grid, queries, 5_000);
    }

    static void assertLargeMatches(ActionSet set, List<double[]> queries, int k) {
        BruteForceSearch oracle = new BruteForceSearch(set);
        NeighbourSearch grid = set.search();
        int[] expected = new int[k];
        int[] actual = new int[k];
        for (double[] q : queries) {
            oracle.nearest(q, k, expected);
            grid.nearest(q, k, actual);
            assertArrayEquals(expected, actual, () -> "query=" + Arrays.toString(q));
        }
    }
}
