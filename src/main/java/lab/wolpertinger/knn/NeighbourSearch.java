package lab.wolpertinger.knn;

/**
 * Exact k-nearest-neighbour queries over an {@link ActionSet} in Euclidean distance.
 *
 * <p>Contract shared by every implementation (and checked against {@link BruteForceSearch} in
 * tests): the result is the k actions with the smallest squared distance
 * {@code sum_j (coordinate(i, j) - query[j])^2}, summed over j in increasing order in double
 * precision, sorted by (distance, index); ties break towards the lower index.
 */
public interface NeighbourSearch {

    /** Dimension d of the queries this search answers (the action set's embedding dimension). */
    int dim();

    /**
     * Writes the indices of the {@code k} nearest actions to {@code query} into
     * {@code out[0..k)}, nearest first.
     *
     * @param query a point of dimension d (need not lie inside [-1, 1]^d)
     * @param k 1 <= k <= N
     * @param out an array of length >= k
     * @throws IllegalArgumentException if k is out of range, the query has the wrong length or
     *     a NaN component, or {@code out} is shorter than k
     */
    void nearest(double[] query, int k, int[] out);

    /**
     * The k nearest of each of {@code count} queries, as {@link #nearest} would give them, row by
     * row: query r is {@code queries[r * d .. (r + 1) * d)}, its neighbours go to
     * {@code out[r * k .. (r + 1) * k)}, nearest first. A batch of queries (the critic targets of a
     * replay mini-batch) lets a search share work between them, e.g. one matrix product for all
     * distances; the default answers them one at a time.
     *
     * @throws IllegalArgumentException on the same bad arguments as {@link #nearest}, or arrays too short
     */
    default void nearestBatch(float[] queries, int count, int k, int[] out) {
        int d = dim();
        checkBatch(queries, count, d, k, out);
        double[] query = new double[d];
        int[] row = new int[k];
        for (int r = 0; r < count; r++) {
            for (int j = 0; j < d; j++) {
                query[j] = queries[r * d + j];
            }
            nearest(query, k, row);
            System.arraycopy(row, 0, out, r * k, k);
        }
    }

    /**
     * The same k nearest of each query as {@link #nearestBatch}, but each row's k in any order:
     * for callers that need only the set (the critic target's max of Q over the k). A search may
     * skip ordering them; the default is {@link #nearestBatch}.
     *
     * @throws IllegalArgumentException on the same bad arguments as {@link #nearestBatch}
     */
    default void nearestSets(float[] queries, int count, int k, int[] out) {
        nearestBatch(queries, count, k, out);
    }

    /**
     * The array checks of {@link #nearestBatch} (k and the values are checked per query by
     * {@link #checkArguments}).
     *
     * @throws IllegalArgumentException naming the array that is too short or the bad count
     */
    static void checkBatch(float[] queries, int count, int d, int k, int[] out) {
        if (queries == null || out == null) {
            throw new IllegalArgumentException("nearestBatch needs non-null queries and out");
        }
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0, got " + count);
        }
        if ((long) count * d > queries.length || (long) count * k > out.length) {
            throw new IllegalArgumentException("nearestBatch needs queries of count * d = " + ((long) count * d)
                    + " values and out of count * k = " + ((long) count * k) + ", got " + queries.length
                    + " and " + out.length);
        }
    }

    /**
     * For d = 1 only: when the k nearest actions of {@code query} are exactly the index range
     * {@code [lo, lo + k)} and that is provable in O(log N) (no distance tie across the range's
     * border), returns lo; otherwise -1, and the caller uses {@link #nearest}. The default knows
     * nothing and returns -1. The order inside the range is still the contract's
     * (distance, index) order; only the set is returned.
     *
     * @throws IllegalArgumentException on the same bad arguments as {@link #nearest}
     */
    default int nearestRun(double query, int k) {
        return -1;
    }

    /**
     * The argument checks every implementation runs before a query, with one-line messages.
     * A NaN query is rejected: it has no distance to anything, so "nearest" means nothing (an
     * infinite component is allowed; every action is then infinitely far and the lowest indices win).
     *
     * @param size N, the number of actions searched
     * @param dim d, the embedding dimension
     * @throws IllegalArgumentException naming the bad argument and the allowed range
     */
    static void checkArguments(int size, int dim, double[] query, int k, int[] out) {
        if (query == null) {
            throw new IllegalArgumentException("query must not be null");
        }
        if (out == null) {
            throw new IllegalArgumentException("out must not be null");
        }
        if (query.length != dim) {
            throw new IllegalArgumentException(
                    "query has length " + query.length + ", expected d=" + dim);
        }
        if (k < 1 || k > size) {
            throw new IllegalArgumentException("k must be in [1, N=" + size + "], got " + k);
        }
        if (out.length < k) {
            throw new IllegalArgumentException(
                    "out has length " + out.length + ", needs at least k=" + k);
        }
        for (int j = 0; j < dim; j++) {
            if (Double.isNaN(query[j])) {
                throw new IllegalArgumentException("query[" + j + "] is NaN; a proto-action must be a number");
            }
        }
    }
}
