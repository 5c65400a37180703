package lab.wolpertinger.env;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import lab.wolpertinger.knn.BruteForceSearch;
import lab.wolpertinger.knn.EmbeddedActionSet;
import lab.wolpertinger.random.SplitMix64;
import org.junit.jupiter.api.Test;

/** Catalog-v0 against its spec, and the oracle: with the true item values, best-of-k improves with k. */
class CatalogTest {

    private static Catalog catalog(int n, int d, double quality) {
        return new Catalog(CatalogItems.of(n, d, 0), quality);
    }

    @Test
    void itemsAreDeterministicBoundedSharedAndSmall() {
        CatalogItems a = CatalogItems.of(5000, 16, 3);
        assertSame(a, CatalogItems.of(5000, 16, 3), "one copy per (n, d, seed)");
        assertEquals(5000 * 16, a.embeddings().length, "n * d floats: within 2 n d 4 bytes with the qualities");
        // built anew from the seed, the table is the same bit for bit
        float[] again = new float[a.embeddings().length];
        CatalogItems other = CatalogItems.of(5000, 16, 4);
        assertFalse(Arrays.equals(a.embeddings(), other.embeddings()), "another catalog seed, other items");
        System.arraycopy(a.embeddings(), 0, again, 0, again.length);
        for (float v : again) {
            assertTrue(v >= -1f && v <= 1f, "coordinate " + v + " outside [-1, 1]");
        }
        assertEquals(5, a.clusters());
    }

    @Test
    void theSignalCoordinateShowsTheHiddenQualityNoisily() {
        CatalogItems items = CatalogItems.of(20_000, 8, 0);
        double sxy = 0, sxx = 0, syy = 0;
        for (int i = 0; i < items.size(); i++) {
            double s = items.embeddings()[i * 8 + 7];
            double q = items.quality(i);
            sxy += s * q;
            sxx += s * s;
            syy += q * q;
        }
        double corr = sxy / Math.sqrt(sxx * syy);
        assertTrue(corr > 0.85 && corr < 0.95, "signal-quality correlation " + corr + " (0.9 by construction)");
    }

    @Test
    void specObservationRewardAndTheLeaveRule() {
        Catalog env = catalog(3000, 4, 1.0);
        assertEquals(4, env.observationSpace().dim());
        assertEquals(3000, env.actionSpace().n());
        double[] obs = env.reset(7);
        assertEquals(1.0, obs[3], "time left starts at 1");
        int accepts = 0;
        int steps = 0;
        int episodes = 0;
        int leftAfterAccept = 0;
        int leftAfterReject = 0;
        int afterAccept = 0;
        SplitMix64 pick = new SplitMix64(1);
        while (episodes < 4000) {
            Step s = env.step(new double[] {pick.nextInt(3000)});
            steps++;
            assertTrue(s.reward() == 0.0 || s.reward() == 1.0);
            assertFalse(s.truncated(), "the time limit is the wrapper's");
            for (int j = 0; j < 3; j++) {
                assertTrue(Math.abs(s.observation()[j]) <= 1.0);
            }
            if (s.reward() == 1.0) {
                accepts++;
                afterAccept++;
                leftAfterAccept += s.terminated() ? 1 : 0;
            } else {
                leftAfterReject += s.terminated() ? 1 : 0;
            }
            if (s.terminated()) {
                episodes++;
                env.reset();
            }
        }
        double pAccept = (double) leftAfterAccept / afterAccept;
        double pReject = (double) leftAfterReject / (steps - accepts);
        assertEquals(0.1, pAccept, 0.03, "leaves after an accept with probability 0.1");
        assertEquals(0.2, pReject, 0.02, "leaves after a reject with probability 0.2");
    }

