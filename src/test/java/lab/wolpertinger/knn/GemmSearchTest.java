package lab.wolpertinger.knn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import lab.wolpertinger.env.CatalogItems;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** GemmSearch must equal the brute-force oracle index for index, for nearest and nearestBatch. */
class GemmSearchTest {

    @ParameterizedTest(name = "random n={0} d={1} lattice={2}")
    @CsvSource({
        "1, 2, 0", "2, 3, 4", "50, 4, 8", "500, 3, 3", "300, 8, 2", "1000, 16, 0", "1000, 16, 2", "300, 64, 0",
    })
    void equalsBruteForceOnRandomEmbeddings(int n, int d, int lattice) {
        ArrayActionSet set = KdTreeSearchTest.randomSet(n, d, lattice, 1000L * n + 10L * d + lattice);
        Oracle.assertMatches(set, new GemmSearch(set), QuerySamples.forPoints(set, n + d, 10), lattice);
    }

    @ParameterizedTest(name = "grid m={0} d={1}")
    @CsvSource({"3, 2", "9, 3", "5, 4"})
    void equalsBruteForceOnGrids(int m, int d) {
        GridActionSet grid = GridSearchTest.unitGrid(m, d);
        Oracle.assertMatches(grid, new GemmSearch(grid), QuerySamples.forGrid(m, d, 17L * m + d, 6), m * d);
    }

    /** Several blocks (sampled thresholds), clustered float points as in a catalog, duplicates. */
    @ParameterizedTest(name = "clustered n={0} d={1}")
    @CsvSource({"9000, 16", "5000, 6"})
    void equalsBruteForceOnClusteredSetsInBatches(int n, int d) {
        EmbeddedActionSet set = clustered(n, d, 42L + n);
        GemmSearch search = new GemmSearch(set);
        Random rnd = new Random(7);
        int count = 70; // more than one query block
        float[] queries = new float[count * d];
        for (int r = 0; r < count; r++) {
            for (int j = 0; j < d; j++) {
                queries[r * d + j] = r % 5 == 0 ? set.table()[rnd.nextInt(n) * d + j] // on an item
                        : (float) (rnd.nextDouble() * 2 - 1);
            }
        }
        assertBatchMatches(set, search, queries, count, new int[] {1, 7, 1000, n});
    }

    /**
     * Past the sample block the points go through the vector scan (this build's tests have the
     * module): sizes that leave a partial group of 8, 1 to 70 queries (padding to 4 rows),
     * queries on items, between them and far outside, as a saturated actor's are.
     */
    @ParameterizedTest(name = "vector scan n={0} d={1}")
    @CsvSource({"4097, 16", "5003, 5", "8195, 16", "4111, 64"})
    void theVectorScanEqualsBruteForce(int n, int d) {
        assertTrue(GemmIndex.VECTOR_SCAN, "surefire adds --add-modules jdk.incubator.vector");
        EmbeddedActionSet set = clustered(n, d, 99L + n);
        GemmSearch search = new GemmSearch(set);
        GemmSearch blas = new GemmSearch(new GemmIndex(set, false)); // every block through BLAS, as without the module
        Random rnd = new Random(n);
        for (int count : new int[] {1, 3, 70}) {
            float[] queries = new float[count * d];
            for (int r = 0; r < count; r++) {
                for (int j = 0; j < d; j++) {
                    queries[r * d + j] = switch (r % 3) {
                        case 0 -> set.table()[rnd.nextInt(n) * d + j];
                        case 1 -> (float) (rnd.nextDouble() * 2 - 1);
                        default -> (float) (Math.signum(rnd.nextDouble() - 0.5) * (0.95 + 0.05 * rnd.nextDouble()));
                    };
                }
            }
            assertBatchMatches(set, search, queries, count, new int[] {1, 10, 1000, n});
            assertBatchMatches(set, blas, queries, count, new int[] {1, 10, 1000, n});
        }
    }

