package lab.wolpertinger.knn;

import java.util.Arrays;
import java.util.Objects;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas_nolapack;

/**
 * Exact k-nearest-neighbour search by a blocked brute force on BLAS, for larger d (above
 * {@link Searches#KD_TREE_MAX_DIM}, where a kd-tree visits most of its cells). Equal to
 * {@link BruteForceSearch} index for index.
 *
 * <p>Per batch of up to {@link #QUERY_BLOCK} queries and per block of {@link GemmIndex#BLOCK}
 * points, one {@code cblas_sgemm} gives {@code x·q} for every pair, and the float distance is
 * {@code g = ||x||^2 - 2 x·q + ||q||^2} (on coordinates centred on the set's mean, which keeps
 * the norms, and so the rounding error, small). The first block is a uniform sample of the set
 * (the index is shuffled), so its g values give each query a threshold t0 expected to let about
 * k + 3.5 sqrt(k) points through; later blocks keep only points with {@code g <= t0 + 2E}.
 *
 * <p>Why the result is exact: {@code E = (d + 16) 2^-24 (max ||x - c||^2 + ||q - c||^2) + 1e-30}
 * bounds |g - D| for every point, where D is the contract's double distance. It sums the float
 * dot product's error (gamma_d times sum |x_j q_j| <= (||x||^2 + ||q||^2) / 2, doubled), the
 * roundings of the norms and of the two additions (about 5 u times the same sum), the rounding of
 * the centred coordinates to float (at most 4.1 u (||x||^2 + ||q||^2) on the distance), and the
 * double evaluation of D (negligible; the slack covers it), with u = 2^-24 and an absolute term
 * for underflow. Let T be the k-th smallest g. There are k points with g <= T, so their D <= T + E,
 * so every point of the true k nearest (ties included) has D <= T + E and g <= T + 2E. When at
 * least k points had g <= t0 then T <= t0 and every such point was kept; they are ranked by their
 * exact D and index. Otherwise (a bad sample: rare), and for queries or points too far out for
 * float, the query is answered by the exact double brute force.
 *
 * <p>Not thread-safe: one instance per thread (they share the {@link GemmIndex}). Each holds
 * about 1 MiB of off-heap scratch.
 */
public final class GemmSearch implements NeighbourSearch {

    /** Queries per GEMM (the critic target's batch of 64 is one). */
    public static final int QUERY_BLOCK = 64;

    private final GemmIndex index;
    private final int n;
    private final int d;
    private final double errorScale;

    private final FloatPointer items;
    private final FloatPointer queryRows;
    private final FloatPointer products;
    private final float[] queryBuf;
    private final float[] productBuf;
    private final double[][] query = new double[QUERY_BLOCK][];
    private final double[] queryNorm = new double[QUERY_BLOCK];
    private final double[] error = new double[QUERY_BLOCK];
    private final float[] threshold = new float[QUERY_BLOCK];
    private final float[] limit = new float[QUERY_BLOCK];
    private final int[] below = new int[QUERY_BLOCK];
    private final boolean[] bruteForce = new boolean[QUERY_BLOCK];
    private final int[] candidateCount = new int[QUERY_BLOCK];
    private final int[][] candidatePos = new int[QUERY_BLOCK][];
    private final float[][] candidateG = new float[QUERY_BLOCK][];
    private final float[] sample;
    private float[] selectBuf = new float[16];
    private double[] rankDist = new double[16];
    private int[] rankId = new int[16];
    private final CandidateHeap heap = new CandidateHeap(16);

    /** A search over a new index of {@code actions} (see {@link GemmIndex#GemmIndex(ActionSet)}). */
    public GemmSearch(ActionSet actions) {
        this(new GemmIndex(actions));
    }

    /** A search over a shared, already built index; this instance holds only per-query scratch. */
    public GemmSearch(GemmIndex index) {
        this.index = Objects.requireNonNull(index, "index");
        this.n = index.n;
        this.d = index.d;
        this.errorScale = (d + 16) * 0x1p-24;
        int block = Math.min(n, GemmIndex.BLOCK);
        this.items = new FloatPointer(index.centred);
        this.queryRows = new FloatPointer((long) QUERY_BLOCK * d);
        this.products = new FloatPointer((long) QUERY_BLOCK * block);
        this.queryBuf = new float[QUERY_BLOCK * d];
        this.productBuf = new float[QUERY_BLOCK * block];
        this.sample = new float[block];
        for (int r = 0; r < QUERY_BLOCK; r++) {
            query[r] = new double[d];
            candidatePos[r] = new int[64];
            candidateG[r] = new float[64];
        }
    }

    /** The shared index this search scans. */
    public GemmIndex index() {
        return index;
    }

    @Override
    public int dim() {
        return d;
    }

    @Override
    public void nearest(double[] q, int k, int[] out) {
        NeighbourSearch.checkArguments(n, d, q, k, out);
        System.arraycopy(q, 0, query[0], 0, d);
        searchRows(1, k, out, 0);
    }

    /**
     * All queries of the batch through one GEMM per block of points (64 queries at a time), as
     * {@link #nearest} would answer each. Allocates nothing once warm (candidate lists grow to
     * their largest size and stay).
     */
    @Override
    public void nearestBatch(float[] queries, int count, int k, int[] out) {
        NeighbourSearch.checkBatch(queries, count, d, k, out);
        for (int r0 = 0; r0 < count; r0 += QUERY_BLOCK) {
            int rows = Math.min(QUERY_BLOCK, count - r0);
            for (int r = 0; r < rows; r++) {
                for (int j = 0; j < d; j++) {
                    query[r][j] = queries[(r0 + r) * d + j];
                }
                NeighbourSearch.checkArguments(n, d, query[r], k, out);
            }
            searchRows(rows, k, out, r0 * k);
        }
    }

