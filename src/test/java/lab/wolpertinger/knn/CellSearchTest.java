package lab.wolpertinger.knn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import lab.wolpertinger.env.CatalogItems;
import org.junit.jupiter.api.Test;

/**
 * CellSearch: k distinct items nearest first by exact distance, brute force's answer whenever
 * every cell is scanned, high recall with the default probe; the cells partition the set and
 * are the same on every build; the factory shares indexes.
 */
class CellSearchTest {

    /** The contract's order: nearest first, ties by the lower index. */
    private static void assertExactOrder(GemmIndex exact, double[] q, int[] out, int k) {
        assertEquals(k, Arrays.stream(out, 0, k).distinct().count(), "k distinct items");
        for (int i = 1; i < k; i++) {
            double a = exact.distance(out[i - 1], q);
            double b = exact.distance(out[i], q);
            assertTrue(a < b || (a == b && out[i - 1] < out[i]), "order at " + i);
        }
    }

    @Test
    void distinctItemsInExactOrderWithHighRecall() {
        CatalogItems items = CatalogItems.of(60_000, 16, 3);
        EmbeddedActionSet set = new EmbeddedActionSet(60_000, 16, items.embeddings());
        CellSearch cells = new CellSearch(set.cellIndex());
        BruteForceSearch truth = new BruteForceSearch(set);
        double[][] queries = Recall.sampleQueries(set, 12, 5);
        for (int k : new int[] {1, 10, 100, 600}) {
            int[] out = new int[k];
            for (double[] q : queries) {
                cells.nearest(q, k, out);
                assertExactOrder(set.gemmIndex(), q, out, k);
            }
            Recall r = Recall.measure(cells, truth, queries, k);
            assertTrue(r.recall() >= 0.95, "k = " + k + ": " + r);
        }
    }

    @Test
    void bruteForceWhenEveryCellIsScanned() {
        EmbeddedActionSet set = GemmSearchTest.clustered(5000, 16, 8); // 5 % duplicates: ties by index
        CellIndex index = set.cellIndex();
        assertTrue(index.cells() > 100, "many cells: " + index.cells());
        BruteForceSearch truth = new BruteForceSearch(set);
        for (boolean vector : new boolean[] {true, false}) {
            if (vector && !GemmIndex.VECTOR_SCAN) {
                continue;
            }
            CellSearch all = new CellSearch(index, 5000, vector); // probe k >= N: every point
            for (double[] q : Recall.sampleQueries(set, 6, 2)) {
                for (int k : new int[] {1, 37, 5000}) {
                    int[] got = new int[k];
                    int[] want = new int[k];
                    all.nearest(q, k, got);
                    truth.nearest(q, k, want);
                    assertArrayEquals(want, got, "k = " + k + (vector ? ", vector" : ", scalar"));
                }
            }
        }
    }

    /** {@code count} queries within about 1e-4 of one sample query (a saturated target actor's batch), row-major. */
    private static float[] closeQueries(EmbeddedActionSet set, int count, long seed) {
        double[] q0 = Recall.sampleQueries(set, 1, seed)[0];
        java.util.SplittableRandom rng = new java.util.SplittableRandom(seed);
        int d = set.dim();
        float[] batch = new float[count * d];
        for (int r = 0; r < count; r++) {
            for (int j = 0; j < d; j++) {
                batch[r * d + j] = (float) (q0[j] + (r == 0 ? 0 : 1e-4 * (2 * rng.nextDouble() - 1)));
            }
        }
        return batch;
    }

    private static double[] row(float[] batch, int r, int d) {
        double[] q = new double[d];
        for (int j = 0; j < d; j++) {
            q[j] = batch[r * d + j];
        }
        return q;
    }

    @Test
    void aBatchOfCloseQueriesIsAnsweredFromTheLeadersBall() {
        EmbeddedActionSet set = GemmSearchTest.clustered(5000, 16, 8); // 5 % duplicates: ties by index
        BruteForceSearch truth = new BruteForceSearch(set);
        int count = 24;
        float[] batch = closeQueries(set, count, 3);
        for (boolean vector : new boolean[] {true, false}) {
            if (vector && !GemmIndex.VECTOR_SCAN) {
                continue;
            }
            CellSearch all = new CellSearch(set.cellIndex(), 5000, vector); // every cell: brute force's answers
            for (int k : new int[] {1, 37, 600}) {
                int[] got = new int[count * k];
                all.nearestBatch(batch, count, k, got);
                assertEquals(1, all.lastLeaders(), "one scan for the batch, k = " + k);
                int[] want = new int[k];
                for (int r = 0; r < count; r++) {
                    truth.nearest(row(batch, r, 16), k, want);
                    assertArrayEquals(want, Arrays.copyOfRange(got, r * k, (r + 1) * k),
                            "row " + r + ", k = " + k + (vector ? ", vector" : ", scalar"));
                }
                int[] sets = new int[count * k];
                all.nearestSets(batch, count, k, sets);
                for (int r = 0; r < count; r++) { // the same k, in any order
                    int[] a = Arrays.copyOfRange(got, r * k, (r + 1) * k);
                    int[] b = Arrays.copyOfRange(sets, r * k, (r + 1) * k);
                    Arrays.sort(a);
                    Arrays.sort(b);
                    assertArrayEquals(a, b, "nearestSets row " + r + ", k = " + k);
                }
            }
        }
    }