    /** Many exact duplicates and a lattice: whole blocks tie, the order falls back on the index. */
    @Test
    void tiesAndDuplicatesBreakByIndex() {
        int n = 6000;
        int d = 8;
        float[] table = new float[n * d];
        Random rnd = new Random(3);
        for (int i = 0; i < n; i++) {
            int proto = rnd.nextInt(40);
            for (int j = 0; j < d; j++) {
                table[i * d + j] = ((proto * 31 + j * 7) % 5 - 2) * 0.25f;
            }
        }
        EmbeddedActionSet set = new EmbeddedActionSet(n, d, table);
        Oracle.assertMatches(set, new GemmSearch(set), QuerySamples.forPoints(set, 11, 4), 1);
        float[] queries = Arrays.copyOf(table, 3 * d);
        int k = 500;
        int[] out = new int[3 * k];
        new GemmSearch(set).nearestBatch(queries, 3, k, out);
        int[] expected = new int[k];
        new BruteForceSearch(set).nearest(toDouble(Arrays.copyOfRange(table, d, 2 * d)), k, expected);
        assertArrayEquals(expected, Arrays.copyOfRange(out, k, 2 * k));
    }

    /**
     * Catalog-v0 items with actor-like queries (an item + noise, the signal coordinate pushed
     * toward 1), far queries and an item itself in the same batch, k from 1 to N: the case the
     * critic targets run, with several sampled blocks and later blocks.
     */
    @Test
    void equalsBruteForceOnCatalogItemsInBatches() {
        int n = 12_000;
        int d = 16;
        CatalogItems items = CatalogItems.of(n, d, 5);
        EmbeddedActionSet set = new EmbeddedActionSet(n, d, items.embeddings());
        int count = 20;
        float[] queries = SearchTiming.actorLikeQueries(set, count, new Random(2));
        Arrays.fill(queries, 3 * d, 4 * d, 40f); // far from every item
        Arrays.fill(queries, 4 * d, 5 * d, -1e20f); // beyond the float path: brute force
        System.arraycopy(set.table(), 17 * d, queries, 5 * d, d); // exactly on item 17
        assertBatchMatches(set, new GemmSearch(set), queries, count, new int[] {1, 2, 1000, 4097, n});
    }

    /** Every point the same (one bucket, one run: all ties, index order), and two values only. */
    @Test
    void identicalAndTwoValuedSets() {
        int n = 5000;
        int d = 6;
        float[] same = new float[n * d];
        Arrays.fill(same, 0.25f);
        float[] two = new float[n * d];
        for (int i = 0; i < n; i++) {
            Arrays.fill(two, i * d, (i + 1) * d, (i * 7) % 3 == 0 ? 0.5f : -0.5f);
        }
        float[] queries = {0.25f, 0.25f, 0.25f, 0.25f, 0.25f, 0.25f, 0f, 0f, 0f, 0f, 0f, 0f, 1f, 1f, 1f, 1f, 1f, 1f};
        for (float[] table : new float[][] {same, two}) {
            EmbeddedActionSet set = new EmbeddedActionSet(n, d, table);
            assertBatchMatches(set, new GemmSearch(set), queries, 3, new int[] {1, 999, 1000, n - 1, n});
            Oracle.assertMatches(set, new GemmSearch(set), QuerySamples.forPoints(set, 4, 2), 8);
        }
    }

