package lab.wolpertinger.nn;

/**
 * The inner loops of candidate scoring ({@link CriticHead}), one array lane per candidate (or per
 * state), each lane doing the scalar definition's float operations in the same order. Two
 * implementations give the same bits: plain Java loops, and {@link VectorLaneKernels} on the JDK's
 * vector API (module {@code jdk.incubator.vector}: 8 lanes per instruction on AVX2, about 8x
 * faster here; C2 does not auto-vectorise these loops). The vector one is used when the module is
 * resolved (the launcher and the build add it) and the CPU has 256-bit vectors; the system
 * property {@code wolpertinger.lanes=scalar} forces the plain loops.
 *
 * <p>Bit-identity: IEEE addition and multiplication are commutative, the vector API performs the
 * same lane-wise operations as Java's scalar {@code +}, {@code *} and {@code z > 0 ? z : 0} (no FMA
 * contraction), and every lane sums its terms in unit order as the scalar code does. (A NaN
 * may come out with another payload, x86's vector and scalar units making different NaNs; it is
 * a NaN either way, and no comparison can tell.)
 */
final class LaneKernels {

    /** Lanes per block: candidates scored together ({@link CriticHead#BLOCK}). */
    static final int BLOCK = 64;

    /** True when the vector implementation runs. */
    static final boolean VECTOR = vectorAvailable();

    private LaneKernels() {
    }

    private static boolean vectorAvailable() {
        if ("scalar".equals(System.getProperty("wolpertinger.lanes"))) {
            return false;
        }
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            return false;
        }
        try {
            return VectorLaneKernels.supported();
        } catch (LinkageError e) {
            return false;
        }
    }

    /** "vector (jdk.incubator.vector, 256-bit)" or "scalar (...)": what {@link #VECTOR} chose, for logs and bench. */
    static String describe() {
        return VECTOR ? "vector (jdk.incubator.vector, 256-bit)"
                : "scalar (run with --add-modules jdk.incubator.vector for the vector loops)";
    }

    /**
     * {@code q[c] = sum over u of w3[u] * relu(base[baseOffset + u] + lanes[u * BLOCK + c])},
     * in unit order, for c in [0, m) (lanes beyond m may be written with garbage in q): one
     * state's base against a block of candidates ({@link #reluSum} with stride {@link #BLOCK}).
     */
    static void scoreLanes(float[] base, int baseOffset, float[] w3, int h2, float[] lanes, int m, float[] q) {
        reluSum(base, baseOffset, w3, h2, lanes, BLOCK, m, q);
    }

    /**
     * The action projection of a block, lane-major: {@code z[u * BLOCK + c] = w2a[u d] a[c] +
     * w2a[u d + 1] a[BLOCK + c] + ... + w2a[u d + d - 1] a[(d - 1) BLOCK + c]}, left to right, for
     * every unit u and c in [0, m) ({@code a[j * BLOCK + c]}: coordinate j of candidate c).
     */
    static void project(float[] w2a, int h2, int d, float[] a, int m, float[] z) {
        if (VECTOR) {
            VectorLaneKernels.project(w2a, h2, d, a, z);
        } else {
            scalarProject(w2a, h2, d, a, m, z);
        }
    }

    static void scalarProject(float[] w2a, int h2, int d, float[] a, int m, float[] z) {
        for (int u = 0; u < h2; u++) {
            final int r = u * d;
            final int o = u * BLOCK;
            final float w0 = w2a[r];
            for (int c = 0; c < m; c++) {
                z[o + c] = w0 * a[c];
            }
            for (int j = 1; j < d; j++) {
                final float w = w2a[r + j];
                final int oa = j * BLOCK;
                for (int c = 0; c < m; c++) {
                    z[o + c] += w * a[oa + c];
                }
            }
        }
    }

    /**
     * One item against many states: {@code q[r] = sum over u of w3[u] * relu(basesT[u * stride + r]
     * + p[pOffset + u])} in unit order, for r in [0, rows); {@code basesT} holds the states'
     * bases transposed (unit-major), {@code stride} a multiple of {@link #BLOCK} >= rows, lanes
     * [rows, stride) zero (their q is garbage). {@link #reluSum} with the item as the broadcast.
     */
    static void scoreStates(float[] basesT, int stride, int rows, float[] w3, int h2, float[] p, int pOffset, float[] q) {
        reluSum(p, pOffset, w3, h2, basesT, stride, rows, q);
    }

    /**
     * The one scoring loop: {@code q[c] = sum over u of w3[u] * relu(b[bOffset + u] + lanes[u *
     * stride + c])}, in unit order, for c in [0, m), with {@code relu(z) = z > 0 ? z : 0} (a NaN z
     * adds nothing, as the definition's "units with z > 0" says); with vectors every lane up to {@code stride}
     * (a multiple of {@link #BLOCK}) is computed, those from m on being garbage. The broadcast
     * value b is a state's base (candidates as lanes) or an item's projection (states as lanes);
     * IEEE addition commutes, so both give the scalar definition's bits.
     */
    static void reluSum(float[] b, int bOffset, float[] w3, int h2, float[] lanes, int stride, int m, float[] q) {
        if (VECTOR) {
            VectorLaneKernels.reluSum(b, bOffset, w3, h2, lanes, stride, q);
        } else {
            scalarReluSum(b, bOffset, w3, h2, lanes, stride, m, q);
        }
    }

    static void scalarReluSum(float[] b, int bOffset, float[] w3, int h2, float[] lanes, int stride, int m, float[] q) {
        java.util.Arrays.fill(q, 0, m, 0f);
        for (int u = 0; u < h2; u++) {
            final float bu = b[bOffset + u];
            final float wu = w3[u];
            final int o = u * stride;
            for (int c = 0; c < m; c++) {
                float z = bu + lanes[o + c];
                q[c] += wu * (z > 0f ? z : 0f);
            }
        }
    }
}
