package lab.wolpertinger.knn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** KdTreeSearch must equal the brute-force oracle index for index, ties included. */
class KdTreeSearchTest {

    @ParameterizedTest(name = "grid m={0} d={1}")
    @CsvSource({
        "1, 1", "2, 1", "3, 1", "5, 1", "10, 1", "33, 1", "257, 1",
        "1, 2", "2, 2", "3, 2", "5, 2", "10, 2", "33, 2",
        "2, 3", "3, 3", "5, 3", "9, 3",
        "3, 4",
    })
    void equalsBruteForceOnGrids(int m, int d) {
        GridActionSet grid = GridSearchTest.unitGrid(m, d);
        Oracle.assertMatches(grid, new KdTreeSearch(grid), QuerySamples.forGrid(m, d, 17L * m + d, 12), m * d);
    }

    /**
     * Random embeddings with coordinates on a coarse lattice and repeated points, so distances
     * tie often, plus continuous ones.
     */
    @ParameterizedTest(name = "random n={0} d={1} lattice={2}")
    @CsvSource({
        "1, 1, 0", "2, 1, 4", "3, 2, 2", "50, 1, 8", "200, 2, 0", "200, 2, 4", "500, 3, 0", "500, 3, 3",
        "300, 5, 0", "300, 5, 2", "1000, 2, 16",
    })
    void equalsBruteForceOnRandomEmbeddings(int n, int d, int lattice) {
        ArrayActionSet set = randomSet(n, d, lattice, 1000L * n + 10L * d + lattice);
        Oracle.assertMatches(set, set.search(), QuerySamples.forPoints(set, n + d, 15), lattice);
    }

    @Test
    void largeOneDimensionalGridWithLargeK() {
        int n = 200_000;
        GridActionSet grid = GridSearchTest.unitGrid(n, 1);
        KdTreeSearch tree = new KdTreeSearch(grid);
        BruteForceSearch oracle = new BruteForceSearch(grid);
        int k = 20_000;
        int[] expected = new int[k];
        int[] actual = new int[k];
        for (double[] q : List.of(new double[] {0.3}, new double[] {-1.5}, new double[] {new UniformAxis(n).coordinate(7)})) {
            oracle.nearest(q, k, expected);
            tree.nearest(q, k, actual);
            assertArrayEquals(expected, actual);
        }
    }

    @Test
    void nanCoordinatesAreRejectedAtBuild() {
        ArrayActionSet bad = new ArrayActionSet(new double[][] {{0.0}, {Double.NaN}});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new KdTreeSearch(bad));
        assertTrue(e.getMessage().contains("coordinate(1, 0) is NaN"), e.getMessage());
    }

    static ArrayActionSet randomSet(int n, int d, int lattice, long seed) {
        Random rnd = new Random(seed);
        double[][] points = new double[n][d];
        for (int i = 0; i < n; i++) {
            if (i > 0 && rnd.nextInt(10) == 0) {
                points[i] = points[rnd.nextInt(i)].clone(); // an exact duplicate
                continue;
            }
            for (int j = 0; j < d; j++) {
                double x = rnd.nextDouble() * 2.0 - 1.0;
                points[i][j] = lattice > 0 ? Math.round(x * lattice) / (double) lattice : x;
            }
        }
        return new ArrayActionSet(points);
    }
}
