package lab.wolpertinger.knn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import lab.wolpertinger.env.CatalogItems;
import org.junit.jupiter.api.Test;

/**
 * Batches whose queries lie close together (a target actor that maps a mini-batch to nearly one
 * proto-action) are answered by group leaders' balls; the answer must still be brute force's.
 */
class QueryGroupsTest {

    @Test
    void joinsOnlyWithinHalfTheSlackAndWidensTheBall() {
        QueryGroups groups = new QueryGroups(4);
        double[][] q = {{0, 0}, {0.04, 0}, {0.06, 0}, {0.2, 0}};
        groups.reset();
        groups.lead(0, 1.0);
        assertEquals(0, groups.join(q, 1, 2)); // 2 x 0.04 <= 0.1 x 1
        assertEquals(-1, groups.join(q, 2, 2)); // 2 x 0.06 > 0.1
        groups.lead(2, Double.NaN); // a leader nobody may join
        assertEquals(-1, groups.join(q, 3, 2));
        assertEquals(1, groups.members[0]);
        assertEquals(1.08, groups.ball[0], 1e-6);
        assertTrue(groups.isMember(1));
        assertTrue(!groups.isMember(0) && !groups.isMember(2));
    }

    /** Catalog items, 64 queries around two proto-actions (one near the items, one at a corner) plus scattered ones. */
    @Test
    void coherentBatchesEqualBruteForce() {
        assertTrue(GemmIndex.VECTOR_SCAN, "surefire adds --add-modules jdk.incubator.vector");
        int n = 20_000;
        int d = 16;
        EmbeddedActionSet set = new EmbeddedActionSet(n, d, CatalogItems.of(n, d, 3).embeddings());
        Random rnd = new Random(5);
        float[] near = SearchTiming.actorLikeQueries(set, 1, rnd);
        int count = 64;
        float[] queries = new float[count * d];
        for (int r = 0; r < count; r++) {
            for (int j = 0; j < d; j++) {
                double v = switch (r % 4) {
                    case 0, 1 -> near[j] + (r % 8 == 0 ? 0.0 : 1e-3 * rnd.nextGaussian()); // exact duplicates too
                    case 2 -> (j % 2 == 0 ? 0.999 : -0.999) - 1e-3 * rnd.nextDouble(); // a saturated corner
                    default -> 2 * rnd.nextDouble() - 1; // scattered: leaders of their own
                };
                queries[r * d + j] = (float) v;
            }
        }
        GemmSearch search = new GemmSearch(set);
        GemmSearchTest.assertBatchMatches(set, search, queries, count, new int[] {1, 10, 1000});
        int[] out = new int[count * 1000];
        search.nearestBatch(queries, count, 1000, out);
        QueryGroups groups = search.groups();
        assertTrue(groups.leaderCount < count / 2, "the near and corner rows share leaders: " + groups.leaderCount);
    }

    /**
     * Most points on a thin shell just outside the leader's k-ball: the ball would hold most of
     * the set, so its members scan everything after all, with their own thresholds.
     */
    @Test
    void wideBallsFallBackToTheFullScan() {
        assertTrue(GemmIndex.VECTOR_SCAN, "surefire adds --add-modules jdk.incubator.vector");
        int n = 12_000;
        int d = 16;
        int inner = 2_000;
        Random rnd = new Random(11);
        float[] table = new float[n * d];
        for (int i = 0; i < n; i++) {
            double[] v = new double[d];
            double norm = 0;
            for (int j = 0; j < d; j++) {
                v[j] = rnd.nextGaussian();
                norm += v[j] * v[j];
            }
            double radius = i < inner ? Math.pow(rnd.nextDouble(), 1.0 / d) : 1.04; // a uniform ball, then a shell
            for (int j = 0; j < d; j++) {
                table[i * d + j] = (float) (v[j] / Math.sqrt(norm) * radius);
            }
        }
        EmbeddedActionSet set = new EmbeddedActionSet(n, d, table);
        int count = 8;
        float[] queries = new float[count * d];
        for (int r = 1; r < count; r++) { // 0.04 from the leader at the centre: 2 x 0.04 within 0.1 R, R ~ 0.97
            queries[r * d + r] = 0.04f;
        }
        GemmSearch search = new GemmSearch(set);
        GemmSearchTest.assertBatchMatches(set, search, queries, count, new int[] {1000});
        int[] out = new int[count * 1000];
        search.nearestBatch(queries, count, 1000, out);
        QueryGroups groups = search.groups();
        assertEquals(1, groups.leaderCount, "one leader for the 8 rows");
        assertTrue(!groups.isMember(1) && !groups.isMember(7), "the fallback answers the members on their own");
    }
}
