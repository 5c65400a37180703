package lab.wolpertinger.knn;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The scan of a {@link GemmSearch} on the JDK's vector API: {@code p = ||x||^2 - 2 x·q} for
 * blocks of 16 points against 4 queries at a time (8 accumulators of 8 lanes, fused
 * multiply-adds), each compared with its query's limit in the registers, so the products never
 * go to memory (with BLAS each block's 64 x 1,024 products were written, copied to the heap and
 * read again). Fused or not, the float dot product stays within the error bound the search's
 * exactness argument uses ({@link GemmSearch}: "in any order, with or without FMA").
 *
 * <p>The points are read from {@link GemmIndex#lanes}: groups of 8 points, coordinate-major in a
 * group ({@code lanes[g * 8 width + j * 8 + i]}, j = d: the squared norm), padded to a whole
 * number of pairs of groups with NaN norms, which pass no limit (so a scan always reads 16 points:
 * no branch on the tail, which Java 17 would pay for with boxed vectors). Loaded only when the module
 * {@code jdk.incubator.vector} is resolved ({@link GemmIndex#VECTOR_SCAN}).
 */
final class VectorScan {

    /** Points per group (lanes of one vector). */
    static final int GROUP = 8;

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_256;
    private static final VectorSpecies<Double> D4 = DoubleVector.SPECIES_256;

    private VectorScan() {
    }

    /** True when 256-bit vectors are native here (else the API would run as slow Java); see {@link GemmIndex#VECTOR_SCAN}. */
    static boolean supported() {
        return FloatVector.SPECIES_PREFERRED.vectorBitSize() >= 256 && S.length() == GROUP;
    }

    /** Where the scan's passing (query row, stored position, p) triples go; sized for the worst case. */
    static final class Hits {
        int count;
        int[] row = new int[0];
        int[] position = new int[0];
        float[] p = new float[0];
        final float[] lane = new float[GROUP];

        void reserve(int n) {
            if (row.length < n) {
                row = new int[n];
                position = new int[n];
                p = new float[n];
            }
        }
    }

    /**
     * Scans stored positions [from, to) (from a multiple of 2 {@link #GROUP}) against query rows
     * [0, rows) of {@code queries} ({@code width} values each: -2 q, then 1); every point with
     * {@code p <= limit[r]} is appended to {@code hits} (reserved for {@code rows (to - from + 16)}).
     * Query rows [rows, rows rounded up to 4) must exist with NaN limits.
     */
    static void scan(float[] lanes, int width, int from, int to, float[] queries, int rows, float[] limit, Hits hits) {
        int w8 = width * GROUP;
        float[] lane = hits.lane;
        for (int p0 = from; p0 < to; p0 += 2 * GROUP) {
            int g = p0 / GROUP;
            int a = g * w8;
            int b = a + w8; // the next group: the table is padded to whole pairs of groups (GemmIndex)
            for (int r = 0; r < rows; r += 4) {
                int q0 = r * width;
                FloatVector x = FloatVector.fromArray(S, lanes, a);
                FloatVector y = FloatVector.fromArray(S, lanes, b);
                FloatVector c0 = FloatVector.broadcast(S, queries[q0]);
                FloatVector c1 = FloatVector.broadcast(S, queries[q0 + width]);
                FloatVector c2 = FloatVector.broadcast(S, queries[q0 + 2 * width]);
                FloatVector c3 = FloatVector.broadcast(S, queries[q0 + 3 * width]);
                FloatVector x0 = x.mul(c0);
                FloatVector x1 = x.mul(c1);
                FloatVector x2 = x.mul(c2);
                FloatVector x3 = x.mul(c3);
                FloatVector y0 = y.mul(c0);
                FloatVector y1 = y.mul(c1);
                FloatVector y2 = y.mul(c2);
                FloatVector y3 = y.mul(c3);
                for (int j = 1; j < width; j++) {
                    x = FloatVector.fromArray(S, lanes, a + j * GROUP);
                    y = FloatVector.fromArray(S, lanes, b + j * GROUP);
                    c0 = FloatVector.broadcast(S, queries[q0 + j]);
                    c1 = FloatVector.broadcast(S, queries[q0 + width + j]);
                    c2 = FloatVector.broadcast(S, queries[q0 + 2 * width + j]);
                    c3 = FloatVector.broadcast(S, queries[q0 + 3 * width + j]);
                    x0 = x.fma(c0, x0);
                    x1 = x.fma(c1, x1);
                    x2 = x.fma(c2, x2);
                    x3 = x.fma(c3, x3);
                    y0 = y.fma(c0, y0);
                    y1 = y.fma(c1, y1);
                    y2 = y.fma(c2, y2);
                    y3 = y.fma(c3, y3);
                }
                if (x0.compare(VectorOperators.LE, limit[r]).anyTrue()) { // rare: read the lanes back
                    x0.intoArray(lane, 0);
                    keep(lane, limit[r], r, p0, hits);
                }
                if (x1.compare(VectorOperators.LE, limit[r + 1]).anyTrue()) { // rare: read the lanes back
                    x1.intoArray(lane, 0);
                    keep(lane, limit[r + 1], r + 1, p0, hits);
                }
                if (x2.compare(VectorOperators.LE, limit[r + 2]).anyTrue()) { // rare: read the lanes back
                    x2.intoArray(lane, 0);
                    keep(lane, limit[r + 2], r + 2, p0, hits);
                }
                if (x3.compare(VectorOperators.LE, limit[r + 3]).anyTrue()) { // rare: read the lanes back
                    x3.intoArray(lane, 0);
                    keep(lane, limit[r + 3], r + 3, p0, hits);
                }
                if (y0.compare(VectorOperators.LE, limit[r]).anyTrue()) { // rare: read the lanes back
                    y0.intoArray(lane, 0);
                    keep(lane, limit[r], r, p0 + GROUP, hits);
                }
                if (y1.compare(VectorOperators.LE, limit[r + 1]).anyTrue()) { // rare: read the lanes back
                    y1.intoArray(lane, 0);
                    keep(lane, limit[r + 1], r + 1, p0 + GROUP, hits);
                }
                if (y2.compare(VectorOperators.LE, limit[r + 2]).anyTrue()) { // rare: read the lanes back
                    y2.intoArray(lane, 0);
                    keep(lane, limit[r + 2], r + 2, p0 + GROUP, hits);
                }
                if (y3.compare(VectorOperators.LE, limit[r + 3]).anyTrue()) { // rare: read the lanes back
                    y3.intoArray(lane, 0);
                    keep(lane, limit[r + 3], r + 3, p0 + GROUP, hits);
                }
            }
        }
    }

    /**
     * Every p of positions [0, to) (rounded up to 16) against query rows [0, rows) (a multiple
     * of 4), written to {@code out[r stride + position]}: for a group leader's small ball, where
     * each member needs all of them (no limit to compare with yet).
     */
    static void products(float[] lanes, int width, int to, float[] queries, int rows, float[] out, int stride) {
        int w8 = width * GROUP;
        for (int p0 = 0; p0 < to; p0 += 2 * GROUP) {
            int a = p0 / GROUP * w8;
            int b = a + w8;
            for (int r = 0; r < rows; r += 4) {
                int q0 = r * width;
                FloatVector x = FloatVector.fromArray(S, lanes, a);
                FloatVector y = FloatVector.fromArray(S, lanes, b);
                FloatVector c0 = FloatVector.broadcast(S, queries[q0]);
                FloatVector c1 = FloatVector.broadcast(S, queries[q0 + width]);
                FloatVector c2 = FloatVector.broadcast(S, queries[q0 + 2 * width]);
                FloatVector c3 = FloatVector.broadcast(S, queries[q0 + 3 * width]);
                FloatVector x0 = x.mul(c0);
                FloatVector x1 = x.mul(c1);
                FloatVector x2 = x.mul(c2);
                FloatVector x3 = x.mul(c3);
                FloatVector y0 = y.mul(c0);
                FloatVector y1 = y.mul(c1);
                FloatVector y2 = y.mul(c2);
                FloatVector y3 = y.mul(c3);
                for (int j = 1; j < width; j++) {
                    x = FloatVector.fromArray(S, lanes, a + j * GROUP);
                    y = FloatVector.fromArray(S, lanes, b + j * GROUP);
                    c0 = FloatVector.broadcast(S, queries[q0 + j]);
                    c1 = FloatVector.broadcast(S, queries[q0 + width + j]);
                    c2 = FloatVector.broadcast(S, queries[q0 + 2 * width + j]);
                    c3 = FloatVector.broadcast(S, queries[q0 + 3 * width + j]);
                    x0 = x.fma(c0, x0);
                    x1 = x.fma(c1, x1);
                    x2 = x.fma(c2, x2);
                    x3 = x.fma(c3, x3);
                    y0 = y.fma(c0, y0);
                    y1 = y.fma(c1, y1);
                    y2 = y.fma(c2, y2);
                    y3 = y.fma(c3, y3);
                }
                int o = r * stride + p0;
                x0.intoArray(out, o);
                x1.intoArray(out, o + stride);
                x2.intoArray(out, o + 2 * stride);
                x3.intoArray(out, o + 3 * stride);
                y0.intoArray(out, o + GROUP);
                y1.intoArray(out, o + stride + GROUP);
                y2.intoArray(out, o + 2 * stride + GROUP);
                y3.intoArray(out, o + 3 * stride + GROUP);
            }
        }
    }

    /**
     * {@link #scan} for one query (row 0 of {@code queries}, limit {@code lim}): 8 groups (64
     * points) at a time, so that 8 independent FMA chains keep the units busy where 4 padded
     * rows would compute 3 rows for nothing; then pairs of groups up to {@code to} rounded up to 16.
     */
    static void scanOne(float[] lanes, int width, int from, int to, float[] queries, float lim, Hits hits) {
        int w8 = width * GROUP;
        float[] lane = hits.lane;
        int end = (to + 2 * GROUP - 1) / (2 * GROUP) * (2 * GROUP);
        int p0 = from;
        for (; p0 + 8 * GROUP <= end; p0 += 8 * GROUP) {
            int a = p0 / GROUP * w8;
            FloatVector c = FloatVector.broadcast(S, queries[0]);
            FloatVector x0 = FloatVector.fromArray(S, lanes, a).mul(c);
            FloatVector x1 = FloatVector.fromArray(S, lanes, a + w8).mul(c);
            FloatVector x2 = FloatVector.fromArray(S, lanes, a + 2 * w8).mul(c);
            FloatVector x3 = FloatVector.fromArray(S, lanes, a + 3 * w8).mul(c);
            FloatVector x4 = FloatVector.fromArray(S, lanes, a + 4 * w8).mul(c);
            FloatVector x5 = FloatVector.fromArray(S, lanes, a + 5 * w8).mul(c);
            FloatVector x6 = FloatVector.fromArray(S, lanes, a + 6 * w8).mul(c);
            FloatVector x7 = FloatVector.fromArray(S, lanes, a + 7 * w8).mul(c);
            for (int j = 1; j < width; j++) {
                c = FloatVector.broadcast(S, queries[j]);
                int o = a + j * GROUP;
                x0 = FloatVector.fromArray(S, lanes, o).fma(c, x0);
                x1 = FloatVector.fromArray(S, lanes, o + w8).fma(c, x1);
                x2 = FloatVector.fromArray(S, lanes, o + 2 * w8).fma(c, x2);
                x3 = FloatVector.fromArray(S, lanes, o + 3 * w8).fma(c, x3);
                x4 = FloatVector.fromArray(S, lanes, o + 4 * w8).fma(c, x4);
                x5 = FloatVector.fromArray(S, lanes, o + 5 * w8).fma(c, x5);
                x6 = FloatVector.fromArray(S, lanes, o + 6 * w8).fma(c, x6);
                x7 = FloatVector.fromArray(S, lanes, o + 7 * w8).fma(c, x7);
            }
            if (x0.compare(VectorOperators.LE, lim).anyTrue()) { // rare: read the lanes back
                x0.intoArray(lane, 0);
                keep(lane, lim, 0, p0, hits);
            }
            if (x1.compare(VectorOperators.LE, lim).anyTrue()) {
                x1.intoArray(lane, 0);
                keep(lane, lim, 0, p0 + GROUP, hits);
            }
            if (x2.compare(VectorOperators.LE, lim).anyTrue()) {
                x2.intoArray(lane, 0);
                keep(lane, lim, 0, p0 + 2 * GROUP, hits);
            }
            if (x3.compare(VectorOperators.LE, lim).anyTrue()) {
                x3.intoArray(lane, 0);
                keep(lane, lim, 0, p0 + 3 * GROUP, hits);
            }
            if (x4.compare(VectorOperators.LE, lim).anyTrue()) {
                x4.intoArray(lane, 0);
                keep(lane, lim, 0, p0 + 4 * GROUP, hits);
            }
            if (x5.compare(VectorOperators.LE, lim).anyTrue()) {
                x5.intoArray(lane, 0);
                keep(lane, lim, 0, p0 + 5 * GROUP, hits);
            }
            if (x6.compare(VectorOperators.LE, lim).anyTrue()) {
                x6.intoArray(lane, 0);
                keep(lane, lim, 0, p0 + 6 * GROUP, hits);
            }
            if (x7.compare(VectorOperators.LE, lim).anyTrue()) {
                x7.intoArray(lane, 0);
                keep(lane, lim, 0, p0 + 7 * GROUP, hits);
            }
        }
        for (; p0 < end; p0 += 2 * GROUP) { // the tail: pairs of groups
            int a = p0 / GROUP * w8;
            FloatVector c = FloatVector.broadcast(S, queries[0]);
            FloatVector x = FloatVector.fromArray(S, lanes, a).mul(c);
            FloatVector y = FloatVector.fromArray(S, lanes, a + w8).mul(c);
            for (int j = 1; j < width; j++) {
                c = FloatVector.broadcast(S, queries[j]);
                x = FloatVector.fromArray(S, lanes, a + j * GROUP).fma(c, x);
                y = FloatVector.fromArray(S, lanes, a + w8 + j * GROUP).fma(c, y);
            }
            if (x.compare(VectorOperators.LE, lim).anyTrue()) {
                x.intoArray(lane, 0);
                keep(lane, lim, 0, p0, hits);
            }
            if (y.compare(VectorOperators.LE, lim).anyTrue()) {
                y.intoArray(lane, 0);
                keep(lane, lim, 0, p0 + GROUP, hits);
            }
        }
    }

    /**
     * Every p of positions [from, to) (from a multiple of 16; to rounded up to 16) against query
     * row 0, written to {@code out[offset + position - from]}: {@link #scanOne}'s arithmetic with
     * the products stored, 64 points at a time, for a {@link CellSearch}, where about one point
     * in ten passes and comparing lane by lane would cost more than one vector store per 8.
     */
    static void productsOne(float[] lanes, int width, int from, int to, float[] queries, float[] out, int offset) {
        int w8 = width * GROUP;
        int end = (to + 2 * GROUP - 1) / (2 * GROUP) * (2 * GROUP);
        int p0 = from;
        for (; p0 + 8 * GROUP <= end; p0 += 8 * GROUP) {
            int a = p0 / GROUP * w8;
            FloatVector c = FloatVector.broadcast(S, queries[0]);
            FloatVector x0 = FloatVector.fromArray(S, lanes, a).mul(c);
            FloatVector x1 = FloatVector.fromArray(S, lanes, a + w8).mul(c);
            FloatVector x2 = FloatVector.fromArray(S, lanes, a + 2 * w8).mul(c);
            FloatVector x3 = FloatVector.fromArray(S, lanes, a + 3 * w8).mul(c);
            FloatVector x4 = FloatVector.fromArray(S, lanes, a + 4 * w8).mul(c);
            FloatVector x5 = FloatVector.fromArray(S, lanes, a + 5 * w8).mul(c);
            FloatVector x6 = FloatVector.fromArray(S, lanes, a + 6 * w8).mul(c);
            FloatVector x7 = FloatVector.fromArray(S, lanes, a + 7 * w8).mul(c);
            for (int j = 1; j < width; j++) {
                c = FloatVector.broadcast(S, queries[j]);
                int o = a + j * GROUP;
                x0 = FloatVector.fromArray(S, lanes, o).fma(c, x0);
                x1 = FloatVector.fromArray(S, lanes, o + w8).fma(c, x1);
                x2 = FloatVector.fromArray(S, lanes, o + 2 * w8).fma(c, x2);
                x3 = FloatVector.fromArray(S, lanes, o + 3 * w8).fma(c, x3);
                x4 = FloatVector.fromArray(S, lanes, o + 4 * w8).fma(c, x4);
                x5 = FloatVector.fromArray(S, lanes, o + 5 * w8).fma(c, x5);
                x6 = FloatVector.fromArray(S, lanes, o + 6 * w8).fma(c, x6);
                x7 = FloatVector.fromArray(S, lanes, o + 7 * w8).fma(c, x7);
            }
            int o = offset + p0 - from;
            x0.intoArray(out, o);
            x1.intoArray(out, o + GROUP);
            x2.intoArray(out, o + 2 * GROUP);
            x3.intoArray(out, o + 3 * GROUP);
            x4.intoArray(out, o + 4 * GROUP);
            x5.intoArray(out, o + 5 * GROUP);
            x6.intoArray(out, o + 6 * GROUP);
            x7.intoArray(out, o + 7 * GROUP);
        }
        for (; p0 < end; p0 += 2 * GROUP) { // the tail: pairs of groups
            int a = p0 / GROUP * w8;
            FloatVector c = FloatVector.broadcast(S, queries[0]);
            FloatVector x = FloatVector.fromArray(S, lanes, a).mul(c);
            FloatVector y = FloatVector.fromArray(S, lanes, a + w8).mul(c);
            for (int j = 1; j < width; j++) {
                c = FloatVector.broadcast(S, queries[j]);
                x = FloatVector.fromArray(S, lanes, a + j * GROUP).fma(c, x);
                y = FloatVector.fromArray(S, lanes, a + w8 + j * GROUP).fma(c, y);
            }
            int o = offset + p0 - from;
            x.intoArray(out, o);
            y.intoArray(out, o + GROUP);
        }
    }

    /**
     * The contract's double distance {@code sum_j (x_j - q_j)^2} of the 8 points of group
     * {@code group}, into out[0..8): for lanes that hold a set's own float coordinates
     * ({@link GemmIndex#lanesExact}). Each lane adds its terms in the order j = 0..d-1 with
     * separate multiplies and adds, as {@link GemmIndex#distance} does, so the same doubles.
     */
    static void distances(float[] lanes, int width, int d, int group, double[] q, double[] out) {
        int a = group * width * GROUP;
        DoubleVector lo = DoubleVector.zero(D4);
        DoubleVector hi = DoubleVector.zero(D4);
        for (int j = 0; j < d; j++) {
            FloatVector x = FloatVector.fromArray(S, lanes, a + j * GROUP);
            DoubleVector c = DoubleVector.broadcast(D4, q[j]);
            DoubleVector x0 = ((DoubleVector) x.convertShape(VectorOperators.F2D, D4, 0)).sub(c);
            DoubleVector x1 = ((DoubleVector) x.convertShape(VectorOperators.F2D, D4, 1)).sub(c);
            lo = lo.add(x0.mul(x0));
            hi = hi.add(x1.mul(x1));
        }
        lo.intoArray(out, 0);
        hi.intoArray(out, 4);
    }

    /**
     * Appends the lanes of one vector that pass {@code lim}. Vectors never cross a call here:
     * Java 17 boxes a vector passed to a method it does not inline (the tests run inline, the
     * lanes are copied out only when one passes).
     */
    private static void keep(float[] lane, float lim, int row, int p0, Hits hits) {
        // branch-free: every lane is written at the next free slot, which only a passing lane
        // takes (whether one passes is a coin flip the branch predictor would lose); the
        // callers' reserve leaves room for the 8 written past the last hit
        int h = hits.count;
        int[] rows = hits.row;
        int[] positions = hits.position;
        float[] ps = hits.p;
        for (int i = 0; i < GROUP; i++) {
            float v = lane[i];
            rows[h] = row;
            positions[h] = p0 + i;
            ps[h] = v;
            h += v <= lim ? 1 : 0;
        }
        hits.count = h;
    }
}