    /** The bucket selection of a member's threshold gives the quickselect's value, duplicates, one value, signs. */
    @Test
    void rankOfEqualsSelect() {
        Random rnd = new Random(21);
        float[] scratch = new float[3000];
        int[] counts = new int[DistanceOrder.BUCKETS];
        for (int trial = 0; trial < 300; trial++) {
            int len = 1 + rnd.nextInt(2500);
            float[] a = new float[len + 7];
            int kind = trial % 3;
            for (int i = 0; i < a.length; i++) {
                a[i] = kind == 0 ? (float) rnd.nextGaussian() * 10 // spread
                        : kind == 1 ? rnd.nextInt(5) - 2f // few values, many duplicates
                        : (rnd.nextInt(50) == 0 ? 1e30f : -3f + 1e-6f * rnd.nextInt(4)); // one far value, a tight cluster
            }
            int rank = rnd.nextInt(len);
            float expected = DistanceOrder.select(Arrays.copyOfRange(a, 7, 7 + len), len, rank);
            assertEquals(expected, DistanceOrder.rankOf(a, 7, len, rank, scratch, counts), "len=" + len + " rank=" + rank);
        }
        float[] same = {4f, 4f, 4f};
        assertEquals(4f, DistanceOrder.rankOf(same, 0, 3, 2, scratch, counts));
        float[] withNaN = {3f, Float.NaN, -1f, 2f, 0f, -0f};
        for (int rank = 0; rank < withNaN.length; rank++) { // a NaN goes to the plain select
            assertEquals(DistanceOrder.select(withNaN.clone(), withNaN.length, rank),
                    DistanceOrder.rankOf(withNaN, 0, withNaN.length, rank, scratch, counts), "rank " + rank);
        }
    }

    /** The heap selection of the sample threshold gives the same value as the quickselect. */
    @Test
    void smallestEqualsSelect() {
        Random rnd = new Random(4);
        float[] heap = new float[600];
        for (int t = 0; t < 200; t++) {
            int len = 1 + rnd.nextInt(600);
            float[] a = new float[len + 5];
            for (int i = 0; i < a.length; i++) {
                a[i] = t % 3 == 0 ? rnd.nextInt(4) - 1.5f : (float) rnd.nextGaussian();
            }
            int m = 1 + rnd.nextInt(len);
            float expected = DistanceOrder.select(Arrays.copyOfRange(a, 5, 5 + len), len, m - 1);
            assertEquals(expected, DistanceOrder.smallest(a, 5, len, m, heap), "len=" + len + " m=" + m);
        }
    }

    /**
     * The critic target's case: 64 queries within delta of one point (a trained target actor's
     * proto-actions nearly coincide). The members rank only the leader ball's shell and take its
     * core as it is ({@code split}); their sets equal brute force's for every delta, with ties and
     * duplicates, and the split ran for the close batches.
     */
    @ParameterizedTest(name = "close batch n={0} d={1}")
    @CsvSource({"9000, 16", "12000, 16", "6000, 5"})
    void closeBatchMembersTakeTheCoreAndRankTheShell(int n, int d) {
        EmbeddedActionSet set = n == 12000
                ? new EmbeddedActionSet(n, d, lab.wolpertinger.env.CatalogItems.of(n, d, 3).embeddings())
                : clustered(n, d, 17L + n);
        GemmSearch search = new GemmSearch(set);
        Random rnd = new Random(n + d);
        int count = 64;
        for (double delta : new double[] {0, 1e-6, 1e-3, 0.02, 0.2}) {
            float[] queries = new float[count * d];
            int item = rnd.nextInt(n);
            for (int r = 0; r < count; r++) {
                for (int j = 0; j < d; j++) {
                    double centre = set.table()[item * d + j] + 0.05;
                    queries[r * d + j] = (float) (centre + delta * rnd.nextGaussian() / Math.sqrt(d));
                }
            }
            assertBatchMatches(set, search, queries, count, new int[] {1, 10, 1000, 2000});
            if (delta <= 1e-3) {
                search.nearestSets(queries, count, 1000, new int[count * 1000]);
                int cored = 0;
                for (int r = 0; r < count; r++) {
                    cored += search.lastCore(r) > 0 ? 1 : 0;
                }
                assertTrue(cored >= count / 2, "members took a core: " + cored + " of " + count + ", delta " + delta);
            }
        }
    }

