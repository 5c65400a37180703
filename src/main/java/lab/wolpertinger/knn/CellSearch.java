package lab.wolpertinger.knn;

import java.util.Arrays;
import java.util.Objects;

/**
 * Approximate k-nearest-neighbour search over a {@link CellIndex} (an inverted file): the cells
 * are taken nearest centroid first until they hold {@code max(probe k, N / }{@link #MIN_SHARE_DIVISOR}{@code )}
 * points, and only those points are scanned, with the exact search's arithmetic and ranking. So
 * the answer is the exact k nearest among the scanned points, nearest first by (distance, index):
 * always k distinct items; it misses the true neighbours that lie in cells it did not open
 * ({@link Recall} measures how many). The quality knob is {@code probe} (more: higher recall,
 * a longer scan); at probe k >= N every point is scanned and the answer is brute force's.
 *
 * <p>Why cells and not a proximity graph (the JVector graph this replaced): at k = 1 % of N a
 * graph's beam of k visits k x degree points in random order, slower than streaming the whole
 * table; a cell scan streams a few hundred contiguous runs, about probe k points (README,
 * Neighbour search).
 *
 * <p>Per query: distances to the centroids and a partial order of the cells; p = ||x||^2 - 2 x·q
 * of a uniform sample of the chosen runs ({@link VectorScan#productsOne}) gives a threshold t0
 * expected to let about k + 3 sqrt(k) of the scanned points through; then each run is scanned
 * and its points with p <= t0 + 2E get their exact distance D at once (the float error
 * bound E and the proof that these hold the k nearest among the scanned points, when at least k
 * have p <= t0, are {@link GemmSearch}'s); {@link Candidates#rank} orders them by (float) D, exact
 * (D, index) where floats are equal. Should fewer than k pass t0, the runs are filed again with
 * a threshold of 8 sqrt(k), then with no limit.
 *
 * <p>Not thread-safe (scratch per instance): one per thread; they share the index.
 */
public final class CellSearch implements NeighbourSearch {

    /** Default probe: recall@k >= 0.95 at N = 1M, d = 16 for k = 100 and 10,000 (README, bench). */
    public static final int DEFAULT_PROBE = 12;
    /** The scan opens cells holding at least N / MIN_SHARE_DIVISOR points, whatever k (small k needs the neighbours' cells). */
    public static final int MIN_SHARE_DIVISOR = 20;
    /** The threshold's sample: one block of SAMPLE_BLOCK positions in every SAMPLE_EVERY along the runs. */
    static final int SAMPLE_EVERY = 16;
    static final int SAMPLE_BLOCK = 16;

    private static final int PAIR = 2 * VectorScan.GROUP;

    private final CellIndex index;
    /** The threshold's margins in sqrt(k), first try and retry (tests set them low to take the retries). */
    int[] margins = {3, 8};
    private final boolean vector;
    private final GemmIndex rows;
    private final int probe;
    private final int n;
    private final int d;
    private final int width;
    private final float[] queryBuf;
    private final double[] cellDist;
    private final int[] cellId;
    private final float[] cellKey;
    private float[] selectScratch;
    private final int[] bucketCounts = new int[DistanceOrder.BUCKETS];
    /** The runs to scan (stored positions [runFrom, runTo), whole pairs of groups) and how many. */
    private int[] runFrom = new int[16];
    private int[] runTo = new int[16];
    private int runs;
    /** The threshold sample's p values, and one run's. */
    private float[] sampleP = new float[16];
    private float[] products = new float[16];
    /** Points in the runs (without the table's padding), set with them. */
    private long scanned;
    /** The group whose 8 exact distances groupDist holds (-1: none, for this query). */
    private int distGroup = -1;
    private final double[] groupDist = new double[VectorScan.GROUP];
    private final Candidates candidates;
    /** The candidates' exact distances and indices, by slot ({@link Candidates#resolve}). */
    private double[] slotDist = new double[16];
    private int[] slotId = new int[16];
    private BruteForceSearch bruteForce;
    /** The ball the running scan keeps (null: none), its limit on p, and the last search's ball radius (NaN: none). */
    private LeaderBall keep;
    private float keepLimit;
    private double keepRadius;
    /** This batch's leaders and their balls. */
    private final CellLeaders leaders;
    private int[] rescan = new int[0];
    private final double[] batchQuery;
    private float[] ballP = new float[16];

