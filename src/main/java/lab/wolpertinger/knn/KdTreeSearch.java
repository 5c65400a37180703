package lab.wolpertinger.knn;

import java.util.Arrays;
import java.util.Objects;

/**
 * Exact k-nearest-neighbour search over any {@link ActionSet} with a kd-tree ({@link KdTree}, built
 * once and shared), for embeddings that are not uniform grids. Equal to {@link BruteForceSearch}
 * index for index. Fast for small d; above d = {@link Searches#KD_TREE_MAX_DIM} the blocked
 * brute force ({@link GemmSearch}) wins. A query keeps the k best candidates in a bounded max-heap
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
 * <p>Not thread-safe: a query uses scratch arrays. Use one instance per thread (they may share a tree).
 */
public final class KdTreeSearch implements NeighbourSearch {

    private final KdTree tree;
    private final int n;
    private final int d;
    private final double[] points;
    private final int[] ids;
    private final int[] splitAxis;

    // query scratch
    private final double[] offset;
    private final CandidateHeap heap = new CandidateHeap(16);
    private double[] query;

    /** A search over a new tree of {@code actions} (see {@link KdTree#KdTree(ActionSet)}). */
    public KdTreeSearch(ActionSet actions) {
        this(new KdTree(actions));
    }

    /** A search over a shared, already built tree; this instance holds only per-query scratch. */
    public KdTreeSearch(KdTree tree) {
        this.tree = Objects.requireNonNull(tree, "tree");
        this.n = tree.n;
        this.d = tree.d;
        this.points = tree.points;
        this.ids = tree.ids;
        this.splitAxis = tree.splitAxis;
        this.offset = new double[d];
    }

    /** The shared index this search walks. */
    public KdTree tree() {
        return tree;
    }

    @Override
    public int dim() {
        return d;
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
