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
 * points, one {@code cblas_sgemm} of the stored rows {@code (x, ||x||^2)} against the query rows
 * {@code (-2 q, 1)} gives {@code p = ||x||^2 - 2 x·q} for every pair, so the float distance is
 * {@code p + s} with the per-query constant {@code s = ||q||^2} (on coordinates centred on the
 * set's mean, which keeps the norms, and so the rounding error, small). The ranking works on p
 * alone. The first block is a uniform sample of the set (the index is shuffled), so its p values
 * give each query a threshold t0 expected to let about k + 3.5 sqrt(k) points through; every
 * block keeps only the points with {@code p <= t0 + 2E}: one float compare per pair.
 *
 * <p>Why the result is exact: with u = 2^-24, M = max ||x - c||^2 over the set and
 * Q = ||q - c||^2 (both of the float-rounded centred vectors),
 * {@code E = u ((2d + 10) M + (d + 8) Q) + 1e-30 (1 + M + Q)} bounds |p + s - D| for every point,
 * where D is the contract's double distance. The float dot product over d + 1 terms, summed in any
 * order with or without FMA, is off by at most gamma_{d+1} ~ (d + 1) u times the sum of the
 * terms' magnitudes, {@code 2 sum |x_j q_j| + ||x||^2 <= 2M + Q}; the stored norm's rounding adds
 * u M; rounding the centred coordinates to float moves the distance by at most 4 u (M + Q) (plus
 * O(u^2)). That is (2d + 7) u M + (d + 5) u Q; the remaining 3 u (M + Q) covers the O(u^2) terms
 * and the double evaluations of D, s and the bounds (relative 2^-53 each), and the absolute term
 * covers float underflow (at most 2^-149 per rounded value). Let T be the k-th smallest p.
 * There are k points with p <= T, so their D <= T + s + E, so every point of the true
 * k nearest (ties included) has D <= T + s + E and p <= T + 2E. When at least k points had
 * p <= t0 then T <= t0 and every such point was kept. The kept points with p <= T + 2E are sorted
 * by p; where two neighbours in that order are more than 2E apart their exact distances are
 * ordered the same way (D <= p + s + E < p' + s - E <= D'), so only runs of points closer than
 * 2E in p (duplicates, ties, near-ties: rare) need their exact D, and are sorted by (D, index).
 * Otherwise (a bad sample: rare), and for queries or points too far out for float, the query is
 * answered by the exact double brute force.
 *
 * <p>With the vector API ({@link GemmIndex#VECTOR_SCAN}) only the sample block goes through BLAS;
 * the rest is scanned by {@link VectorScan}, which computes the same p (within the same bound E)
 * in registers and compares it with the limit there, instead of writing 64 x 1,024 products per
 * block, copying them to the heap and reading them again. The answer is the same either way.
 * There a batch's rows are also grouped around leaders ({@link QueryGroups}, see
 * {@link #groupedScan}): close queries share one scan, each member scoring only its leader's ball.
 *
 * <p>Not thread-safe: one instance per thread (they share the {@link GemmIndex}). Each holds
 * about 1 MiB of off-heap scratch.
 */
public final class GemmSearch implements NeighbourSearch {

    /** Queries per GEMM (the critic target's batch of 64 is one). */
    public static final int QUERY_BLOCK = 64;
    /** Relative widening of {@link #split}'s limits: far above the doubles' rounding (1e-15), far below the geometry. */
    static final double SPLIT_SLACK = 1e-9;

    private final GemmIndex index;
    private final int n;
    private final int d;
    private final int width;

    private final FloatPointer items;
    private final FloatPointer queryRows;
    private final FloatPointer products;
    private final float[] queryBuf;
    private final float[] productBuf;
    private final double[][] query = new double[QUERY_BLOCK][];
    private final double[] error = new double[QUERY_BLOCK];
    private final float[] threshold = new float[QUERY_BLOCK];
    /** True when threshold[r] is exactly row r's k-th smallest p (a group member's, from its ball). */
    private final boolean[] thresholdIsKth = new boolean[QUERY_BLOCK];
    private final float[] limit = new float[QUERY_BLOCK];
    private final VectorScan.Hits hits = new VectorScan.Hits();
    private final double[] queryNorm = new double[QUERY_BLOCK];
    private final QueryGroups groups = new QueryGroups(QUERY_BLOCK);
    /** A scan's query rows (compacted: the rows it answers, padded to 4), their limits and rows. */
    private final float[] slotBuf;
    private final float[] slotLimit = new float[QUERY_BLOCK];
    private final int[] slotRow = new int[QUERY_BLOCK];
    /** Each group leader's ball: stored positions and rows, for its members' products (made on first use). */
    private final LeaderBall[] balls = new LeaderBall[QUERY_BLOCK];
    /** The limit each leader's ball was kept with (every point with p <= it is in the ball). */
    private final float[] ballLimit = new float[QUERY_BLOCK];
    /**
     * Per leader row: the ball's core, the points that are among every member's k nearest (their
     * indices), for {@link #nearestSets}; per row: how many of its k come from its leader's core.
     */
    private final int[][] cores = new int[QUERY_BLOCK][];
    private final int[] coreCount = new int[QUERY_BLOCK];
    /** The ball's points between its core and its members' reach: all the members rank. */
    private final LeaderBall shell;
    /** The members' p over a ball, one row of {@code stride} per member, and a select's scratch. */
    private float[] ballProducts = new float[0];
    private float[] ballScratch = new float[0];
    private final int[] bucketCounts = new int[DistanceOrder.BUCKETS];
    private final boolean[] bruteForce = new boolean[QUERY_BLOCK];
    private final float[] sample;
    private final CandidateHeap heap = new CandidateHeap(16);
    private final Candidates candidates;

    /** A search over a new index of {@code actions} (see {@link GemmIndex#GemmIndex(ActionSet)}). */
    public GemmSearch(ActionSet actions) {
        this(new GemmIndex(actions));
    }

    /** A search over a shared, already built index; this instance holds only per-query scratch. */
    public GemmSearch(GemmIndex index) {
        this.index = Objects.requireNonNull(index, "index");
        this.n = index.n;
        this.d = index.d;
        this.width = index.width;
        int block = Math.min(n, GemmIndex.BLOCK);
        this.items = new FloatPointer(index.centred);
        this.queryRows = new FloatPointer((long) QUERY_BLOCK * width);
        this.products = new FloatPointer((long) QUERY_BLOCK * block);
        this.queryBuf = new float[QUERY_BLOCK * width];
        this.productBuf = new float[QUERY_BLOCK * block];
        this.sample = new float[block];
        this.candidates = new Candidates(QUERY_BLOCK, index);
        this.slotBuf = new float[QUERY_BLOCK * width];
        this.shell = new LeaderBall(width);
        for (int r = 0; r < QUERY_BLOCK; r++) {
            query[r] = new double[d];
        }
    }

    /** The shared index this search scans. */
    public GemmIndex index() {
        return index;
    }

    /** The last batch's groups (tests check that a coherent batch was grouped). */
    QueryGroups groups() {
        return groups;
    }

    /** How many of row r's k the last batch took from its leader's core (tests check that the split ran). */
    int lastCore(int r) {
        return coreCount[r];
    }

    @Override
    public int dim() {
        return d;
    }

    @Override
    public void nearest(double[] q, int k, int[] out) {
        NeighbourSearch.checkArguments(n, d, q, k, out);
        System.arraycopy(q, 0, query[0], 0, d);
        searchRows(1, k, out, 0, true);
    }

    /**
     * All queries of the batch through one GEMM per block of points (64 queries at a time), as
     * {@link #nearest} would answer each. Allocates nothing once warm (candidate lists grow to
     * their largest size and stay).
     */
    @Override
    public void nearestBatch(float[] queries, int count, int k, int[] out) {
        batch(queries, count, k, out, true);
    }

    /**
     * As {@link #nearestBatch}, each row's k unordered: the k-th smallest p by selection, and
     * exact distances only for the candidates within 2E of it ({@link Candidates#rankSet}), no sort.
     */
    @Override
    public void nearestSets(float[] queries, int count, int k, int[] out) {
        batch(queries, count, k, out, false);
    }

    private void batch(float[] queries, int count, int k, int[] out, boolean ordered) {
        NeighbourSearch.checkBatch(queries, count, d, k, out);
        for (int r0 = 0; r0 < count; r0 += QUERY_BLOCK) {
            int rows = Math.min(QUERY_BLOCK, count - r0);
            for (int r = 0; r < rows; r++) {
                for (int j = 0; j < d; j++) {
                    query[r][j] = queries[(r0 + r) * d + j];
                }
                NeighbourSearch.checkArguments(n, d, query[r], k, out);
            }
            searchRows(rows, k, out, r0 * k, ordered);
        }
    }

    /** Answers query[0..rows) into out[offset + r k ..], each row nearest first when {@code ordered}. */
    private void searchRows(int rows, int k, int[] out, int offset, boolean ordered) {
        for (int r = 0; r < rows; r++) {
            double norm = index.queryRow(query[r], queryBuf, r * width);
            bruteForce[r] = norm < 0;
            double q2 = Math.max(norm, 0.0);
            queryNorm[r] = q2;
            error[r] = index.error(q2);
            candidates.count[r] = 0;
            thresholdIsKth[r] = false;
            coreCount[r] = 0;
        }
        queryRows.position(0).put(queryBuf, 0, rows * width);
        // the sample block first (its p values choose the thresholds), then L2-sized blocks
        int sampleLen = Math.min(n, GemmIndex.BLOCK);
        boolean grouped = index.lanes != null && sampleLen < n; // the vector scan: BLAS only for the sample
        int gemmEnd = grouped ? sampleLen : n;
        for (int p0 = 0; p0 < gemmEnd; ) {
            int len = p0 == 0 ? sampleLen : Math.min(GemmIndex.SCAN_BLOCK, n - p0);
            openblas_nolapack.cblas_sgemm(openblas_nolapack.CblasRowMajor, openblas_nolapack.CblasNoTrans,
                    openblas_nolapack.CblasTrans, rows, len, width, 1f, queryRows.position(0), width,
                    items.position((long) p0 * width), width, 0f, products.position(0), len);
            products.position(0).get(productBuf, 0, rows * len);
            if (grouped) {
                break; // the groups decide which rows take the sample (groupedScan)
            }
            for (int r = 0; r < rows; r++) {
                if (bruteForce[r]) {
                    continue;
                }
                if (p0 == 0) {
                    chooseThreshold(r, len, k);
                }
                scan(r, p0, len);
            }
            p0 += len;
        }
        if (grouped) {
            groupedScan(rows, sampleLen, k, ordered);
        }
        for (int r = 0; r < rows; r++) {
            int ranks = k - coreCount[r]; // a member's others come from its leader's core
            boolean ranked = !bruteForce[r] && (ordered
                    ? candidates.rank(r, k, threshold[r], error[r], query[r], out, offset + r * k)
                    : candidates.rankSet(r, ranks, threshold[r], thresholdIsKth[r], error[r], query[r], out, offset + r * k));
            if (ranked && ranks < k) {
                System.arraycopy(cores[groups.leader[r]], 0, out, offset + r * k + ranks, k - ranks);
            }
            if (!ranked) {
                bruteForce(query[r], k, out, offset + r * k);
            }
        }
    }

    /**
     * The search past the sample block for rows whose sample products are in {@link #productBuf}:
     * the rows are grouped ({@link QueryGroups}); each leader takes its threshold from the sample
     * and scans the rest through {@link VectorScan} (products in registers, never in memory),
     * keeping the points with p <= limit as {@link #scan} does, and, when it has members, its
     * ball. Each member then computes p for the ball's points only (about 2,000 of 100,000 on
     * Catalog-v0), takes the k-th smallest as its T and keeps those within T + 2E.
     *
     * <p>Why a member's answer is the same: with r_k(q) the distance of q's k-th nearest point,
     * the sample proves r_k(c)^2 <= t0 + s + E for the leader c, and r_k(q_r) <= r_k(c) + delta.
     * Ranking needs the points with p_r <= T_r + 2E_r, where T_r <= r_k(q_r)^2 - s_r + E_r, so
     * with D_r <= p + s + E: D_r <= r_k(q_r)^2 + 4E_r <= (R_c + delta)^2 for
     * R_c^2 = t0 + s + E + 4 max E (the max over the batch's rows). So those points lie within
     * R_c + 2 delta <= rho of q_c, in the ball, which keeps every point with
     * p_c <= rho^2 - s_c + E_c (that is D_c <= rho^2, and some more). The ball holds the k points
     * with p_r <= T_r, so its k-th smallest p_r is T_r, and the points within T_r + 2E_r are all
     * that {@link Candidates#rank} uses.
     *
     * <p>For unordered sets ({@link #nearestSets}) the members rank only the ball's shell
     * ({@link #split}): its core is in every member's answer as it is.
     */
    private void groupedScan(int rows, int sampleLen, int k, boolean ordered) {
        double maxError = 0.0;
        for (int r = 0; r < rows; r++) {
            maxError = Math.max(maxError, bruteForce[r] ? 0.0 : error[r]);
        }
        groups.reset();
        for (int r = 0; r < rows; r++) {
            if (bruteForce[r]) {
                groups.skip(r);
            } else if (groups.join(query, r, d) < 0) {
                chooseThreshold(r, sampleLen, k);
                scan(r, 0, sampleLen);
                double t0 = threshold[r];
                groups.lead(r, t0 < Double.POSITIVE_INFINITY
                        ? Math.sqrt(Math.max(0.0, t0 + queryNorm[r] + error[r] + 4 * maxError)) * (1 + QueryGroups.MARGIN)
                        : Double.NaN);
            } // a member's threshold comes from its leader's ball (or, for a wide ball, the sample below)
        }
        int slots = 0;
        for (int g = 0; g < groups.leaderCount; g++) {
            int c = groups.leaders[g];
            float lim = limit[c];
            if (groups.members[c] > 0) { // keep the ball: D_c <= rho^2 implies p <= rho^2 - s + E
                double b = groups.ball[c];
                lim = roundUp(b * b - queryNorm[c] + error[c]);
                if (balls[c] == null) {
                    balls[c] = new LeaderBall(width);
                }
                balls[c].clear();
                ballLimit[c] = lim;
                for (int i = 0; i < sampleLen; i++) { // the sample block's part of the ball
                    float p = productBuf[c * sampleLen + i];
                    if (p <= lim) {
                        balls[c].add(index.lanes, i, p);
                    }
                }
            }
            slots = addSlot(slots, c, lim);
        }
        scanSlots(index.lanes, sampleLen, n, slots);
        for (int g = 0; g < groups.leaderCount; g++) {
            int c = groups.leaders[g];
            if (groups.members[c] == 0) {
                continue;
            }
            int m = balls[c].count;
            if (wide(m, k)) { // a wide ball (a lumpy set): these members scan everything after all
                continue;
            }
            slots = 0;
            for (int r = 0; r < rows; r++) {
                if (groups.leader[r] == c && r != c) {
                    slots = addSlot(slots, r, Float.NaN);
                }
            }
            int core = ordered ? -1 : split(c, slots, k);
            LeaderBall ranked = core < 0 ? balls[c] : shell;
            core = Math.max(core, 0);
            int count = ranked.count;
            ranked.pad();
            int stride = ranked.padded();
            int slots4 = padSlots(slots);
            if (ballProducts.length < slots4 * stride) {
                ballProducts = new float[Math.max(slots4 * stride, 2 * ballProducts.length)];
            }
            VectorScan.products(ranked.lanes, width, count, slotBuf, slots4, ballProducts, stride);
            for (int slot = 0; slot < slots; slot++) {
                fromBall(slotRow[slot], ranked, count, slot * stride, k - core);
                coreCount[slotRow[slot]] = core;
            }
        }
        slots = 0;
        for (int r = 0; r < rows; r++) {
            if (groups.isMember(r) && wide(balls[groups.leader[r]].count, k)) {
                chooseThreshold(r, sampleLen, k); // the sample products are still in productBuf
                scan(r, 0, sampleLen);
                slots = addSlot(slots, r, limit[r]);
                groups.skip(r); // from here on an ungrouped row: its hits are its own candidates
            }
        }
        scanSlots(index.lanes, sampleLen, n, slots);
    }

    /** A float at or above {@code value}. */
    static float roundUp(double value) {
        float f = (float) value;
        return f >= value ? f : Math.nextUp(f);
    }

    /** A ball too wide to share (more than a quarter of the set), or too small to hold k (never, by the proof). */
    private boolean wide(int m, int k) {
        return m > n / 4 || m < k;
    }

    /**
     * Splits leader c's ball for its members (scan slots [0, slots)) into a core, the points
     * certainly among every member's k nearest, and a shell, the other points any member's k
     * nearest can include ({@link #shell}); returns the core's size, its indices in
     * {@code cores[c]}, or -1 when the ball is to be ranked whole (a split proves nothing).
     *
     * <p>Why: with T_c the ball's k-th smallest leader p (the k-th of the whole set: the ball
     * holds every point with p_c <= t0), r_k(q_c)^2 lies in [T_c + s_c - E_c, T_c + s_c + E_c],
     * and with delta = ||q_r - q_c||, r_k(q_c) - delta <= r_k(q_r) <= r_k(q_c) + delta. A point
     * with sqrt(p_c + s_c + E_c) < sqrt(T_c + s_c - E_c) - 2 delta is nearer to q_r than
     * r_k(q_r) by the triangle inequality, so in every k-nearest answer of q_r (ties are at
     * r_k); a point of q_r's k nearest has ||x - q_c|| <= r_k(q_r) + delta, so
     * p_c <= (sqrt(T_c + s_c + E_c) + 2 delta)^2 - s_c + E_c. The limits are moved outward by
     * {@link #SPLIT_SLACK} of their magnitude for the doubles' rounding. Each member's answer is
     * then the core and its k - core nearest of the shell, which is what its ranking is given.
     * When the 64 target proto-actions nearly coincide (delta far below r_k), the shell is a
     * thin layer and a member ranks a few hundred points instead of the ball's thousands.
     */
    private int split(int c, int slots, int k) {
        LeaderBall ball = balls[c];
        float tc = rankOf(ball.p, 0, ball.count, k - 1);
        double sc = queryNorm[c];
        double ec = error[c];
        double inner = Math.sqrt(Math.max(0.0, tc + sc - ec)); // <= r_k(q_c)
        double outer = Math.sqrt(tc + sc + ec); // >= r_k(q_c)
        double coreLimit = Double.POSITIVE_INFINITY;
        double shellLimit = Double.NEGATIVE_INFINITY;
        for (int slot = 0; slot < slots; slot++) {
            double delta = Math.sqrt(QueryGroups.squaredDistance(query[slotRow[slot]], query[c], d)) * (1 + SPLIT_SLACK);
            double in = inner - 2 * delta;
            double core = in > 0 ? in * in - sc - ec : Double.NEGATIVE_INFINITY;
            double out = outer + 2 * delta;
            double reach = out * out - sc + ec;
            coreLimit = Math.min(coreLimit, core - SPLIT_SLACK * (Math.abs(core) + sc + ec));
            shellLimit = Math.max(shellLimit, reach + SPLIT_SLACK * (Math.abs(reach) + sc + ec));
        }
        if (!(shellLimit <= ballLimit[c])) {
            return -1; // the members' reach passes the ball (never by the join rule; kept as a guard)
        }
        if (cores[c] == null || cores[c].length < k) {
            cores[c] = new int[k];
        }
        int size = ball.split(coreLimit, shellLimit, k, index.ids, cores[c], shell);
        return size >= 0 && shell.count >= k - size ? size : -1;
    }

    /**
     * Member r's candidates from a ball of its leader (the whole ball, or its shell with k its
     * k - core): the ball's p values for r are at {@code ballProducts[base ..]}; their k-th
     * smallest is T_r (the ball holds every point with p_r <= T_r + 2E_r, so the k nearest),
     * and the points with p <= T_r + 2E_r become r's candidates with threshold T_r: what
     * {@link Candidates#rank} needs, and no more.
     */
    private void fromBall(int r, LeaderBall ball, int m, int base, int k) {
        float t = rankOf(ballProducts, base, m, k - 1);
        threshold[r] = t;
        thresholdIsKth[r] = true;
        double hi = t + 2 * error[r];
        Candidates cand = candidates;
        cand.reserve(r, m);
        int[] ids = cand.id[r];
        float[] ps = cand.p[r];
        int count = cand.count[r];
        int[] pos = ball.positions;
        int[] stored = index.ids;
        for (int i = 0; i < m; i++) { // branch-free: about half the ball passes, a branch would mispredict
            float p = ballProducts[base + i];
            ids[count] = stored[pos[i]];
            ps[count] = p;
            count += p <= hi ? 1 : 0;
        }
        cand.count[r] = count;
    }

    /** {@link DistanceOrder#rankOf} of {@code a[from .. from + m)} with this search's scratch (grown to m). */
    private float rankOf(float[] a, int from, int m, int rank) {
        if (ballScratch.length < m) {
            ballScratch = new float[Math.max(m, 2 * ballScratch.length)];
        }
        return DistanceOrder.rankOf(a, from, m, rank, ballScratch, bucketCounts);
    }

        /** Pads the scan slots to a multiple of 4 with zero queries and NaN limits; returns that multiple. */
    private int padSlots(int slots) {
        int slots4 = (slots + 3) & ~3;
        for (int s = slots; s < slots4; s++) {
            Arrays.fill(slotBuf, s * width, (s + 1) * width, 0f);
            slotLimit[s] = Float.NaN;
        }
        return slots4;
    }

    /** Puts row r's query into scan slot {@code slot} with limit {@code lim}; returns slot + 1. */
    private int addSlot(int slot, int r, float lim) {
        System.arraycopy(queryBuf, r * width, slotBuf, slot * width, width);
        slotLimit[slot] = lim;
        slotRow[slot] = r;
        return slot + 1;
    }

    /**
     * Scans positions [from, to) of {@code lanes} against the first {@code slots} slots (padded
     * to 4 with NaN limits, which nothing passes) and files the hits as candidates; a leader
     * with members also keeps its ball (every hit: the slot's limit is the ball's).
     */
    private void scanSlots(float[] lanes, int from, int to, int slots) {
        if (slots == 0) {
            return;
        }
        int slots4 = padSlots(slots);
        VectorScan.Hits h = hits;
        for (int p0 = from; p0 < to; p0 += GemmIndex.SCAN_BLOCK) {
            int end = Math.min(to, p0 + GemmIndex.SCAN_BLOCK);
            h.reserve(slots4 * (end - p0 + 2 * VectorScan.GROUP));
            h.count = 0;
            if (slots == 1) {
                VectorScan.scanOne(lanes, width, p0, end, slotBuf, slotLimit[0], h);
            } else {
                VectorScan.scan(lanes, width, p0, end, slotBuf, slots4, slotLimit, h);
            }
            for (int i = 0; i < h.count; i++) {
                int r = slotRow[h.row[i]];
                int position = h.position[i];
                float p = h.p[i];
                if (groups.members[r] > 0 && groups.leader[r] == r) {
                    balls[r].add(index.lanes, position, p);
                    if (!(p <= limit[r])) {
                        continue;
                    }
                }
                candidates.add(r, index.ids[position], p);
            }
        }
    }

    /** t0 from the first block: about k + 3.5 sqrt(k) of N expected below it; + infinity if that is the whole block. */
    private void chooseThreshold(int r, int len, int k) {
        int m;
        if (len == n) {
            m = k;
        } else {
            double expected = (double) k * len / n;
            m = (int) Math.ceil(expected + 3.5 * Math.sqrt(expected) + 3); // P(fewer than k below t0) ~ 1e-4
        }
        float t0 = m >= len && len < n ? Float.POSITIVE_INFINITY
                : DistanceOrder.smallest(productBuf, r * len, len, Math.min(m, len), sample);
        threshold[r] = t0;
        limit[r] = roundUp(t0 + 2 * error[r]);
    }

    /** Keeps the block's points with p <= limit. */
    private void scan(int r, int p0, int len) {
        Candidates c = candidates;
        c.reserve(r, len); // room for the whole block: no check in the loop
        c.count[r] = keep(productBuf, r * len, len, limit[r], index.ids, p0, c.id[r], c.p[r], c.count[r]);
    }

    /** Appends (ids[p0 + i], p) for each {@code p = buf[base + i] <= lim}; returns the new count. */
    private static int keep(float[] buf, int base, int len, float lim, int[] ids, int p0, int[] id, float[] ps, int count) {
        for (int i = 0; i < len; i++) {
            float p = buf[base + i];
            if (p <= lim) {
                id[count] = ids[p0 + i];
                ps[count] = p;
                count++;
            }
        }
        return count;
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
