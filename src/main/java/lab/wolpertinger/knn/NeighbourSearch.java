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
     * @throws IllegalArgumentException if k is out of range or the query has the wrong length
     */
    void nearest(double[] query, int k, int[] out);
}