    /** A search over a shared index with the default {@link #DEFAULT_PROBE}. */
    public CellSearch(CellIndex index) {
        this(index, DEFAULT_PROBE);
    }

    /**
     * @param probe points scanned per neighbour asked for, >= 1
     * @throws IllegalArgumentException if probe < 1
     */
    public CellSearch(CellIndex index, int probe) {
        this(index, probe, GemmIndex.VECTOR_SCAN);
    }

    /** As {@link #CellSearch(CellIndex, int)}, with the vector API or the plain loops (tests check both). */
    CellSearch(CellIndex index, int probe, boolean vector) {
        this.index = Objects.requireNonNull(index, "index");
        this.vector = vector;
        if (probe < 1) {
            throw new IllegalArgumentException("probe must be >= 1, got " + probe);
        }
        this.probe = probe;
        this.rows = index.rows;
        this.n = index.n;
        this.d = index.d;
        this.width = rows.width;
        this.queryBuf = new float[width];
        this.batchQuery = new double[d];
        this.leaders = new CellLeaders(d, width);
        this.cellDist = new double[index.cells];
        this.cellId = new int[index.cells];
        this.cellKey = new float[index.centroidLanes.length / (index.d + 1)];
        this.selectScratch = new float[index.cells];
        this.candidates = new Candidates(1, rows);
        candidates.resolve(slotDist, slotId);
    }

    /** The quality knob. */
    public int probe() {
        return probe;
    }

    /** The shared index. */
    public CellIndex index() {
        return index;
    }

    @Override
    public int dim() {
        return d;
    }

    @Override
    public void nearest(double[] query, int k, int[] out) {
        NeighbourSearch.checkArguments(n, d, query, k, out);
        search(query, k, out, 0);
    }

    /**
     * A batch of queries (the critic targets' proto-actions), each answered as {@link #nearest}
     * would, except that a query close to an earlier one of the batch (its leader) is answered
     * from the points the leader scanned: the exact k nearest among them. A saturated target actor
     * puts a batch's 64 proto-actions within about 1 % of the k-ball's radius of each other, so one
     * cell scan serves them all and each member ranks only the leader's ball (a few k points),
     * as {@link GemmSearch} shares its exact scan ({@link QueryGroups}).
     *
     * <p>Why a member's answer is the k nearest among the leader's scanned points S: the leader's
     * k nearest in S lie within R_c (its k-th distance) of q_c, so within R_c + delta of a member
     * q_r with delta = ||q_r - q_c||; so q_r's k nearest in S lie there too, within R_c + 2 delta of
     * q_c. The batch's first query keeps, during its scan, every point of S with
     * p <= rho^2 - ||q_c||^2 + E (a later leader's scan is run once more for its first member, so a
     * batch of scattered queries keeps one ball at most), which holds every point
     * of S within rho = (1 + {@link QueryGroups#SLACK}) R' of q_c (R' the radius its sample's
     * threshold stands for), and a query joins when R_c + 2 delta <= rho. The member then ranks
     * the ball as the single search ranks its scan: its k-th smallest p is T, the points with
     * p <= T + 2E are filed with their exact D, and {@link Candidates#rank} orders them.
     */
    @Override
    public void nearestBatch(float[] queries, int count, int k, int[] out) {
        batch(queries, count, k, out, true);
    }

    /**
     * {@link #nearestBatch} without the order within each row: a member's k are then the set
     * {@link Candidates#rankSet} selects, exact distances only for the few within 2E of the k-th.
     */
    @Override
    public void nearestSets(float[] queries, int count, int k, int[] out) {
        batch(queries, count, k, out, false);
    }

