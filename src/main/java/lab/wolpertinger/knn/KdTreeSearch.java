package lab.wolpertinger.knn;

import java.util.Arrays;
import java.util.Objects;

/**
 * Exact k-nearest-neighbour search over any {@link ActionSet} with a kd-tree, for embeddings that
 * are not uniform grids. Equal to {@link BruteForceSearch} index for index.
 *
 * <p>The tree is built once and is implicit in flat arrays (no node objects, so a few million
 * actions are fine): each range [lo, hi) of tree positions is a node whose point sits at
 * mid = (lo + hi) / 2, split on the axis of widest spread, with coordinates <= the split value
 * in [lo, mid) and >= it in (mid, hi). A query keeps the k best candidates in a bounded max-heap
 * ordered by (distance, index), descends the near side first and visits the far side unless it
 * is provably worse.
 *
 * <p>Why pruning is exact in floating point: the far cell's lower bound is summed like a
 * distance, {@code sum_j offset_j^2} in axis order, where offset_j is the computed gap from the
 * query to the cell's bounding split on axis j (0 if none). For any point inside, the computed
 * {@code coordinate - query} is at least as large in magnitude on every axis (rounding is
 * monotone), so its computed distance is >= the computed bound. A cell is skipped only when the
 * bound is strictly greater than the current k-th distance: a point at exactly that distance
 * might still win on a lower index, so equality is visited.
 *
 * <p>Not thread-safe: a query uses scratch arrays. Use one instance per thread.
 */
public final class KdTreeSearch implements NeighbourSearch {

    private final int n;
    private final int d;
    /** Coordinates in tree order: points[p * d + j]. */
    private final double[] points;
    /** Action index of tree position p. */
    private final int[] ids;
    /** Split axis of the node whose point is at tree position p (unused for single points). */
    private final int[] splitAxis;

    // query scratch
    private final double[] offset;
    private final CandidateHeap heap = new CandidateHeap(16);
    private double[] query;

    /**
     * Builds the tree over a snapshot of {@code actions}' coordinates (later changes to the set
     * are not seen). O(N d log N) time, about N (8d + 8) bytes.
     *
     * @throws IllegalArgumentException if a coordinate is NaN or N d exceeds an array's capacity
     */
    public KdTreeSearch(ActionSet actions) {
        Objects.requireNonNull(actions, "actions");
        this.n = actions.size();
        this.d = actions.dim();
        if ((long) n * d > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("N * d = " + ((long) n * d)
                    + " coordinates do not fit in one array; use a smaller action set");
        }
        this.points = new double[n * d];
        this.ids = new int[n];
        this.splitAxis = new int[n];
        this.offset = new double[d];
        for (int i = 0; i < n; i++) {
            ids[i] = i;
            for (int j = 0; j < d; j++) {
                double c = actions.coordinate(i, j);
                if (Double.isNaN(c)) {
                    throw new IllegalArgumentException("coordinate(" + i + ", " + j + ") is NaN");
                }
                points[i * d + j] = c;
            }
        }
        build(0, n);
    }

    private void build(int lo, int hi) {
        if (hi - lo <= 1) {
            return;
        }
        int axis = widestAxis(lo, hi);
        int mid = (lo + hi) >>> 1;
        select(lo, hi, mid, axis);
        splitAxis[mid] = axis;
        build(lo, mid);
        build(mid + 1, hi);
    }

    private int widestAxis(int lo, int hi) {
        int best = 0;
        double bestSpread = -1.0;
        for (int j = 0; j < d; j++) {
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (int p = lo; p < hi; p++) {
                double c = points[p * d + j];
                min = Math.min(min, c);
                max = Math.max(max, c);
            }
            double spread = max - min;
            if (spread > bestSpread) {
                bestSpread = spread;
                best = j;
            }
        }
        return best;
    }

    /**
     * Quickselect with a three-way partition (grid-like embeddings repeat each coordinate many
     * times): afterwards position {@code rank} holds its sorted value on {@code axis}, with
     * values <= it before and >= it after.
     */
    private void select(int lo, int hi, int rank, int axis) {
        while (hi - lo > 1) {
            double pivot = medianOfThree(key(lo, axis), key((lo + hi) >>> 1, axis), key(hi - 1, axis));
            int lt = lo;
            int i = lo;
            int gt = hi - 1;
            while (i <= gt) {
                double v = key(i, axis);
                if (v < pivot) {
                    swap(lt++, i++);
                } else if (v > pivot) {
                    swap(i, gt--);
                } else {
                    i++;
                }
            }
            // [lo, lt) < pivot, [lt, gt] == pivot, (gt, hi) > pivot
            if (rank < lt) {
                hi = lt;
            } else if (rank > gt) {
                lo = gt + 1;
            } else {
                return;
            }
        }
    }

    private double key(int p, int axis) {
        return points[p * d + axis];
    }

    private static double medianOfThree(double a, double b, double c) {
        return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
    }

    private void swap(int p, int r) {
        int id = ids[p];
        ids[p] = ids[r];
        ids[r] = id;
        int bp = p * d;
        int br = r * d;
        for (int j = 0; j < d; j++) {
            double c = points[bp + j];
            points[bp + j] = points[br + j];
            points[br + j] = c;
        }
    }

    @Override
    public void nearest(double[] query, int k, int[] out) {
        NeighbourSearch.checkArguments(n, d, query, k, out);
        this.query = query;
        Arrays.fill(offset, 0.0);
        heap.reset(k);
        visit(0, n);
        heap.drainInto(out);
        this.query = null;
    }

    private void visit(int lo, int hi) {
        int mid = (lo + hi) >>> 1;
        heap.offer(squaredDistance(mid), ids[mid]);
        if (hi - lo == 1) {
            return;
        }
        int axis = splitAxis[mid];
        double split = points[mid * d + axis];
        boolean queryLeft = query[axis] < split;
        int nearLo = queryLeft ? lo : mid + 1;
        int nearHi = queryLeft ? mid : hi;
        int farLo = queryLeft ? mid + 1 : lo;
        int farHi = queryLeft ? hi : mid;
        if (nearLo < nearHi) {
            visit(nearLo, nearHi);
        }
        if (farLo < farHi) {
            double saved = offset[axis];
            // every far point's coordinate is on the other side of split, so its computed gap to
            // the query on this axis is at least this one in magnitude
            offset[axis] = split - query[axis];
            if (!heap.isFull() || cellBound() <= heap.worstDistance()) {
                visit(farLo, farHi);
            }
            offset[axis] = saved;
        }
    }

    /** Lower bound on the computed distance of any point in the current cell (see class doc). */
    private double cellBound() {
        double sum = 0.0;
        for (int j = 0; j < d; j++) {
            sum += offset[j] * offset[j];
        }
        return sum;
    }

    /** The contract's distance for tree position p, same operations as the oracle. */
    private double squaredDistance(int p) {
        double sum = 0.0;
        int base = p * d;
        for (int j = 0; j < d; j++) {
            double diff = points[base + j] - query[j];
            sum += diff * diff;
        }
        return sum;
    }
}
