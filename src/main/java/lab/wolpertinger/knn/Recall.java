package lab.wolpertinger.knn;

import java.util.Objects;
import lab.wolpertinger.random.SplitMix64;

/**
 * Recall@k of a search against the exact one on a sample of queries: the mean, over queries, of
 * |returned ∩ true k nearest| / k. The bench and the lab's readout use it.
 *
 * @param queries how many queries were measured
 * @param k neighbours per query
 * @param recall mean recall in [0, 1]
 */
public record Recall(int queries, int k, double recall) {

    /**
     * Measures {@code search} against {@code exact} on {@code count} queries drawn from
     * {@code actions} with {@link #sampleQueries}.
     */
    public static Recall measure(ActionSet actions, NeighbourSearch search, NeighbourSearch exact, int k, int count, long seed) {
        return measure(search, exact, sampleQueries(actions, count, seed), k);
    }

    /** Recall of {@code search} against {@code exact} on the given queries. */
    public static Recall measure(NeighbourSearch search, NeighbourSearch exact, double[][] queries, int k) {
        Objects.requireNonNull(search, "search");
        Objects.requireNonNull(exact, "exact");
        if (queries.length == 0) {
            throw new IllegalArgumentException("recall needs at least one query");
        }
        int[] got = new int[k];
        int[] truth = new int[k];
        java.util.BitSet inTruth = new java.util.BitSet();
        double sum = 0;
        for (double[] q : queries) {
            search.nearest(q, k, got);
            exact.nearest(q, k, truth);
            inTruth.clear();
            for (int i = 0; i < k; i++) {
                inTruth.set(truth[i]);
            }
            int hits = 0;
            for (int i = 0; i < k; i++) {
                if (inTruth.get(got[i])) {
                    hits++;
                }
            }
            sum += (double) hits / k;
        }
        return new Recall(queries.length, k, sum / queries.length);
    }

    /**
     * Seeded queries like proto-actions: an item's embedding plus N(0, 0.1^2) noise per
     * coordinate, clipped to [-1, 1].
     */
    public static double[][] sampleQueries(ActionSet actions, int count, long seed) {
        SplitMix64 rng = new SplitMix64(seed);
        int d = actions.dim();
        double[][] queries = new double[count][d];
        for (double[] q : queries) {
            actions.embedding(rng.nextInt(actions.size()), q);
            for (int j = 0; j < d; j++) {
                q[j] = Math.max(-1.0, Math.min(1.0, q[j] + 0.1 * rng.nextGaussian()));
            }
        }
        return queries;
    }
}
