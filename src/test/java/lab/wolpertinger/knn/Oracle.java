package lab.wolpertinger.knn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

/** Compares a search with {@link BruteForceSearch} on whole ordered index arrays. */
final class Oracle {

    private Oracle() {
    }

    /** Asserts {@code search} equals brute force for every query and the usual k values. */
    static int assertMatches(ActionSet set, NeighbourSearch search, List<double[]> queries, long seed) {
        BruteForceSearch oracle = new BruteForceSearch(set);
        Random rnd = new Random(seed);
        int n = set.size();
        int[] expected = new int[n];
        int[] actual = new int[n];
        int checks = 0;
        for (double[] q : queries) {
            for (int k : QuerySamples.kValues(n, rnd)) {
                oracle.nearest(q, k, expected);
                Arrays.fill(actual, -1);
                search.nearest(q, k, actual);
                assertArrayEquals(Arrays.copyOf(expected, k), Arrays.copyOf(actual, k),
                        () -> set + " query=" + Arrays.toString(q) + " k=" + k);
                checks++;
            }
        }
        return checks;
    }
}