    @Test
    void membersKeepTheRecallOfTheLeadersCellsAndFarQueriesLeadTheirOwn() {
        CatalogItems items = CatalogItems.of(60_000, 16, 3);
        EmbeddedActionSet set = new EmbeddedActionSet(60_000, 16, items.embeddings());
        CellSearch cells = new CellSearch(set.cellIndex());
        CellSearch single = new CellSearch(set.cellIndex());
        BruteForceSearch truth = new BruteForceSearch(set);
        int count = 64;
        int k = 600;
        float[] batch = closeQueries(set, count, 7);
        int[] got = new int[count * k];
        cells.nearestBatch(batch, count, k, got);
        assertEquals(1, cells.lastLeaders());
        int[] want = new int[k];
        int found = 0;
        for (int r = 0; r < count; r++) {
            double[] q = row(batch, r, 16);
            int[] answer = Arrays.copyOfRange(got, r * k, (r + 1) * k);
            assertExactOrder(set.gemmIndex(), q, answer, k);
            truth.nearest(q, k, want);
            java.util.Set<Integer> truthSet = new java.util.HashSet<>();
            for (int i : want) {
                truthSet.add(i);
            }
            for (int i : answer) {
                found += truthSet.contains(i) ? 1 : 0;
            }
        }
        double recall = (double) found / (count * k);
        assertTrue(recall >= 0.95, "members' recall " + recall);
        single.nearest(row(batch, 0, 16), k, want);
        assertArrayEquals(want, Arrays.copyOf(got, k), "the leader is answered as a single query");

        // queries far apart: each leads, and each answer is the single search's
        double[][] far = Recall.sampleQueries(set, 6, 11);
        float[] spread = new float[far.length * 16];
        for (int r = 0; r < far.length; r++) {
            for (int j = 0; j < 16; j++) {
                spread[r * 16 + j] = (float) far[r][j];
            }
        }
        int[] each = new int[far.length * k];
        cells.nearestBatch(spread, far.length, k, each);
        assertEquals(far.length, cells.lastLeaders());
        for (int r = 0; r < far.length; r++) {
            single.nearest(row(spread, r, 16), k, want);
            assertArrayEquals(want, Arrays.copyOfRange(each, r * k, (r + 1) * k), "row " + r);
        }
    }

    @Test
    void aThresholdTooLowIsRetriedUntilTheAnswerIsComplete() {
        EmbeddedActionSet set = GemmSearchTest.clustered(20_000, 16, 5);
        CellSearch normal = new CellSearch(set.cellIndex());
        CellSearch low = new CellSearch(set.cellIndex());
        low.margins = new int[] {-40, -20}; // both tries let fewer than k through: the last keeps everything
        CellSearch once = new CellSearch(set.cellIndex());
        once.margins = new int[] {-40, 8}; // the retry suffices
        for (double[] q : Recall.sampleQueries(set, 5, 4)) {
            int k = 900;
            int[] want = new int[k];
            int[] a = new int[k];
            int[] b = new int[k];
            normal.nearest(q, k, want);
            low.nearest(q, k, a);
            once.nearest(q, k, b);
            assertArrayEquals(want, a, "the same k nearest among the same scanned cells");
            assertArrayEquals(want, b);
        }
    }

    @Test
    void vectorAndScalarLoopsGiveTheSameAnswer() {
        if (!GemmIndex.VECTOR_SCAN) {
            return; // this JVM has only the plain loops, which the other tests check
        }
        EmbeddedActionSet set = GemmSearchTest.clustered(20_000, 16, 4);
        CellSearch vector = new CellSearch(set.cellIndex(), CellSearch.DEFAULT_PROBE, true);
        CellSearch scalar = new CellSearch(set.cellIndex(), CellSearch.DEFAULT_PROBE, false);
        // the same cells are scanned and both rank the exact k nearest among them
        for (double[] q : Recall.sampleQueries(set, 8, 9)) {
            for (int k : new int[] {5, 250, 1500}) {
                int[] a = new int[k];
                int[] b = new int[k];
                vector.nearest(q, k, a);
                scalar.nearest(q, k, b);
                assertArrayEquals(b, a, "k = " + k);
            }
        }
    }

