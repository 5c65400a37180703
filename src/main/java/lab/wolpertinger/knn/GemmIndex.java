package lab.wolpertinger.knn;

import java.util.Objects;
import lab.wolpertinger.random.SplitMix64;
import org.bytedeco.javacpp.FloatPointer;

/**
 * The immutable index of a {@link GemmSearch}: the points centred on their mean and rounded to
 * float32 in one off-heap row-major matrix (what BLAS multiplies), each row followed by its
 * squared norm (so one product against a query row {@code (-2 q, 1)} gives
 * {@code ||x||^2 - 2 x·q} directly), and the exact coordinates the final ranking uses. Rows are stored in a fixed pseudo-random order
 * (a Fisher-Yates shuffle seeded with {@link #SHUFFLE_SEED}) so that the first block of rows is
 * a uniform sample of the set, whatever order the set has (a grid is sorted).
 *
 * <p>Built once and never written afterwards, so searches on any threads share it. Memory:
 * N (4d + 4) bytes off the Java heap and 4N on it (72 MB at N = 1,000,000, d = 16), with the
 * vector scan another N (4d + 4) on the heap ({@link #lanes}), plus N d 8
 * bytes of exact coordinates when the set is not an {@link EmbeddedActionSet} (whose float table
 * is read in place).
 */
public final class GemmIndex {

    /** Rows of the first GEMM block, the uniform sample that sets each query's threshold. */
    static final int BLOCK = 4096;
    /** Rows per later GEMM block: 64 queries x 1024 rows of products is 256 KiB, L2-resident. */
    static final int SCAN_BLOCK = 1024;
    /** Seed of the row shuffle (a constant: the index is a pure function of the set). */
    static final long SHUFFLE_SEED = 0x6b6e6e5f67656d6dL;
    /**
     * Largest centred coordinate magnitude the float path takes: d (1e15)^2 stays far below
     * float's 3.4e38. Larger points or queries are answered by the exact double brute force.
     */
    static final double LIMIT = 1e15;

    /**
     * True when searches scan with {@link VectorScan}: this JVM resolved {@code jdk.incubator.vector}
     * (the launcher adds it) and has 256-bit vectors; {@code -Dwolpertinger.lanes=scalar} turns
     * it off (then every block goes through BLAS).
     */
    static final boolean VECTOR_SCAN = vectorScan();

    final int n;
    final int d;
    /** Exact coordinates as float, table[i * d + j] (an embedded set's own table), or null. */
    final float[] table;
    /** Exact coordinates as double when {@code table} is null. */
    final double[] coords;
    final double[] centre;
    /**
     * Centred float rows in shuffled order, n * {@link #width} values: the d centred coordinates,
     * then the row's squared norm (computed in double, rounded to float). Never repositioned:
     * searches copy the pointer.
     */
    final FloatPointer centred;
    /** Values per stored row, d + 1. */
    final int width;
    /**
     * The same rows for {@link VectorScan}, on the heap in groups of 8 (coordinate-major within a
     * group, padded to a whole number of pairs of groups with zero coordinates and NaN norms), or null when the vector
     * API is not available here. N (d + 1) 4 more bytes (68 MB at N = 1,000,000, d = 16).
     */
    final float[] lanes;
    /** Action index of each stored row. */
    final int[] ids;
    /**
     * True when {@link #lanes} hold the points' own float coordinates (an embedded set's, not
     * centred: an index built with an explicit order), so that {@link #laneDistance} reads the
     * exact distance from the rows a scan has just read.
     */
    final boolean lanesExact;
    /** Largest squared norm of a centred row (exact double of the float values). */
    final double maxNorm;
    /** False when some point is too far out for the float path (every query goes to brute force). */
    final boolean floatPath;

    /**
     * Indexes a snapshot of {@code actions}' coordinates. O(N d) time.
     *
     * @throws IllegalArgumentException if a coordinate is NaN or N d exceeds an array's capacity
     */
    public GemmIndex(ActionSet actions) {
        this(actions, VECTOR_SCAN);
    }

    /** As {@link #GemmIndex(ActionSet)}, with the vector scan on or off (tests check both paths). */
    GemmIndex(ActionSet actions, boolean vectorScan) {
        this(actions, vectorScan, null);
    }

