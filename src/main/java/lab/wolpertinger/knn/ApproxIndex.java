package lab.wolpertinger.knn;

import io.github.jbellis.jvector.graph.GraphIndexBuilder;
import io.github.jbellis.jvector.graph.OnHeapGraphIndex;
import io.github.jbellis.jvector.graph.RandomAccessVectorValues;
import io.github.jbellis.jvector.graph.similarity.BuildScoreProvider;
import io.github.jbellis.jvector.vector.VectorSimilarityFunction;
import io.github.jbellis.jvector.vector.VectorizationProvider;
import io.github.jbellis.jvector.vector.types.VectorFloat;
import io.github.jbellis.jvector.vector.types.VectorTypeSupport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.concurrent.ForkJoinPool;

/**
 * The immutable index of an {@link ApproxSearch}: a JVector (DiskANN / Vamana-style) proximity
 * graph over the points, Euclidean. Built single-threaded, inserting points in index order, so
 * the same set always gives the same graph (JVector's graph has no random levels). Build cost is
 * about N log N distance evaluations times the degree; searches on any threads share it.
 *
 * <p>Memory: the graph (about N {@link #DEGREE} 4 bytes plus JVector's per-node overhead) and
 * the points as float vectors read from an {@link EmbeddedActionSet}'s table in place.
 */
public final class ApproxIndex {

    /** Graph degree M (JVector's maxDegree): 16 is plenty for d = 16. */
    public static final int DEGREE = 16;
    /** Beam width while building (JVector's construction beam). */
    public static final int BUILD_BEAM = 100;

    private static final VectorTypeSupport VECTORS = VectorizationProvider.getInstance().getVectorTypeSupport();

    final int n;
    final int d;
    final GemmIndex exact;
    final OnHeapGraphIndex graph;
    final double buildSeconds;

    /**
     * Builds the graph over {@code actions} (coordinates rounded to float for the graph; the
     * final ranking uses the exact ones).
     *
     * @throws IllegalArgumentException if a coordinate is NaN
     */
    public ApproxIndex(ActionSet actions) {
        Objects.requireNonNull(actions, "actions");
        this.exact = new GemmIndex(actions);
        this.n = exact.n;
        this.d = exact.d;
        long t0 = System.nanoTime();
        ForkJoinPool simd = new ForkJoinPool(1);
        ForkJoinPool parallel = new ForkJoinPool(1);
        try {
            Vectors vectors = new Vectors(exact);
            BuildScoreProvider scores = BuildScoreProvider.randomAccessScoreProvider(vectors, VectorSimilarityFunction.EUCLIDEAN);
            try (GraphIndexBuilder builder = new GraphIndexBuilder(scores, d, DEGREE, BUILD_BEAM, 1.2f, 1.2f, simd, parallel)) {
                for (int i = 0; i < n; i++) {
                    builder.addGraphNode(i, vectors);
                }
                builder.cleanup();
                this.graph = builder.getGraph();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot close the graph builder: " + e.getMessage(), e);
            }
        } finally {
            simd.shutdown();
            parallel.shutdown();
        }
        this.buildSeconds = (System.nanoTime() - t0) / 1e9;
    }

    /** Number of points N. */
    public int size() {
        return n;
    }

    /** Dimension d. */
    public int dim() {
        return d;
    }

    /** Wall time the graph took to build, in seconds (for the bench). */
    public double buildSeconds() {
        return buildSeconds;
    }

    /** A float vector of a query (coordinates rounded to float). */
    static VectorFloat<?> vector(double[] query) {
        float[] f = new float[query.length];
        for (int j = 0; j < f.length; j++) {
            f[j] = (float) query[j];
        }
        return VECTORS.createFloatVector(f);
    }

    /**
     * The points as JVector reads them: one reused vector per instance filled on demand from
     * the exact coordinates ({@code isValueShared}), so 1M points cost no extra objects.
     */
    static final class Vectors implements RandomAccessVectorValues {
        private final GemmIndex points;
        private final VectorFloat<?> scratch;

        Vectors(GemmIndex points) {
            this.points = points;
            this.scratch = VECTORS.createFloatVector(points.d);
        }

        @Override
        public int size() {
            return points.n;
        }

        @Override
        public int dimension() {
            return points.d;
        }

        @Override
        public VectorFloat<?> getVector(int node) {
            for (int j = 0; j < points.d; j++) {
                scratch.set(j, (float) points.coordinate(node, j));
            }
            return scratch;
        }

        @Override
        public boolean isValueShared() {
            return true;
        }

        @Override
        public Vectors copy() {
            return new Vectors(points);
        }
    }
}
