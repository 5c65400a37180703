package lab.wolpertinger.knn;

import java.util.Objects;

/**
 * The exact k-nearest-neighbour search by definition, O(N d + N log k) per query: every action's
 * squared distance is computed as the {@link NeighbourSearch} contract states and the k smallest
 * by (distance, index) are kept in a bounded max-heap. The test oracle for the fast searches.
 *
 * <p>Not thread-safe (it reuses one heap): use one instance per thread.
 */
public final class BruteForceSearch implements NeighbourSearch {

    private final ActionSet actions;
    private final CandidateHeap heap = new CandidateHeap(16);

    /** @param actions the action set to search, read on every query */
    public BruteForceSearch(ActionSet actions) {
        this.actions = Objects.requireNonNull(actions, "actions");
    }

    @Override
    public int dim() {
        return actions.dim();
    }

    @Override
    public void nearest(double[] query, int k, int[] out) {
        int n = actions.size();
        int d = actions.dim();
        NeighbourSearch.checkArguments(n, d, query, k, out);
        heap.reset(k);
        for (int i = 0; i < n; i++) {
            heap.offer(squaredDistance(actions, i, query), i);
        }
        heap.drainInto(out);
    }

    /**
     * The contract's distance: {@code sum_j (coordinate(i, j) - query[j])^2}, summed over j in
     * increasing order starting from 0.0, in double. Every search reproduces this exact sequence
     * of operations (Java never fuses them into FMA), so equal points give equal doubles.
     */
    static double squaredDistance(ActionSet actions, int i, double[] query) {
        double sum = 0.0;
        for (int j = 0; j < query.length; j++) {
            double diff = actions.coordinate(i, j) - query[j];
            sum += diff * diff;
        }
        return sum;
    }
}
