package lab.wolpertinger.knn;

import java.util.Arrays;

/**
 * Exact k-nearest-neighbour search over a uniform grid ({@link GridActionSet} or
 * {@link DiscreteActionSet}) without a tree, equal to {@link BruteForceSearch} index for index.
 *
 * <p>d = 1: one {@link AxisOrder} walk, O(log N + k), no allocation per query.
 *
 * <p>d > 1: the squared distance of grid point (t_0..t_{d-1}) is
 * {@code ((0 + a_0(t_0)) + a_1(t_1)) + ...} with a_j the per-axis squared distance, summed in the
 * oracle's axis order so the doubles are identical. Each axis is walked nearest first by its own
 * AxisOrder (lazily, only as deep as needed), and the k smallest sums over the product of the d
 * sorted lists are enumerated best-first with a priority queue over rank tuples: a node's
 * successors add one to the rank of an axis >= the axis its parent incremented, which generates
 * every tuple exactly once, each after its parent. Rounded addition is monotone, so a child's sum
 * is never below its parent's and the pops come out in non-decreasing sum. Pops within one sum
 * are in no useful order, so popping continues past the k-th until a sum strictly exceeds the
 * k-th sum, every run of equal sums is then sorted by index, and the first k are kept: exact
 * tie-breaking, for any k up to N. Cost O(d k log k) plus the number of actions that tie the k-th
 * distance (all N when the query is so far out, |q| > ~1e15, that its distances round together).
 *
 * <p>Not thread-safe: it reuses scratch arrays between queries. Use one instance per thread.
 */
public final class GridSearch implements NeighbourSearch {

    private final int d;
    private final int m;
    private final int size;
    private final int[] stride;
    private final AxisOrder[] axes;

    // d > 1 scratch, reused between queries (grown on demand)
    /** Per axis: the positions and squared distances produced so far, nearest first. */
    private final int[][] axisPosition;
    private final double[][] axisDistance;
    private final int[] produced;
    /** Node pool: ranks[node * d + j], sum[node], lastAxis[node]. */
    private int[] nodeRanks = new int[0];
    private double[] nodeSum = new double[0];
    private int[] nodeLastAxis = new int[0];
    private int nodeCount;
    /** Binary min-heap of node ids keyed by nodeSum. */
    private int[] heap = new int[0];
    private int heapSize;
    /** Popped grid points in pop order (non-decreasing sum). */
    private int[] collectedIndex = new int[0];
    private double[] collectedSum = new double[0];

    /** A search over a d-dimensional grid. */
    public GridSearch(GridActionSet grid) {
        this(grid.axis(), grid.dim(), grid.size());
    }

    /** A search over n points on a line (d = 1). */
    public GridSearch(DiscreteActionSet actions) {
        this(actions.axis(), 1, actions.size());
    }

    private GridSearch(UniformAxis axis, int d, int size) {
        this.d = d;
        this.m = axis.points();
        this.size = size;
        this.stride = new int[d];
        int s = 1;
        for (int j = d - 1; j >= 0; j--) {
            stride[j] = s;
            s *= m;
        }
        this.axes = new AxisOrder[d];
        for (int j = 0; j < d; j++) {
            axes[j] = new AxisOrder(axis);
        }
        boolean product = d > 1;
        this.axisPosition = new int[product ? d : 0][];
        this.axisDistance = new double[product ? d : 0][];
        this.produced = new int[d];
        for (int j = 0; product && j < d; j++) {
            axisPosition[j] = new int[m];
            axisDistance[j] = new double[m];
        }
    }

    @Override
    public int dim() {
        return d;
    }

    @Override
    public void nearest(double[] query, int k, int[] out) {
        NeighbourSearch.checkArguments(size, d, query, k, out);
        if (d == 1) {
            // the whole answer is the 1-D walk; index == position
            AxisOrder walk = axes[0];
            walk.reset(query[0]);
            for (int i = 0; i < k; i++) {
                out[i] = walk.next();
            }
            return;
        }
        nearestInProduct(query, k, out);
    }

    /**
     * d = 1: {@link AxisOrder#nearestRun}, O(log N). For d > 1 there is no index range: -1.
     */
    @Override
    public int nearestRun(double query, int k) {
        if (k < 1 || k > size) {
            throw new IllegalArgumentException("k must be in [1, N=" + size + "], got " + k);
        }
        if (Double.isNaN(query)) {
            throw new IllegalArgumentException("query[0] is NaN; a proto-action must be a number");
        }
        return d == 1 ? axes[0].nearestRun(query, k) : -1;
    }

