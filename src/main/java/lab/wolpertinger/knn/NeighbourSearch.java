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