    static void assertBatchMatches(EmbeddedActionSet set, NeighbourSearch search, float[] queries, int count, int[] ks) {
        BruteForceSearch oracle = new BruteForceSearch(set);
        int d = set.dim();
        double[] q = new double[d];
        for (int k : ks) {
            int[] out = new int[count * k];
            search.nearestBatch(queries, count, k, out);
            int[] sets = new int[count * k];
            search.nearestSets(queries, count, k, sets);
            int[] expected = new int[k];
            int[] single = new int[k];
            for (int r = 0; r < count; r++) {
                for (int j = 0; j < d; j++) {
                    q[j] = queries[r * d + j];
                }
                oracle.nearest(q, k, expected);
                int row = r;
                assertArrayEquals(expected, Arrays.copyOfRange(out, r * k, (r + 1) * k), () -> "batch k=" + k + " row " + row);
                int[] rowSet = Arrays.copyOfRange(sets, r * k, (r + 1) * k);
                int[] sortedExpected = expected.clone();
                Arrays.sort(rowSet);
                Arrays.sort(sortedExpected);
                assertArrayEquals(sortedExpected, rowSet, () -> "sets k=" + k + " row " + row);
                search.nearest(q, k, single);
                assertArrayEquals(expected, single, () -> "nearest k=" + k + " row " + row);
            }
        }
    }

    @Test
    void defaultBatchUsesTheSearchDimension() {
        EmbeddedActionSet set = clustered(500, 4, 9);
        KdTreeSearch tree = new KdTreeSearch(set);
        GemmSearch gemm = new GemmSearch(set);
        float[] queries = new float[3 * 4 + 2]; // longer than count * d: the default must not infer d
        for (int i = 0; i < queries.length; i++) {
            queries[i] = (float) Math.sin(i);
        }
        int[] a = new int[3 * 20];
        int[] b = new int[3 * 20];
        tree.nearestBatch(queries, 3, 20, a);
        gemm.nearestBatch(queries, 3, 20, b);
        assertArrayEquals(a, b);
        assertThrows(IllegalArgumentException.class, () -> gemm.nearestBatch(queries, 4, 20, new int[80]));
        assertThrows(IllegalArgumentException.class, () -> gemm.nearestBatch(queries, 3, 501, new int[3 * 501]));
    }

    @Test
    void sharesOneIndex() {
        EmbeddedActionSet set = clustered(300, 16, 5);
        GemmIndex index = new GemmIndex(set);
        assertEquals(index, new GemmSearch(index).index());
        List<double[]> queries = QuerySamples.forPoints(set, 3, 3);
        Oracle.assertMatches(set, new GemmSearch(index), queries, 1);
        Oracle.assertMatches(set, new GemmSearch(index), queries, 2);
    }

    /** Gaussian clusters in [-1, 1]^d with float coordinates, about 5 % exact duplicates. */
    static EmbeddedActionSet clustered(int n, int d, long seed) {
        Random rnd = new Random(seed);
        int clusters = Math.max(1, n / 500);
        float[][] centres = new float[clusters][d];
        for (float[] c : centres) {
            for (int j = 0; j < d; j++) {
                c[j] = (float) (0.6 * (2 * rnd.nextDouble() - 1));
            }
        }
        float[] table = new float[n * d];
        for (int i = 0; i < n; i++) {
            if (i > 0 && rnd.nextInt(20) == 0) {
                System.arraycopy(table, rnd.nextInt(i) * d, table, i * d, d);
                continue;
            }
            float[] c = centres[rnd.nextInt(clusters)];
            for (int j = 0; j < d; j++) {
                table[i * d + j] = (float) Math.max(-1, Math.min(1, c[j] + 0.1 * rnd.nextGaussian()));
            }
        }
        return new EmbeddedActionSet(n, d, table);
    }

    private static double[] toDouble(float[] f) {
        double[] q = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            q[i] = f[i];
        }
        return q;
    }
}