    /**
     * As {@link #GemmIndex(ActionSet, boolean)}, the rows stored in {@code order} (stored position
     * to action index, a permutation of 0..N-1) instead of the shuffle, or shuffled when null.
     * {@link CellIndex} stores each cell's points together; a {@link GemmSearch} over such an
     * index is still exact, only its sample block is no longer uniform. With an order, an
     * embedded set's rows are not centred ({@link #lanesExact}).
     */
    GemmIndex(ActionSet actions, boolean vectorScan, int[] order) {
        Objects.requireNonNull(actions, "actions");
        this.n = actions.size();
        this.d = actions.dim();
        if ((long) n * d > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("N * d = " + ((long) n * d)
                    + " coordinates do not fit in one array; use a smaller action set");
        }
        if (actions instanceof EmbeddedActionSet embedded) {
            this.table = embedded.table();
            this.coords = null;
        } else {
            this.table = null;
            this.coords = new double[n * d];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < d; j++) {
                    coords[i * d + j] = actions.coordinate(i, j);
                }
            }
        }
        centre = new double[d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                double c = coordinate(i, j);
                if (Double.isNaN(c)) {
                    throw new IllegalArgumentException("coordinate(" + i + ", " + j + ") is NaN");
                }
                centre[j] += c;
            }
        }
        boolean finite = true;
        for (int j = 0; j < d; j++) {
            centre[j] /= n;
            finite &= Double.isFinite(centre[j]);
        }
        if (!finite || (order != null && table != null)) { // an ordered embedded index keeps its floats as they are
            java.util.Arrays.fill(centre, 0.0);
        }
        if (order != null) {
            if (order.length != n) {
                throw new IllegalArgumentException("row order has " + order.length + " entries for " + n + " points");
            }
            ids = order.clone();
        } else {
            ids = shuffled(n, SHUFFLE_SEED);
        }
        lanesExact = order != null && table != null && vectorScan;
        width = d + 1;
        float[] rows = new float[Math.min(n, BLOCK) * width];
        centred = new FloatPointer((long) n * width);
        lanes = vectorScan
                ? new float[(n + 2 * VectorScan.GROUP - 1) / (2 * VectorScan.GROUP) * 2 * VectorScan.GROUP * width] : null;
        double max = 0.0;
        boolean ok = true;
        for (int p0 = 0; p0 < n; p0 += BLOCK) {
            int len = Math.min(BLOCK, n - p0);
            for (int p = p0; p < p0 + len; p++) {
                int id = ids[p];
                double norm = 0.0;
                for (int j = 0; j < d; j++) {
                    double v = coordinate(id, j) - centre[j];
                    ok &= Math.abs(v) <= LIMIT;
                    float f = (float) v;
                    rows[(p - p0) * width + j] = f;
                    norm += (double) f * f;
                }
                rows[(p - p0) * width + d] = (float) norm;
                max = Math.max(max, norm);
            }
            centred.position((long) p0 * width).put(rows, 0, len * width);
            if (lanes != null) { // p0 is a multiple of 8: whole groups
                for (int p = p0; p < p0 + len; p++) {
                    int g = p / VectorScan.GROUP * width * VectorScan.GROUP + p % VectorScan.GROUP;
                    for (int j = 0; j < width; j++) {
                        lanes[g + j * VectorScan.GROUP] = rows[(p - p0) * width + j];
                    }
                }
            }
        }
        if (lanes != null) {
            for (int p = n; p % (2 * VectorScan.GROUP) != 0; p++) {
                lanes[p / VectorScan.GROUP * width * VectorScan.GROUP + p % VectorScan.GROUP + d * VectorScan.GROUP] = Float.NaN;
            }
        }
        centred.position(0);
        this.maxNorm = max;
        this.floatPath = ok;
    }

    /** 0..n-1 in the order of a Fisher-Yates shuffle seeded with {@code seed}. */
    static int[] shuffled(int n, long seed) {
        int[] ids = new int[n];
        for (int i = 0; i < n; i++) {
            ids[i] = i;
        }
        SplitMix64 rng = new SplitMix64(seed);
        for (int i = n - 1; i > 0; i--) {
            int r = rng.nextInt(i + 1);
            int t = ids[i];
            ids[i] = ids[r];
            ids[r] = t;
        }
        return ids;
    }

    /**
     * Writes query q's row {@code (-2 (q - c), 1)} in float to {@code buf[offset ..]} and returns
     * Q = ||q - c||^2 of the rounded centred query, or -1 (the row all zeros) when q is too far
     * out for the float path (or this set is): then the query is answered in double.
     */
    double queryRow(double[] q, float[] buf, int offset) {
        double norm = 0.0;
        boolean ok = floatPath;
        for (int j = 0; j < d; j++) {
            double v = q[j] - centre[j];
            ok &= Math.abs(v) <= LIMIT; // false for infinities too
            float f = (float) v;
            buf[offset + j] = ok ? -2f * f : 0f; // -2 f is exact
            norm += (double) f * f;
        }
        buf[offset + d] = 1f; // picks up the stored ||x||^2
        return ok ? norm : -1.0;
    }

    /** The bound E on |p + s - D| for a query of centred squared norm q2 (the proof is in {@link GemmSearch}). */
    double error(double q2) {
        double m2 = maxNorm;
        return 0x1p-24 * ((2 * d + 10) * m2 + (d + 8) * q2) + 1e-30 * (1 + m2 + q2);
    }

    private static boolean vectorScan() {
        if ("scalar".equals(System.getProperty("wolpertinger.lanes"))
                || ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            return false;
        }
        try {
            return VectorScan.supported();
        } catch (LinkageError e) {
            return false;
        }
    }

    /** Number of points N. */
    public int size() {
        return n;
    }

    /** Dimension d. */
    public int dim() {
        return d;
    }

    /** The exact coordinate, as {@link ActionSet#coordinate} gave it. */
    double coordinate(int id, int j) {
        return table != null ? table[id * d + j] : coords[id * d + j];
    }

    /**
     * {@link #distance} of the point at stored position {@code position}, read from
     * {@link #lanes} (when {@link #lanesExact}: there they are the set's own floats, so the same
     * operations give the same double).
     */
    double laneDistance(int position, double[] query) {
        int g = VectorScan.GROUP;
        int base = position / g * width * g + position % g;
        double sum = 0.0;
        for (int j = 0; j < d; j++) {
            double diff = lanes[base + j * g] - query[j];
            sum += diff * diff;
        }
        return sum;
    }

    /** The contract's distance (same operations as {@link BruteForceSearch}). */
    double distance(int id, double[] query) {
        double sum = 0.0;
        int base = id * d;
        if (table != null) {
            for (int j = 0; j < d; j++) {
                double diff = table[base + j] - query[j];
                sum += diff * diff;
            }
        } else {
            for (int j = 0; j < d; j++) {
                double diff = coords[base + j] - query[j];
                sum += diff * diff;
            }
        }
        return sum;
    }
}