    private void batch(float[] queries, int count, int k, int[] out, boolean ordered) {
        NeighbourSearch.checkBatch(queries, count, d, k, out);
        leaders.reset();
        double[] q = batchQuery;
        for (int r = 0; r < count; r++) {
            for (int j = 0; j < d; j++) {
                q[j] = queries[r * d + j];
            }
            NeighbourSearch.checkArguments(n, d, q, k, out);
            int g = leaders.find(q);
            if (g >= 0 && !leaders.isBuilt(g)) {
                buildBall(g, k);
            }
            if (g >= 0 && fromBall(g, q, k, out, r * k, ordered)) {
                continue;
            }
            lead(q, k, out, r * k, r == 0 && count > 1);
        }
    }

    /** How many of the last batch's queries led a scan of their own (the rest were answered from their balls). */
    int lastLeaders() {
        return leaders.count;
    }

    /**
     * Searches q as a leader of this batch and records its centre and radii. Its ball is kept at
     * once when {@code keepBall} (the batch's first query, which a saturated actor's batch follows
     * all the way), else built when a member first needs it.
     */
    private void lead(double[] q, int k, int[] out, int offset, boolean keepBall) {
        keep = keepBall ? leaders.nextBall() : null;
        try {
            search(q, k, out, offset);
        } finally {
            keep = null;
        }
        if (!Double.isNaN(keepRadius)) { // else no ball (a point too far out, or a threshold that kept everything)
            leaders.add(q, keepRadius, Math.sqrt(rows.distance(out[offset + k - 1], q)), keepBall);
        }
    }

    /**
     * Leader g's ball, for its first member (leaders after the batch's first): the leader's search once more (the same runs, the same
     * threshold, so the same radius) with the scan keeping the ball. One more scan per group with
     * members saves a scan per member; balls only for groups keep the memory to a few of them.
     */
    private void buildBall(int g, int k) {
        if (rescan.length < k) {
            rescan = new int[k];
        }
        keep = leaders.ball(g);
        try {
            search(leaders.centre(g), k, rescan, 0);
        } finally {
            keep = null;
        }
        leaders.built(g);
    }

    /**
     * Member q's k nearest among leader g's ball into {@code out[offset ..]}, nearest first; false
     * (nothing written) for a query too far out for float, which then searches on its own.
     */
    private boolean fromBall(int g, double[] q, int k, int[] out, int offset, boolean ordered) {
        LeaderBall ball = leaders.ball(g);
        double q2 = rows.queryRow(q, queryBuf, 0);
        if (q2 < 0 || ball.count < k) {
            return false;
        }
        double error = rows.error(q2);
        int padded = ball.padded();
        if (ballP.length < padded) {
            ballP = new float[Math.max(padded, 2 * ballP.length)];
        }
        if (selectScratch.length < ball.count) {
            selectScratch = new float[Math.max(ball.count, 2 * selectScratch.length)];
        }
        products(ball.lanes, 0, padded, ballP, 0);
        float t = DistanceOrder.rankOf(ballP, 0, ball.count, k - 1, selectScratch, bucketCounts);
        float lim = GemmSearch.roundUp(t + 2 * error);
        // ordered: keyed by (float) D, each candidate's exact D; a set: keyed by p, exact D only in
        // rankSet's band [t - 2E, t + 2E] (the rest is in or out by p alone)
        double band = ordered ? Double.NEGATIVE_INFINITY : (double) t - 2 * error;
        candidates.count[0] = 0;
        distGroup = -1;
        int slot = 0;
        for (int i = 0; i < ball.count; i++) {
            float p = ballP[i];
            if (p <= lim) {
                int position = ball.positions[i];
                double dist = p < band ? 0.0 : exactDistance(ball.lanes, i, position, q);
                slot = fileSlot(slot, position, dist, ordered ? (float) dist : p);
            }
        }
        if (ordered) {
            candidates.rank(0, k, Float.POSITIVE_INFINITY, 0.0, q, out, offset);
        } else {
            candidates.rankSet(0, k, t, true, error, q, out, offset);
        }
        return true;
    }

