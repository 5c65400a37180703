package lab.wolpertinger.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link LineArgmax} against the definition: score every candidate with
 * {@link CriticHead#score}, take the first maximum in the candidates' order. Random heads and
 * heads built to tie (plateaus, zero weights, duplicated and cancelling units, duplicated
 * coordinates, power-of-two weights that make many scores equal).
 */
class LineArgmaxTest {

    /** Sorted coordinates; order = distance to a query, then position. */
    static final class Points implements LineCandidates {
        final float[] x;
        final double query;

        Points(float[] sorted, double query) {
            this.x = sorted;
            this.query = query;
        }

        double dist(int p) {
            double d = x[p] - query;
            return d * d;
        }

        @Override
        public int count() {
            return x.length;
        }

        @Override
        public float coordinate(int p) {
            return x[p];
        }

        @Override
        public boolean precedes(int p, int r) {
            return dist(p) < dist(r) || (dist(p) == dist(r) && p < r);
        }

        @Override
        public int first(int s, int e) {
            int best = s;
            for (int p = s + 1; p <= e; p++) {
                if (precedes(p, best)) {
                    best = p;
                }
            }
            return best;
        }
    }

    /** The definition: all scores through {@link CriticHead#score}, first maximum in order. */
    static int bruteForce(CriticHead head, float[] base, int off, Points c, double[] qOut) {
        head.score(base, off, c.x, c.x.length, qOut);
        Integer[] order = new Integer[c.x.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> c.precedes(a, b) ? -1 : c.precedes(b, a) ? 1 : 0);
        int best = order[0];
        for (int i = 1; i < order.length; i++) {
            if (qOut[order[i]] > qOut[best]) {
                best = order[i];
            }
        }
        return best;
    }

    private static int checked;
    private static int solvedFast;

    private static void check(CriticHead head, float[] base, int off, Points c, String what) {
        double[] q = new double[c.x.length];
        int expected = bruteForce(head, base, off, c, q);
        LineArgmax solver = new LineArgmax();
        int actual = solver.argmax(head, base, off, c);
        checked++;
        if (actual < 0) {
            return; // declined: the caller scores everything, which is the definition
        }
        assertEquals(expected, actual, () -> what + ": expected position " + expected + " (x="
            + c.x[expected] + ", q=" + q[expected] + "), got " + actual + " (x=" + c.x[actual]
            + ", q=" + q[actual] + ")");
        assertEquals(Double.doubleToLongBits(q[expected]), Double.doubleToLongBits(solver.bestQ()), what);
        if (solver.lastScored() < c.x.length) {
            solvedFast++;
        }
    }

    /** A uniform grid slice like the policy's: [lo, lo + n) of m points over [-1, 1]. */
    static float[] gridSlice(int m, int lo, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (-1.0 + (2.0 * (lo + i)) / (m - 1));
        }
        return x;
    }

    static float[] randomSorted(SplittableRandom rng, int n, boolean duplicates) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) rng.nextDouble(-1, 1);
            if (duplicates && i > 0 && rng.nextInt(4) == 0) {
                x[i] = x[rng.nextInt(i)];
            }
        }
        Arrays.sort(x);
        return x;
    }

    @Test
    void randomHeadsOnGridSlices() {
        SplittableRandom rng = new SplittableRandom(11);
        for (int trial = 0; trial < 400; trial++) {
            int h2 = 1 + rng.nextInt(trial % 3 == 0 ? 8 : 160);
            CriticHead head = randomHead(rng, h2);
            float[] base = randomBase(rng, h2 + 3, rng.nextDouble(0.01, 2));
            int m = 3 + rng.nextInt(trial % 4 == 0 ? 50 : 300_000);
            int n = 3 + rng.nextInt(Math.min(m - 2, 25_000));
            int lo = rng.nextInt(m - n + 1);
            float[] x = gridSlice(m, lo, n);
            double query = x[rng.nextInt(n)] + rng.nextDouble(-1e-3, 1e-3);
            check(head, base, 3, new Points(x, query), "trial " + trial);
        }
        assertTrue(solvedFast > 100, "the fast path should usually score fewer than all: " + solvedFast);
    }

    @Test
    void randomSortedPointsWithDuplicates() {
        SplittableRandom rng = new SplittableRandom(12);
        for (int trial = 0; trial < 400; trial++) {
            int h2 = 1 + rng.nextInt(64);
            CriticHead head = randomHead(rng, h2);
            float[] base = randomBase(rng, h2, 1);
            float[] x = randomSorted(rng, 3 + rng.nextInt(2000), true);
            check(head, base, 0, new Points(x, rng.nextDouble(-1.2, 1.2)), "trial " + trial);
        }
    }

    @Test
    void plateausWhereNoUnitIsActive() {
        SplittableRandom rng = new SplittableRandom(13);
        for (int trial = 0; trial < 200; trial++) {
            int h2 = 1 + rng.nextInt(40);
            float[] w = new float[h2];
            float[] v = new float[h2];
            float[] base = new float[h2];
            for (int u = 0; u < h2; u++) {
                w[u] = (float) rng.nextDouble(-1, 1);
                v[u] = (float) rng.nextDouble(-1, 1);
                // kink -base/w far outside [-1, 1] on the inactive side for most units
                base[u] = rng.nextInt(3) == 0 ? (float) rng.nextDouble(-1, 1) : -Math.abs(w[u]) * 3 - 0.1f;
            }
            CriticHead head = new CriticHead(h2, 1);
            head.set(w, v, (float) rng.nextDouble(-1, 1));
            float[] x = gridSlice(5001, rng.nextInt(3000), 2001);
            check(head, base, 0, new Points(x, x[rng.nextInt(x.length)]), "plateau trial " + trial);
        }
    }

    @Test
    void allUnitsInactiveIsOneBigTieWonByTheNearest() {
        int h2 = 16;
        float[] w = new float[h2];
        float[] v = new float[h2];
        float[] base = new float[h2];
        Arrays.fill(w, 0.5f);
        Arrays.fill(v, 1f);
        Arrays.fill(base, -2f);
        CriticHead head = new CriticHead(h2, 1);
        head.set(w, v, 0.25f);
        float[] x = gridSlice(1001, 100, 700);
        for (double query : new double[] {x[0], x[350], x[699], -2, 2, (x[10] + x[11]) / 2.0}) {
            check(head, base, 0, new Points(x, query), "query " + query);
        }
    }

    @Test
    void zeroWeightsDuplicatedAndCancellingUnits() {
        SplittableRandom rng = new SplittableRandom(14);
        for (int trial = 0; trial < 300; trial++) {
            int h2 = 2 + rng.nextInt(60);
            float[] w = new float[h2];
            float[] v = new float[h2];
            float[] base = new float[h2];
            for (int u = 0; u < h2; u++) {
                int kind = rng.nextInt(6);
                if (kind == 0 || u == 0) { // a fresh unit
                    w[u] = (float) rng.nextDouble(-1, 1);
                    v[u] = (float) rng.nextDouble(-1, 1);
                    base[u] = (float) rng.nextDouble(-1, 1);
                } else if (kind == 1) { // zero action weight: constant contribution
                    v[u] = (float) rng.nextDouble(-1, 1);
                    base[u] = (float) rng.nextDouble(-1, 1);
                } else if (kind == 2) { // zero output weight
                    w[u] = (float) rng.nextDouble(-1, 1);
                    base[u] = (float) rng.nextDouble(-1, 1);
                } else { // a duplicate of an earlier unit, possibly cancelling it
                    int src = rng.nextInt(u);
                    w[u] = w[src];
                    base[u] = base[src];
                    v[u] = kind == 3 ? v[src] : -v[src];
                }
            }
            CriticHead head = new CriticHead(h2, 1);
            head.set(w, v, rng.nextInt(3) == 0 ? 0f : (float) rng.nextDouble(-100, 100));
            float[] x = trial % 2 == 0 ? gridSlice(20_001, rng.nextInt(10_000), 10_001)
                : randomSorted(rng, 500, true);
            check(head, base, 0, new Points(x, rng.nextDouble(-1, 1)), "trial " + trial);
        }
    }

    @Test
    void dyadicWeightsMakeManyExactTies() {
        SplittableRandom rng = new SplittableRandom(15);
        for (int trial = 0; trial < 300; trial++) {
            int h2 = 1 + rng.nextInt(12);
            float[] w = new float[h2];
            float[] v = new float[h2];
            float[] base = new float[h2];
            for (int u = 0; u < h2; u++) {
                w[u] = (rng.nextInt(5) - 2) * 0.25f;
                v[u] = (rng.nextInt(5) - 2) * 0.5f;
                base[u] = (rng.nextInt(9) - 4) * 0.125f;
            }
            CriticHead head = new CriticHead(h2, 1);
            head.set(w, v, (rng.nextInt(3) - 1) * 1e8f);
            // dyadic grid: kinks land exactly on grid points, slopes cancel exactly
            float[] x = new float[257];
            for (int i = 0; i < x.length; i++) {
                x[i] = -1f + i / 128f;
            }
            check(head, base, 0, new Points(x, x[rng.nextInt(x.length)] + (rng.nextInt(3) - 1) / 256.0),
                "trial " + trial);
        }
    }

    @Test
    void declinesOnNonFiniteValues() {
        CriticHead head = new CriticHead(2, 1);
        head.set(new float[] {1, -1}, new float[] {1, Float.NaN}, 0);
        float[] x = gridSlice(11, 0, 11);
        assertEquals(-1, new LineArgmax().argmax(head, new float[] {0, 0}, 0, new Points(x, 0)));
        head.set(new float[] {1, -1}, new float[] {1, 1}, 0);
        assertEquals(-1, new LineArgmax().argmax(head, new float[] {Float.POSITIVE_INFINITY, 0}, 0,
            new Points(x, 0)));
        head.set(new float[] {1e20f, -1}, new float[] {1e20f, 1}, 0);
        assertEquals(-1, new LineArgmax().argmax(head, new float[] {0, 0}, 0, new Points(x, 0)));
    }

    @Test
    void trainedLikeCriticFromCriticNet() {
        Nd4jRuntime.init();
        SplittableRandom rng = new SplittableRandom(16);
        for (int seed = 0; seed < 6; seed++) {
            CriticNet critic = new CriticNet(3, 1, 64, 128, seed);
            critic.namedParameters().get("fc3.weight").muli(1 + seed * 50);
            critic.refreshHead();
            float[] base = new float[128 * 4];
            org.nd4j.linalg.api.ndarray.INDArray obs = org.nd4j.linalg.factory.Nd4j.rand(
                org.nd4j.linalg.api.buffer.DataType.FLOAT, 4, 3).subi(0.5).muli(4);
            critic.splitBase(obs, base);
            for (int r = 0; r < 4; r++) {
                int lo = rng.nextInt(180_000);
                float[] x = gridSlice(200_000, lo, 20_000);
                check(critic.head(), base, r * 128, new Points(x, x[rng.nextInt(20_000)]), "seed " + seed);
            }
        }
    }

    static CriticHead randomHead(SplittableRandom rng, int h2) {
        float[] w = new float[h2];
        float[] v = new float[h2];
        double scaleV = Math.pow(10, rng.nextDouble(-3, 2));
        for (int u = 0; u < h2; u++) {
            w[u] = (float) rng.nextDouble(-1, 1);
            v[u] = (float) (rng.nextDouble(-1, 1) * scaleV);
        }
        CriticHead head = new CriticHead(h2, 1);
        head.set(w, v, (float) rng.nextDouble(-10, 10));
        return head;
    }

    static float[] randomBase(SplittableRandom rng, int len, double scale) {
        float[] base = new float[len];
        for (int i = 0; i < len; i++) {
            base[i] = (float) rng.nextDouble(-scale, scale);
        }
        return base;
    }
}