    private void nearestInProduct(double[] query, int k, int[] out) {
        for (int j = 0; j < d; j++) {
            axes[j].reset(query[j]);
            produced[j] = 0;
            produce(j);
        }
        nodeCount = 0;
        heapSize = 0;
        int collected = 0;
        double kthSum = Double.NaN; // set once k points are collected

        int root = newNode();
        Arrays.fill(nodeRanks, 0, d, 0);
        nodeLastAxis[root] = 0;
        nodeSum[root] = sumOf(root);
        push(root);

        while (heapSize > 0) {
            int node = pop();
            double sum = nodeSum[node];
            if (collected >= k && sum > kthSum) {
                break; // every remaining point is strictly farther than the k-th
            }
            if (collected == collectedIndex.length) {
                int grown = Math.max(16, collected * 2);
                collectedIndex = Arrays.copyOf(collectedIndex, grown);
                collectedSum = Arrays.copyOf(collectedSum, grown);
            }
            collectedIndex[collected] = indexOf(node);
            collectedSum[collected] = sum;
            collected++;
            if (collected == k) {
                kthSum = sum;
            }
            for (int a = nodeLastAxis[node]; a < d; a++) {
                int rank = nodeRanks[node * d + a] + 1;
                if (rank >= m) {
                    continue;
                }
                if (rank == produced[a]) {
                    produce(a);
                }
                int child = newNode();
                System.arraycopy(nodeRanks, node * d, nodeRanks, child * d, d);
                nodeRanks[child * d + a] = rank;
                nodeLastAxis[child] = a;
                double childSum = sumOf(child);
                if (collected >= k && childSum > kthSum) {
                    nodeCount--; // can never be in the answer; recycle the slot
                    continue;
                }
                nodeSum[child] = childSum;
                push(child);
            }
        }

        // pops came in non-decreasing sum; order each run of equal sums by index
        int start = 0;
        while (start < k) {
            int end = start + 1;
            while (end < collected && collectedSum[end] == collectedSum[start]) {
                end++;
            }
            Arrays.sort(collectedIndex, start, end);
            start = end;
        }
        System.arraycopy(collectedIndex, 0, out, 0, k);
    }

    /** Appends the next nearest position of axis j to its produced list. */
    private void produce(int j) {
        int r = produced[j]++;
        axisPosition[j][r] = axes[j].next();
        axisDistance[j][r] = axes[j].lastSquaredDistance();
    }

    /** The node's squared distance, summed in axis order 0..d-1 from 0.0 exactly like the oracle. */
    private double sumOf(int node) {
        double sum = 0.0;
        int base = node * d;
        for (int j = 0; j < d; j++) {
            sum += axisDistance[j][nodeRanks[base + j]];
        }
        return sum;
    }

    private int indexOf(int node) {
        int index = 0;
        int base = node * d;
        for (int j = 0; j < d; j++) {
            index += axisPosition[j][nodeRanks[base + j]] * stride[j];
        }
        return index;
    }

    private int newNode() {
        if (nodeCount == nodeSum.length) {
            int grown = Math.max(16, nodeCount * 2);
            nodeRanks = Arrays.copyOf(nodeRanks, grown * d);
            nodeSum = Arrays.copyOf(nodeSum, grown);
            nodeLastAxis = Arrays.copyOf(nodeLastAxis, grown);
            heap = Arrays.copyOf(heap, grown);
        }
        return nodeCount++;
    }

    private void push(int node) {
        double key = nodeSum[node];
        int c = heapSize++;
        while (c > 0) {
            int p = (c - 1) >>> 1;
            if (nodeSum[heap[p]] <= key) {
                break;
            }
            heap[c] = heap[p];
            c = p;
        }
        heap[c] = node;
    }

    private int pop() {
        int top = heap[0];
        int last = heap[--heapSize];
        double key = nodeSum[last];
        int c = 0;
        while (true) {
            int child = 2 * c + 1;
            if (child >= heapSize) {
                break;
            }
            if (child + 1 < heapSize && nodeSum[heap[child + 1]] < nodeSum[heap[child]]) {
                child++;
            }
            if (nodeSum[heap[child]] >= key) {
                break;
            }
            heap[c] = heap[child];
            c = child;
        }
        heap[c] = last;
        return top;
    }
}
