package lab.wolpertinger.knn;

import java.util.Arrays;

/**
 * The candidate lists of a {@link GemmSearch}'s queries (each kept point's index and float
 * {@code p = ||x||^2 - 2 x·q}) and their exact ranking: the proof that sorting by p and
 * re-ranking only the runs closer than 2E gives the contract's order is in {@link GemmSearch}.
 * Lists and scratch grow to their largest size and stay: no allocation once warm.
 */
final class Candidates {

    /**
     * count[r]: candidates of query row r; id[r], p[r]: their indices (slots of the resolved
     * arrays, see {@link #resolve}) and p values.
     */
    final int[] count;
    final int[][] id;
    final float[][] p;
    /** The points' exact coordinates, for the distances of near-ties. */
    private final GemmIndex index;
    /**
     * When set ({@link #resolve}): the lists hold slots, and slot i's exact distance and index are
     * resolvedDist[i], resolvedId[i], computed by the caller in scan order.
     */
    private double[] resolvedDist;
    private int[] resolvedId;
    private long[] keys = new long[16];
    private long[] sorted = new long[16];
    private int[] bucketStart = new int[16];
    private float[] selectBuf = new float[16];
    private final int[] bucketCounts = new int[DistanceOrder.BUCKETS];
    private double[] runDist = new double[16];
    private int[] runId = new int[16];

    Candidates(int rows, GemmIndex index) {
        this.index = index;
        count = new int[rows];
        id = new int[rows][];
        p = new float[rows][];
        for (int r = 0; r < rows; r++) {
            id[r] = new int[64];
            p[r] = new float[64];
        }
    }

    /**
     * From now on the lists hold slots into these arrays, which give each candidate's exact
     * distance and index: a {@link CellSearch} computes them while its scan's candidates are in
     * cache, where looking them up in p order missed the cache about once per candidate.
     */
    void resolve(double[] dist, int[] id) {
        this.resolvedDist = dist;
        this.resolvedId = id;
    }

    /** The action index of a list entry (a slot when {@link #resolve}d, else the index itself). */
    private int idOf(int key) {
        return resolvedId != null ? resolvedId[key] : key;
    }

    /** The exact distance of a list entry to q. */
    private double distanceOf(int key, double[] q) {
        return resolvedId != null ? resolvedDist[key] : index.distance(key, q);
    }

    /** Appends (index, p) to row r's list. */
    void add(int r, int index, float value) {
        int c = count[r];
        if (c == id[r].length) {
            id[r] = Arrays.copyOf(id[r], 2 * c);
            p[r] = Arrays.copyOf(p[r], 2 * c);
        }
        id[r][c] = index;
        p[r][c] = value;
        count[r] = c + 1;
    }

    /** Room for {@code extra} more candidates in row r's arrays. */
    void reserve(int r, int extra) {
        int c = count[r];
        if (id[r].length < c + extra) {
            int size = Math.max(c + extra, 2 * id[r].length);
            id[r] = Arrays.copyOf(id[r], size);
            p[r] = Arrays.copyOf(p[r], size);
        }
    }

    /**
     * Sorts the candidates by (p, index) as packed longs, keeps those with p <= T + 2E and
     * writes the first k in the contract's order: separated ones as they are, each run closer
     * than 2E by its exact (D, index). False, writing nothing, when fewer than k candidates had
     * p <= t0 (the sample's threshold was too low to prove the candidates complete).
     */
    boolean rank(int r, int k, float t0, double error, double[] q, int[] out, int offset) {
        int count = this.count[r];
        if (!sortCandidates(r, count, k, t0)) {
            return false;
        }
        double e2 = 2 * error;
        double bound = valueOf(keys[k - 1]) + e2;
        int m = k;
        while (m < count && valueOf(keys[m]) <= bound) {
            m++;
        }
        int written = 0;
        int a = 0;
        while (written < k) {
            int b = a + 1;
            double prev = valueOf(keys[a]);
            while (b < m) {
                double next = valueOf(keys[b]);
                if (next - prev > e2) {
                    break;
                }
                prev = next;
                b++;
            }
            if (b == a + 1) {
                out[offset + written++] = idOf((int) keys[a]);
            } else {
                int len = b - a;
                if (runDist.length < len) {
                    runDist = new double[Math.max(len, 2 * runDist.length)];
                    runId = new int[runDist.length];
                }
                for (int i = 0; i < len; i++) {
                    int key = (int) keys[a + i];
                    runId[i] = idOf(key);
                    runDist[i] = distanceOf(key, q);
                }
                DistanceOrder.sort(runDist, runId, len);
                int take = Math.min(len, k - written);
                System.arraycopy(runId, 0, out, offset + written, take);
                written += take;
            }
            a = b;
        }
        return true;
    }