    /** The single search, its answer into {@code out[offset ..]}; keeps the ball when {@link #keep} is set. */
    private void search(double[] query, int k, int[] out, int offset) {
        keepLimit = Float.NEGATIVE_INFINITY;
        keepRadius = Double.NaN;
        double q2 = rows.queryRow(query, queryBuf, 0);
        if (q2 < 0) { // too far out for float
            if (bruteForce == null) {
                bruteForce = new BruteForceSearch(index.actions);
            }
            if (offset == 0) {
                bruteForce.nearest(query, k, out);
            } else {
                int[] row = new int[k];
                bruteForce.nearest(query, k, row);
                System.arraycopy(row, 0, out, offset, k);
            }
            return;
        }
        double error = rows.error(q2);
        long quota = Math.min(n, Math.max((long) probe * k, (n + MIN_SHARE_DIVISOR - 1) / MIN_SHARE_DIVISOR));
        chooseRuns(quota);
        int sampled = sample();
        // the sample's threshold lets fewer than k through now and then: twice the margin, then everything
        for (int attempt = 0; ; attempt++) {
            float t0 = attempt < margins.length ? threshold(sampled, k, margins[attempt]) : Float.POSITIVE_INFINITY;
            float lim = t0 == Float.POSITIVE_INFINITY ? t0 : GemmSearch.roundUp(t0 + 2 * error);
            keepBall(t0, q2, error);
            if (file(lim, t0, query) >= k || t0 == Float.POSITIVE_INFINITY) {
                break;
            }
        }
        // the candidates are filed by (float) D, which rounds monotonically: distinct floats are
        // in exact order, and only equal ones (error 0) need their exact (D, index)
        candidates.rank(0, k, Float.POSITIVE_INFINITY, 0.0, query, out, offset);
    }

    /**
     * The ball's radius rho = (1 + SLACK) R' with R'^2 = t0 +
     * ||q||^2 + E (about the sample's k + 3 sqrt(k)-th distance) and its limit on p, rho^2 - ||q||^2
     * + E (at least t0 + 2E, so the candidates' limit never passes more); none for t0 = infinity.
     */
    private void keepBall(float t0, double q2, double error) {
        if (t0 == Float.POSITIVE_INFINITY) {
            keepRadius = Double.NaN;
            keepLimit = Float.NEGATIVE_INFINITY;
        } else {
            keepRadius = Math.sqrt(Math.max(0.0, t0 + q2 + error)) * (1 + QueryGroups.SLACK);
            keepLimit = GemmSearch.roundUp(keepRadius * keepRadius - q2 + error);
        }
        if (keep != null) {
            keep.clear();
        }
    }

