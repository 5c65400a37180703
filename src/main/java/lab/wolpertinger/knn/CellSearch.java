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
 * of the head of each chosen run ({@link VectorScan#productsOne}), a sample of the scanned points
 * (a cell's points are stored in index order, which knows nothing of the query), gives a
 * threshold t0 expected to let about k + 2 sqrt(k) of them through; then each run's rest is
 * scanned and its points with p <= t0 + 2E get their exact distance at once and go to
 * {@link Candidates#rank} (the float error bound E and the proof are {@link GemmSearch}'s).
 * Should fewer than k pass t0, the runs are filed again with no limit.
 *
 * <p>Not thread-safe (scratch per instance): one per thread; they share the index.
 */
public final class CellSearch implements NeighbourSearch {

    /** Default probe: recall@k >= 0.95 at N = 1M, d = 16 for k = 100 and 10,000 (README, bench). */
    public static final int DEFAULT_PROBE = 12;
    /** The scan opens cells holding at least N / MIN_SHARE_DIVISOR points, whatever k (small k needs the neighbours' cells). */
    public static final int MIN_SHARE_DIVISOR = 20;
    /** A run's head, the sample its threshold is chosen from, is its first 1 / HEAD_SHARE_DIVISOR (in pairs of groups). */
    static final int HEAD_SHARE_DIVISOR = 16;

    private static final int PAIR = 2 * VectorScan.GROUP;

    private final CellIndex index;
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
    /** Each run's end of head; the heads' p values, run after run; one run's rest's p values. */
    private int[] runHead = new int[16];
    private float[] headP = new float[16];
    private float[] products = new float[16];
    /** The group whose 8 exact distances groupDist holds (-1: none, for this query). */
    private int distGroup = -1;
    private final double[] groupDist = new double[VectorScan.GROUP];
    private final Candidates candidates;
    /** The candidates' exact distances and indices, by slot ({@link Candidates#resolve}). */
    private double[] slotDist = new double[16];
    private int[] slotId = new int[16];
    private BruteForceSearch bruteForce;

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
        this.cellDist = new double[index.cells];
        this.cellId = new int[index.cells];
        this.cellKey = new float[index.cells];
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
        double q2 = rows.queryRow(query, queryBuf, 0);
        if (q2 < 0) { // too far out for float
            if (bruteForce == null) {
                bruteForce = new BruteForceSearch(index.actions);
            }
            bruteForce.nearest(query, k, out);
            return;
        }
        double error = rows.error(q2);
        long quota = Math.min(n, Math.max((long) probe * k, (n + MIN_SHARE_DIVISOR - 1) / MIN_SHARE_DIVISOR));
        chooseRuns(query, quota);
        float t0 = threshold(k);
        float lim = t0 == Float.POSITIVE_INFINITY ? t0 : GemmSearch.roundUp(t0 + 2 * error);
        file(lim, query);
        if (!candidates.rank(0, k, t0, error, query, out, 0)) { // the heads' threshold was too low here
            file(Float.POSITIVE_INFINITY, query);
            candidates.rank(0, k, Float.POSITIVE_INFINITY, error, query, out, 0);
        }
    }

    /**
     * The stored runs to scan: the cells nearest the query (by centroid, ties to the lower cell)
     * until they hold {@code quota} points, each widened to whole pairs of groups of the lanes
     * table (the scan reads 16 points at a time) and merged where they touch, so that no point is
     * scanned twice. The widening adds at most 30 points of neighbouring cells per cell: scanned,
     * so ranked like the rest.
     */
    private void chooseRuns(double[] query, long quota) {
        int cells = index.cells;
        double[] centroids = index.centroids;
        for (int c = 0; c < cells; c++) {
            double sum = 0.0;
            int base = c * d;
            for (int j = 0; j < d; j++) {
                double diff = centroids[base + j] - query[j];
                sum += diff * diff;
            }
            cellKey[c] = (float) sum;
        }
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
                runHead = Arrays.copyOf(runHead, 2 * runs);
            }
            runFrom[runs] = from;
            runTo[runs] = to;
            runs++;
        }
    }

    /**
     * t0: the p below which about k + 2 sqrt(k) of the scanned points are expected, from the
     * heads of the runs (each run's first 1 / {@link #HEAD_SHARE_DIVISOR}, whose p values go to
     * {@link #headP}, run after run); + infinity, keeping every point, when that is the whole sample.
     */
    private float threshold(int k) {
        int total = 0;
        for (int r = 0; r < runs; r++) {
            int len = runTo[r] - runFrom[r];
            runHead[r] = runFrom[r] + Math.min(len, (len / HEAD_SHARE_DIVISOR + PAIR - 1) / PAIR * PAIR);
            total += runHead[r] - runFrom[r];
        }
        if (headP.length < total) {
            headP = new float[Math.max(total, 2 * headP.length)];
            selectScratch = new float[Math.max(headP.length, index.cells)];
        }
        int offset = 0;
        long scanned = 0;
        int heads = 0;
        for (int r = 0; r < runs; r++) {
            products(runFrom[r], runHead[r], headP, offset);
            offset += runHead[r] - runFrom[r];
            scanned += Math.min(runTo[r], n) - runFrom[r];
            heads += Math.max(0, Math.min(runHead[r], n) - runFrom[r]);
        }
        double expected = (double) k * heads / scanned;
        int m = (int) Math.ceil(expected + 2 * Math.sqrt(expected) + 2);
        if (m >= heads) {
            return Float.POSITIVE_INFINITY;
        }
        // the NaN padding (positions past N) sits at the very end of the last run's head, if anywhere
        return DistanceOrder.rankOf(headP, 0, heads, m - 1, selectScratch, bucketCounts);
    }

    /**
     * The scanned points with p <= lim as candidates, each with its exact distance: the heads'
     * from {@link #headP}, then each run's rest, its p computed and filed at once, while its
     * rows are still in cache (reading them back after the whole scan missed the cache).
     */
    private void file(float lim, double[] query) {
        candidates.count[0] = 0;
        distGroup = -1;
        int offset = 0;
        for (int r = 0; r < runs; r++) {
            int head = runHead[r] - runFrom[r];
            fileRange(runFrom[r], head, headP, offset, lim, query);
            offset += head;
            int rest = runTo[r] - runHead[r];
            if (rest > 0) {
                if (products.length < rest) {
                    products = new float[Math.max(rest, 2 * products.length)];
                }
                products(runHead[r], runTo[r], products, 0);
                fileRange(runHead[r], rest, products, 0, lim, query);
            }
        }
    }

    /** p of stored positions [from, to) (whole pairs of groups) into {@code out[offset ..]}. */
    private void products(int from, int to, float[] out, int offset) {
        if (from >= to) {
            return;
        }
        if (vector) {
            VectorScan.productsOne(rows.lanes, width, from, to, queryBuf, out, offset);
        } else {
            scalarProducts(from, to, out, offset);
        }
    }

    /** Files positions from + i, i < len, whose p = ps[offset + i] <= lim (NaN padding never is). */
    private void fileRange(int from, int len, float[] ps, int offset, float lim, double[] query) {
        Candidates c = candidates;
        int slot = c.count[0];
        for (int i = 0; i < len; i++) {
            float p = ps[offset + i];
            if (p <= lim) {
                if (slot == slotId.length) {
                    slotId = Arrays.copyOf(slotId, 2 * slot);
                    slotDist = Arrays.copyOf(slotDist, 2 * slot);
                    c.resolve(slotDist, slotId);
                }
                int position = from + i;
                int id = rows.ids[position];
                slotId[slot] = id;
                slotDist[slot] = exactDistance(position, id, query);
                c.add(0, slot, p);
                slot++;
            }
        }
    }

    /**
     * The contract's distance of the point at {@code position}: from the lanes (the set's own
     * floats, {@link GemmIndex#lanesExact}), a whole group of 8 at a time with vectors, since a
     * candidate's neighbours in its group often pass too.
     */
    private double exactDistance(int position, int id, double[] query) {
        if (!rows.lanesExact) {
            return rows.distance(id, query);
        }
        if (!vector) {
            return rows.laneDistance(position, query);
        }
        int group = position / VectorScan.GROUP;
        if (group != distGroup) {
            VectorScan.distances(rows.lanes, width, d, group, query, groupDist);
            distGroup = group;
        }
        return groupDist[position % VectorScan.GROUP];
    }

    /**
     * {@link VectorScan#productsOne} in plain Java, for JVMs without the vector API (any
     * summation order stays within the bound E; the NaN padding stays NaN).
     */
    private void scalarProducts(int from, int to, float[] out, int offset) {
        float[] lanes = rows.lanes;
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