    @Test
    void cellsPartitionTheSetAndAreTheSameOnEveryBuild() {
        EmbeddedActionSet set = GemmSearchTest.clustered(12_000, 8, 6);
        CellIndex a = new CellIndex(set);
        CellIndex b = new CellIndex(set);
        assertEquals(12_000 / CellIndex.MIN_CELL_SIZE, a.cells(), "4 sqrt(N) = 438 cells, capped at N / 32");
        assertArrayEquals(a.rows.ids, b.rows.ids, "same order");
        assertArrayEquals(a.centroids, b.centroids, "same centroids");
        int[] seen = new int[12_000];
        int total = 0;
        for (int c = 0; c < a.cells(); c++) {
            total += a.cellSize(c);
            for (int p = a.cellStart[c]; p < a.cellStart[c + 1]; p++) {
                seen[a.rows.ids[p]]++;
                if (p > a.cellStart[c]) {
                    assertTrue(a.rows.ids[p - 1] < a.rows.ids[p], "index order within a cell");
                }
            }
        }
        assertEquals(12_000, total);
        assertTrue(Arrays.stream(seen).allMatch(v -> v == 1), "every point in exactly one cell");
        // each point sits in the cell of its nearest centroid
        for (int p = 0; p < 12_000; p += 97) {
            int id = a.rows.ids[p];
            int cell = 0;
            while (a.cellStart[cell + 1] <= p) {
                cell++;
            }
            double own = centroidDistance(a, set, id, cell);
            for (int c = 0; c < a.cells(); c++) {
                assertTrue(own <= centroidDistance(a, set, id, c) + 1e-5, "point " + id + " nearer cell " + c);
            }
        }
    }

    private static double centroidDistance(CellIndex index, EmbeddedActionSet set, int id, int c) {
        double sum = 0;
        for (int j = 0; j < index.d; j++) {
            double diff = set.coordinate(id, j) - index.centroids[c * index.d + j];
            sum += diff * diff;
        }
        return sum;
    }

    @Test
    void farOutQueriesAndTinySetsAreStillAnswered() {
        EmbeddedActionSet set = GemmSearchTest.clustered(3000, 16, 1);
        CellSearch cells = new CellSearch(set.cellIndex());
        BruteForceSearch truth = new BruteForceSearch(set);
        double[] far = new double[16];
        Arrays.fill(far, 1e20);
        int[] got = new int[20];
        int[] want = new int[20];
        cells.nearest(far, 20, got);
        truth.nearest(far, 20, want);
        assertArrayEquals(want, got, "a query past the float range: brute force");
        EmbeddedActionSet tiny = new EmbeddedActionSet(3, 2, new float[] {0, 0, 1, 1, 0, 0});
        int[] two = new int[2];
        new CellSearch(tiny.cellIndex()).nearest(new double[] {0.1, 0.1}, 2, two);
        assertArrayEquals(new int[] {0, 2}, two, "one cell; the tie by index");
    }

    @Test
    void factorySharesIndexesAndRejectsBadArguments() {
        EmbeddedActionSet set = GemmSearchTest.clustered(500, 16, 2);
        NeighbourSearch a = Searches.of(set, "exact");
        NeighbourSearch b = Searches.of(set, "exact");
        assertTrue(a instanceof GemmSearch);
        assertSame(((GemmSearch) a).index(), ((GemmSearch) b).index());
        assertSame(((CellSearch) Searches.of(set, "approx")).index(), ((CellSearch) Searches.of(set, "APPROX")).index());
        EmbeddedActionSet small = GemmSearchTest.clustered(500, 3, 2);
        assertSame(((KdTreeSearch) Searches.of(small, "exact")).tree(), ((KdTreeSearch) small.search()).tree());
        assertThrows(IllegalArgumentException.class, () -> Searches.of(set, "fuzzy"));
        assertThrows(IllegalArgumentException.class, () -> new CellSearch(set.cellIndex(), 0));
        GridActionSet grid = GridSearchTest.unitGrid(9, 2);
        assertTrue(Searches.of(grid, "approx") instanceof GridSearch);
    }
}