    /**
     * The stored runs to scan: the cells nearest the query (by centroid, ties to the lower cell)
     * until they hold {@code quota} points, each widened to whole pairs of groups of the lanes
     * table (the scan reads 16 points at a time) and merged where they touch, so that no point is
     * scanned twice. The widening adds at most 30 points of neighbouring cells per cell: scanned,
     * so ranked like the rest.
     */
    private void chooseRuns(long quota) {
        int cells = index.cells;
        // ||c||^2 - 2 c·q: the squared distance less ||q||^2, in float (the order of the cells needs no more)
        products(index.centroidLanes, 0, cellKey.length, cellKey, 0);
        int chosen = 0;
        if (quota >= n) {
            for (int c = 0; c < cells; c++) {
                cellId[c] = c;
            }
            chosen = cells;
        } else {
            // a guess at how many cells hold the quota, doubled until the nearest of them do
            int guess = (int) Math.min(cells, 2 * (quota * cells / n) + 8);
            while (true) {
                float cut = guess >= cells ? Float.POSITIVE_INFINITY
                        : DistanceOrder.rankOf(cellKey, 0, cells, guess - 1, selectScratch, bucketCounts);
                int m = 0;
                for (int c = 0; c < cells; c++) {
                    if (cellKey[c] <= cut) {
                        cellId[m] = c;
                        cellDist[m] = cellKey[c];
                        m++;
                    }
                }
                DistanceOrder.sort(cellDist, cellId, m);
                long held = 0;
                while (chosen < m && held < quota) {
                    held += index.cellSize(cellId[chosen++]);
                }
                if (held >= quota || guess >= cells) {
                    break;
                }
                guess = Math.min(cells, 2 * guess);
                chosen = 0;
            }
        }
        // runs in stored order, widened to pairs of groups and merged
        int pair = PAIR;
        Arrays.sort(cellId, 0, chosen);
        runs = 0;
        for (int i = 0; i < chosen; i++) {
            int c = cellId[i];
            int from = index.cellStart[c] / pair * pair;
            int to = (index.cellStart[c + 1] + pair - 1) / pair * pair;
            if (from == to) {
                continue;
            }
            if (runs > 0 && from <= runTo[runs - 1]) {
                runTo[runs - 1] = Math.max(runTo[runs - 1], to);
                continue;
            }
            if (runs == runFrom.length) {
                runFrom = Arrays.copyOf(runFrom, 2 * runs);
                runTo = Arrays.copyOf(runTo, 2 * runs);
            }
            runFrom[runs] = from;
            runTo[runs] = to;
            runs++;
        }
        scanned = 0;
        for (int r = 0; r < runs; r++) {
            scanned += Math.min(runTo[r], n) - runFrom[r];
        }
    }

    /**
     * p of a sample of the scanned points into {@link #sampleP}: every {@link #SAMPLE_EVERY}-th
     * block of {@link #SAMPLE_BLOCK} positions along the runs, so that every cell of a few
     * hundred points gives a block or two. A cell's points are stored in index order, which
     * knows nothing of the query, so the sample is a uniform one (whole heads of runs were not:
     * small cells weighed more). Returns the sample's size.
     */
    private int sample() {
        int blocks = 0;
        for (int r = 0; r < runs; r++) {
            blocks += (runTo[r] - runFrom[r] + SAMPLE_BLOCK - 1) / SAMPLE_BLOCK;
        }
        int room = (blocks / SAMPLE_EVERY + 1) * SAMPLE_BLOCK;
        if (sampleP.length < room) {
            sampleP = new float[Math.max(room, 2 * sampleP.length)];
            selectScratch = new float[Math.max(sampleP.length, index.cells)];
        }
        int sampled = 0;
        int block = 0;
        for (int r = 0; r < runs; r++) {
            int to = runTo[r];
            for (int b = runFrom[r]; b < to; b += SAMPLE_BLOCK) {
                if (block++ % SAMPLE_EVERY == 0) {
                    int end = Math.min(to, b + SAMPLE_BLOCK);
                    products(b, end, sampleP, sampled);
                    sampled += Math.max(0, Math.min(end, n) - b); // the NaN padding, past N, only ever ends the last block
                }
            }
        }
        return sampled;
    }

    /**
     * t0: the p below which about k + sigmas sqrt(k) of the scanned points are expected, by the
     * sample; + infinity, keeping every point, when that is the whole sample.
     */
    private float threshold(int sampled, int k, int sigmas) {
        double expected = (double) k * sampled / scanned;
        int m = (int) Math.max(1, Math.ceil(expected + sigmas * Math.sqrt(expected) + 2));
        if (m >= sampled) {
            return Float.POSITIVE_INFINITY;
        }
        return DistanceOrder.rankOf(sampleP, 0, sampled, m - 1, selectScratch, bucketCounts);
    }

