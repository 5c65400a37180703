package lab.wolpertinger.knn;

import java.util.Objects;

/**
 * The immutable index of a {@link KdTreeSearch}: a kd-tree implicit in flat arrays (no node
 * objects, so a few million actions are fine). Each range [lo, hi) of tree positions is a node
 * whose point sits at mid = (lo + hi) / 2, split on the axis of widest spread, with coordinates
 * <= the split value in [lo, mid) and >= it in (mid, hi).
 *
 * <p>Built once and never written afterwards, so any number of searches on any threads share it
 * ({@link EmbeddedActionSet} keeps one per set: the acting and the target policy share a tree).
 */
public final class KdTree {

    final int n;
    final int d;
    /** Coordinates in tree order: points[p * d + j]. */
    final double[] points;
    /** Action index of tree position p. */
    final int[] ids;
    /** Split axis of the node whose point is at tree position p (unused for single points). */
    final int[] splitAxis;

    /**
     * Builds the tree over a snapshot of {@code actions}' coordinates (later changes to the set
     * are not seen). O(N d log N) time, about N (8d + 8) bytes.
     *
     * @throws IllegalArgumentException if a coordinate is NaN or N d exceeds an array's capacity
     */
    public KdTree(ActionSet actions) {
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

    /** Number of points N. */
    public int size() {
        return n;
    }

    /** Dimension d. */
    public int dim() {
        return d;
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
}