    /**
     * Writes query r's k nearest in no particular order. With T the k-th smallest p among the
     * candidates: a candidate with p < T - 2E is in (only points with p < T, at most k - 1 of
     * them, can be nearer: D <= p + s + E < T + s - E <= D' for every p' >= T); one with
     * p > T + 2E is out (the k points with p <= T are nearer); the band between is ranked by its
     * exact (D, index), and its best fill the rest. {@code kth}: t0 is already T (a group
     * member's, from its ball), no selection needed. False, as {@link #rank}, when fewer than k
     * candidates had p <= t0.
     */
    boolean rankSet(int r, int k, float t0, boolean kth, double error, double[] q, int[] out, int offset) {
        int count = this.count[r];
        float[] ps = p[r];
        int[] ids = id[r];
        int under = 0;
        for (int i = 0; i < count; i++) {
            under += ps[i] <= t0 ? 1 : 0;
        }
        if (under < k) {
            return false;
        }
        if (selectBuf.length < count) {
            selectBuf = new float[Math.max(count, 2 * selectBuf.length)];
        }
        double t = kth ? t0 : DistanceOrder.rankOf(ps, 0, count, k - 1, selectBuf, bucketCounts);
        double e2 = 2 * error;
        double lo = t - e2;
        double hi = t + e2;
        int written = 0;
        int band = 0;
        for (int i = 0; i < count; i++) {
            float v = ps[i];
            if (v < lo) {
                out[offset + written++] = idOf(ids[i]);
            } else if (v <= hi) {
                if (band == runId.length) {
                    runId = Arrays.copyOf(runId, 2 * band);
                    runDist = Arrays.copyOf(runDist, 2 * band);
                }
                runId[band++] = ids[i]; // a key until the distances are read
            }
        }
        for (int b = 0; b < band; b++) {
            runDist[b] = distanceOf(runId[b], q);
            runId[b] = idOf(runId[b]);
        }
        DistanceOrder.sort(runDist, runId, band);
        System.arraycopy(runId, 0, out, offset + written, k - written);
        return true;
    }

    /**
     * Bucket sort of query r's candidates into {@code keys[0..count)} by (p, index): buckets
     * linear in p (monotone, so bucket order is p order), each then sorted on its own; O(count)
     * expected. False when fewer than k candidates have p <= t0.
     */
    private boolean sortCandidates(int r, int count, int k, float t0) {
        float[] ps = p[r];
        int[] ids = id[r];
        float lo = Float.POSITIVE_INFINITY;
        float hi = Float.NEGATIVE_INFINITY;
        int under = 0;
        for (int i = 0; i < count; i++) { // compares, not Math.min/max (see DistanceOrder.rankOf): no NaN passes a scan
            float v = ps[i];
            lo = v < lo ? v : lo;
            hi = v > hi ? v : hi;
            under += v <= t0 ? 1 : 0;
        }
        if (under < k) {
            return false;
        }
        if (keys.length < count) {
            keys = new long[Math.max(count, 2 * keys.length)];
            sorted = new long[keys.length];
        }
        int buckets = Math.max(1, count / 2);
        double scale = buckets / ((double) hi - lo);
        if (!(scale < Double.POSITIVE_INFINITY)) { // hi == lo: one bucket
            buckets = 1;
            scale = 0.0;
        }
        if (bucketStart.length < buckets + 1) {
            bucketStart = new int[Math.max(buckets + 1, 2 * bucketStart.length)];
        }
        int[] start = bucketStart;
        Arrays.fill(start, 0, buckets + 1, 0);
        for (int i = 0; i < count; i++) {
            start[Math.min(buckets - 1, (int) ((ps[i] - (double) lo) * scale)) + 1]++;
        }
        for (int b = 0; b < buckets; b++) {
            start[b + 1] += start[b];
        }
        for (int i = 0; i < count; i++) {
            int b = Math.min(buckets - 1, (int) ((ps[i] - (double) lo) * scale));
            sorted[start[b]++] = ((long) sortable(ps[i]) << 32) | ids[i];
        }
        // start[b] is now bucket b's end
        int from = 0;
        for (int b = 0; b < buckets; b++) {
            int to = start[b];
            if (to - from > 32) {
                Arrays.sort(sorted, from, to);
            } else {
                for (int i = from + 1; i < to; i++) {
                    long key = sorted[i];
                    int j = i - 1;
                    while (j >= from && sorted[j] > key) {
                        sorted[j + 1] = sorted[j];
                        j--;
                    }
                    sorted[j + 1] = key;
                }
            }
            from = to;
        }
        long[] t = keys;
        keys = sorted;
        sorted = t;
        return true;
    }

    /** A float's bits as an int whose signed order is the float order (no NaN here). */
    private static int sortable(float f) {
        int bits = Float.floatToRawIntBits(f);
        return bits ^ ((bits >> 31) & 0x7fffffff);
    }

    /** The p of a packed key. */
    private static double valueOf(long key) {
        int s = (int) (key >> 32);
        return Float.intBitsToFloat(s ^ ((s >> 31) & 0x7fffffff));
    }
}