    /**
     * The scanned points with p <= lim as candidates, each with its exact distance D: each
     * run's p computed and filed at once, while its rows are still in cache (reading them back
     * after the whole scan missed the cache). Returns how many had p <= t0: at least k, or the
     * k nearest among the scanned may not all be here.
     */
    private int file(float lim, float t0, double[] query) {
        candidates.count[0] = 0;
        distGroup = -1;
        int under = 0;
        for (int r = 0; r < runs; r++) {
            int len = runTo[r] - runFrom[r];
            if (products.length < len) {
                products = new float[Math.max(len, 2 * products.length)];
            }
            products(runFrom[r], runTo[r], products, 0);
            under += fileRange(runFrom[r], len, products, 0, lim, t0, query);
        }
        return under;
    }

    /** p of stored positions [from, to) (whole pairs of groups) into {@code out[offset ..]}. */
    private void products(int from, int to, float[] out, int offset) {
        products(rows.lanes, from, to, out, offset);
    }

    /** p of positions [from, to) of a lanes table (whole pairs of groups) into {@code out[offset ..]}. */
    private void products(float[] lanes, int from, int to, float[] out, int offset) {
        if (from >= to) {
            return;
        }
        if (vector) {
            VectorScan.productsOne(lanes, width, from, to, queryBuf, out, offset);
        } else {
            scalarProducts(lanes, from, to, out, offset);
        }
    }

    /**
     * Files positions from + i, i < len, whose p = ps[offset + i] <= lim (NaN padding never is),
     * keyed by (float) D; returns how many of them had p <= t0.
     */
    private int fileRange(int from, int len, float[] ps, int offset, float lim, float t0, double[] query) {
        int slot = candidates.count[0];
        int under = 0;
        LeaderBall ball = keep;
        float ballLim = ball == null ? lim : Math.max(lim, keepLimit);
        for (int i = 0; i < len; i++) {
            float p = ps[offset + i];
            if (!(p <= ballLim)) {
                continue;
            }
            if (ball != null && p <= keepLimit) {
                ball.add(rows.lanes, from + i, p);
            }
            if (p <= lim) {
                int position = from + i;
                double dist = exactDistance(rows.lanes, position, position, query);
                slot = fileSlot(slot, position, dist, (float) dist);
                under += p <= t0 ? 1 : 0;
            }
        }
        return under;
    }

    /**
     * Files the point at stored {@code position} as candidate {@code slot} with its exact distance
     * and its ranking key; returns the next slot.
     */
    private int fileSlot(int slot, int position, double dist, float key) {
        if (slot == slotId.length) {
            slotId = Arrays.copyOf(slotId, 2 * slot);
            slotDist = Arrays.copyOf(slotDist, 2 * slot);
            candidates.resolve(slotDist, slotId);
        }
        slotId[slot] = rows.ids[position];
        slotDist[slot] = dist;
        candidates.add(0, slot, key);
        return slot + 1;
    }

    /**
     * The contract's distance of row {@code i} of a lanes table ({@link GemmIndex#lanes}, or a
     * leader's ball copied from it: the set's own floats, {@link GemmIndex#lanesExact}), the point at
     * stored {@code position}: a whole group of 8 at a time with vectors, since a candidate's
     * neighbours in its group often pass too (the group cache, {@link #distGroup}, is reset for
     * each table filed); the plain loop reads the index at {@code position}, the same bits.
     */
    private double exactDistance(float[] lanes, int i, int position, double[] query) {
        if (!vector) {
            return rows.laneDistance(position, query);
        }
        int group = i / VectorScan.GROUP;
        if (group != distGroup) {
            VectorScan.distances(lanes, width, d, group, query, groupDist);
            distGroup = group;
        }
        return groupDist[i % VectorScan.GROUP];
    }

    /**
     * {@link VectorScan#productsOne} in plain Java, for JVMs without the vector API (any
     * summation order stays within the bound E; the NaN padding stays NaN).
     */
    private void scalarProducts(float[] lanes, int from, int to, float[] out, int offset) {
        int g = VectorScan.GROUP;
        for (int p = from; p < to; p++) {
            int base = p / g * width * g + p % g;
            float sum = 0f;
            for (int j = 0; j < width; j++) {
                sum += lanes[base + j * g] * queryBuf[j];
            }
            out[offset + p - from] = sum;
        }
    }
}