    /** Answers query[0..rows) into out[offset + r k ..]. */
    private void searchRows(int rows, int k, int[] out, int offset) {
        for (int r = 0; r < rows; r++) {
            double norm = 0.0;
            boolean ok = index.floatPath;
            for (int j = 0; j < d; j++) {
                double v = query[r][j] - index.centre[j];
                ok &= Math.abs(v) <= GemmIndex.LIMIT; // false for infinities too
                float f = (float) v;
                queryBuf[r * d + j] = ok ? f : 0f;
                norm += (double) f * f;
            }
            bruteForce[r] = !ok;
            queryNorm[r] = ok ? norm : 0.0;
            error[r] = errorScale * (index.maxNorm + norm) + 1e-30;
            below[r] = 0;
            candidateCount[r] = 0;
        }
        queryRows.position(0).put(queryBuf, 0, rows * d);
        for (int p0 = 0; p0 < n; p0 += GemmIndex.BLOCK) {
            int len = Math.min(GemmIndex.BLOCK, n - p0);
            openblas_nolapack.cblas_sgemm(openblas_nolapack.CblasRowMajor, openblas_nolapack.CblasNoTrans,
                    openblas_nolapack.CblasTrans, rows, len, d, 1f, queryRows.position(0), d,
                    items.position((long) p0 * d), d, 0f, products.position(0), len);
            products.position(0).get(productBuf, 0, rows * len);
            for (int r = 0; r < rows; r++) {
                if (bruteForce[r]) {
                    continue;
                }
                if (p0 == 0) {
                    chooseThreshold(r, len, k);
                }
                scan(r, p0, len);
            }
        }
        for (int r = 0; r < rows; r++) {
            if (bruteForce[r] || below[r] < k) {
                bruteForce(query[r], k, out, offset + r * k);
            } else {
                rank(r, k, out, offset + r * k);
            }
        }
    }

    /** t0 from the first block: about k + 3.5 sqrt(k) of N expected below it; + infinity if that is the whole block. */
    private void chooseThreshold(int r, int len, int k) {
        float nq = (float) queryNorm[r];
        int base = r * len;
        for (int i = 0; i < len; i++) {
            sample[i] = index.norms[i] - 2f * productBuf[base + i] + nq;
        }
        int m;
        if (len == n) {
            m = k;
        } else {
            double expected = (double) k * len / n;
            m = (int) Math.ceil(expected + 3.5 * Math.sqrt(expected) + 3); // P(fewer than k below t0) ~ 1e-4
        }
        float t0 = m >= len && len < n ? Float.POSITIVE_INFINITY : DistanceOrder.select(sample, len, Math.min(m, len) - 1);
        threshold[r] = t0;
        double lim = t0 + 2 * error[r];
        float f = (float) lim;
        limit[r] = f >= lim ? f : Math.nextUp(f);
    }

    private void scan(int r, int p0, int len) {
        float nq = (float) queryNorm[r];
        float lim = limit[r];
        float t0 = threshold[r];
        int base = r * len;
        float[] norms = index.norms;
        int count = candidateCount[r];
        int[] pos = candidatePos[r];
        float[] gs = candidateG[r];
        int under = 0;
        for (int i = 0; i < len; i++) {
            float g = norms[p0 + i] - 2f * productBuf[base + i] + nq;
            if (g <= lim) {
                if (count == pos.length) {
                    pos = Arrays.copyOf(pos, 2 * count);
                    gs = Arrays.copyOf(gs, 2 * count);
                    candidatePos[r] = pos;
                    candidateG[r] = gs;
                }
                pos[count] = p0 + i;
                gs[count] = g;
                count++;
                if (g <= t0) {
                    under++;
                }
            }
        }
        candidateCount[r] = count;
        below[r] += under;
    }

    /** T = k-th smallest g; exact distances of the points with g <= T + 2E, sorted by (distance, index). */
    private void rank(int r, int k, int[] out, int offset) {
        int count = candidateCount[r];
        float[] gs = candidateG[r];
        int[] pos = candidatePos[r];
        if (selectBuf.length < count) {
            selectBuf = new float[count];
        }
        System.arraycopy(gs, 0, selectBuf, 0, count);
        double kth = DistanceOrder.select(selectBuf, count, k - 1);
        double bound = kth + 2 * error[r];
        if (rankDist.length < count) {
            rankDist = new double[count];
            rankId = new int[count];
        }
        double[] q = query[r];
        int m = 0;
        for (int i = 0; i < count; i++) {
            if (gs[i] <= bound) {
                int id = index.ids[pos[i]];
                rankId[m] = id;
                rankDist[m] = index.distance(id, q);
                m++;
            }
        }
        DistanceOrder.sort(rankDist, rankId, m);
        System.arraycopy(rankId, 0, out, offset, k);
    }

    /** The definition, in double: every point through the (distance, index) heap. */
    private void bruteForce(double[] q, int k, int[] out, int offset) {
        heap.reset(k);
        for (int i = 0; i < n; i++) {
            heap.offer(index.distance(i, q), i);
        }
        if (offset == 0 && out.length >= k) {
            heap.drainInto(out);
            return;
        }
        int[] row = new int[k];
        heap.drainInto(row);
        System.arraycopy(row, 0, out, offset, k);
    }
}
