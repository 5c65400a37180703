package lab.wolpertinger.knn;

import io.github.jbellis.jvector.graph.GraphSearcher;
import io.github.jbellis.jvector.graph.SearchResult;
import io.github.jbellis.jvector.graph.similarity.SearchScoreProvider;
import io.github.jbellis.jvector.util.Bits;
import io.github.jbellis.jvector.vector.VectorSimilarityFunction;
import java.util.Objects;

/**
 * Approximate k-nearest-neighbour search on a JVector graph ({@link ApproxIndex}, shared): a beam
 * search keeps the best {@code beam(k) = max(ef, k + ef)} candidates found while walking the graph
 * (larger ef: higher recall, slower), the returned candidates are re-ranked by the contract's
 * exact distance and index, and the first k are returned. The result is always k distinct items,
 * nearest first in exact distance; it may miss some of the true k nearest ({@link Recall}
 * measures how many). If the graph yields fewer than k the query is answered exactly.
 *
 * <p>Not thread-safe (a graph searcher and scratch per instance): one per thread.
 */
public final class ApproxSearch implements NeighbourSearch {

    /** Default ef: recall@k >= 0.95 at N = 1M, d = 16 for k = 100 and 10,000 (README, bench). */
    public static final int DEFAULT_EF = 100;

    private final ApproxIndex index;
    private final int ef;
    private final int n;
    private final int d;
    private final GraphSearcher searcher;
    private final ApproxIndex.Vectors vectors;
    private GemmSearch exactFallback;
    private double[] rankDist = new double[16];
    private int[] rankId = new int[16];

    /** A search over a shared graph with the default {@link #DEFAULT_EF}. */
    public ApproxSearch(ApproxIndex index) {
        this(index, DEFAULT_EF);
    }

    /**
     * @param ef the beam's extra width, >= 1: the search keeps max(ef, k + ef) candidates
     * @throws IllegalArgumentException if ef < 1
     */
    public ApproxSearch(ApproxIndex index, int ef) {
        this.index = Objects.requireNonNull(index, "index");
        if (ef < 1) {
            throw new IllegalArgumentException("ef must be >= 1, got " + ef);
        }
        this.ef = ef;
        this.n = index.n;
        this.d = index.d;
        this.searcher = new GraphSearcher(index.graph);
        this.vectors = new ApproxIndex.Vectors(index.exact);
    }

    /** The quality knob. */
    public int ef() {
        return ef;
    }

    /** The shared graph. */
    public ApproxIndex index() {
        return index;
    }

    @Override
    public int dim() {
        return d;
    }

    @Override
    public void nearest(double[] query, int k, int[] out) {
        NeighbourSearch.checkArguments(n, d, query, k, out);
        boolean finite = true;
        for (double v : query) {
            finite &= Math.abs(v) <= GemmIndex.LIMIT;
        }
        int beam = (int) Math.min(n, Math.max(ef, (long) k + ef));
        SearchResult.NodeScore[] nodes = null;
        if (finite) {
            SearchScoreProvider scores = SearchScoreProvider.exact(ApproxIndex.vector(query), VectorSimilarityFunction.EUCLIDEAN, vectors);
            nodes = searcher.search(scores, beam, beam, 0f, 0f, Bits.ALL).getNodes();
        }
        if (nodes == null || nodes.length < k) {
            if (exactFallback == null) {
                exactFallback = new GemmSearch(index.exact);
            }
            exactFallback.nearest(query, k, out);
            return;
        }
        int m = nodes.length;
        if (rankDist.length < m) {
            rankDist = new double[m];
            rankId = new int[m];
        }
        for (int i = 0; i < m; i++) {
            int id = nodes[i].node;
            rankId[i] = id;
            rankDist[i] = index.exact.distance(id, query);
        }
        DistanceOrder.sort(rankDist, rankId, m);
        System.arraycopy(rankId, 0, out, 0, k);
    }
}