    @Test
    void interestDriftsTowardAnAcceptedItem() {
        Catalog env = catalog(3000, 3, 1.0);
        env.reset(1);
        env.setState(new double[] {0.0, 0.0, 0});
        float[] e = env.items().embeddings();
        // step until an accept, from the same state each time
        for (int tries = 0; tries < 1000; tries++) {
            env.setState(new double[] {0.0, 0.0, 0});
            Step s = env.step(new double[] {42});
            if (s.reward() == 1.0) {
                assertEquals(0.2 * e[42 * 3], s.observation()[0], 1e-12);
                assertEquals(0.2 * e[42 * 3 + 1], s.observation()[1], 1e-12);
                assertEquals(1 - 1 / 100.0, s.observation()[2], 1e-12);
                return;
            }
            assertArrayEquals(new double[] {0.0, 0.0}, Arrays.copyOf(s.observation(), 2), "no drift after a reject");
        }
        throw new AssertionError("item 42 never accepted");
    }

    @Test
    void sameSeedSameSession() {
        Catalog a = catalog(3000, 5, 1.0);
        Catalog b = catalog(3000, 5, 1.0);
        assertArrayEquals(a.reset(9), b.reset(9), 0.0);
        for (int i = 0; i < 50; i++) {
            Step sa = a.step(new double[] {i * 7});
            Step sb = b.step(new double[] {i * 7});
            assertArrayEquals(sa.observation(), sb.observation(), 0.0);
            assertEquals(sa.reward(), sb.reward());
            assertEquals(sa.terminated(), sb.terminated());
        }
        assertArrayEquals(a.state(), b.state(), 0.0);
    }

    @Test
    void badActionsAndStatesAreRefusedWithTheRange() {
        Catalog env = catalog(3000, 3, 1.0);
        env.reset(0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> env.step(new double[] {3000}));
        assertTrue(e.getMessage().contains("[0, 2999]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> env.step(new double[] {1.5}));
        assertThrows(IllegalArgumentException.class, () -> env.setState(new double[] {2, 0, 0}));
        assertThrows(IllegalArgumentException.class, () -> CatalogItems.of(1_000_001, 16, 0));
        assertThrows(IllegalArgumentException.class, () -> CatalogItems.of(100, 65, 0));
        assertThrows(IllegalArgumentException.class, () -> new Catalog(CatalogItems.of(100, 2, 0), -1));
        assertThrows(IllegalArgumentException.class, () -> new Catalog(CatalogItems.of(100, 2, 0), 1.5));
    }

    /**
     * The oracle, no learning: around the ideal proto-action (the user's interest, highest
     * signal), the best of the k nearest items by their true accept probability gets better
     * with k. In the control setting (itemQuality 0) the nearest item is already as good as
     * the best of many, so k does not matter.
     */
    @Test
    void oracleBestOfKImprovesWithKAndTheControlIsFlat() {
        int n = 20_000;
        double[] withQuality = oracle(catalog(n, 16, 1.0), new int[] {1, 10, 100});
        assertTrue(withQuality[0] < withQuality[1] && withQuality[1] < withQuality[2],
                "best-of-k accept probability should grow with k: " + Arrays.toString(withQuality));
        assertTrue(withQuality[2] > 1.15 * withQuality[0], Arrays.toString(withQuality));

        double[] control = oracle(catalog(n, 16, 0.0), new int[] {1, 10, 100});
        assertEquals(control[0], control[2], 0.02 * control[0],
                "control: k should not matter: " + Arrays.toString(control));
    }

    private static double[] oracle(Catalog env, int[] ks) {
        EmbeddedActionSet actions = new EmbeddedActionSet(env.items().size(), env.items().dim(), env.items().embeddings());
        BruteForceSearch search = new BruteForceSearch(actions);
        double[] mean = new double[ks.length];
        int users = 200;
        int[] nb = new int[ks[ks.length - 1]];
        for (int user = 0; user < users; user++) {
            env.reset(user);
            double[] proto = env.idealProtoAction();
            for (int c = 0; c < ks.length; c++) {
                search.nearest(proto, ks[c], nb);
                double best = 0;
                for (int i = 0; i < ks[c]; i++) {
                    best = Math.max(best, env.acceptProbability(nb[i]));
                }
                mean[c] += best / users;
            }
        }
        return mean;
    }
}
