package lab.wolpertinger.nn;

/**
 * The part of the critic that scores candidate actions of one state once its split base is known:
 * {@code W2a [h2, d]} (row-major), {@code w3 [h2]} and {@code b3}, as Java floats.
 *
 * <pre>
 *   score(a) = (double) b3 + q(a),   q(a) = float sum over u = 0..h2-1, in that order, of
 *              w3[u] * z_u   for every u with z_u = base[u] + p_u(a)  >  0,
 *   p_u(a)   = W2a[u][0] a_0 + W2a[u][1] a_1 + ... + W2a[u][d-1] a_{d-1}   (float, left to right)
 * </pre>
 * The action part p(a) is summed on its own before the state's base is added, so a batch of
 * critic targets can project each distinct item once ({@link #project}) and reuse it for every
 * state whose neighbours include it ({@link #scoreProjected}). For d = 1, p = W2a[u] a.
 *
 * <p>This is THE scoring function of the Wolpertinger step: {@link #score}, {@link #scoreOne} and
 * {@link #preActivation} perform exactly the same float operations in the same order (Java never
 * contracts them into FMA), so every path that uses them sees bit-identical values.
 *
 * <p>A {@link CriticNet} owns a live head (refreshed from its parameters); {@link #copyFrom} makes a
 * snapshot that later parameter updates do not touch. Not thread-safe: scoring uses scratch arrays,
 * so each thread scores with its own head.
 */
public final class CriticHead {

    private final int hidden2;
    private final int actionDim;
    final float[] w2a;
    final float[] w3;
    float b3;

    /** Candidates scored together by the d > 1 path (one vector lane each); {@link #scoreStates}' stride unit. */
    public static final int BLOCK = LaneKernels.BLOCK;
    // d > 1 scratch, allocated on first use: this head is owned by one thread
    private float[] blockA;
    private float[] blockP;
    private float[] blockT;
    private float[] blockQ;

    /** An all-zero head for {@code hidden2} units and {@code actionDim}-dimensional actions. */
    public CriticHead(int hidden2, int actionDim) {
        ActorNet.requirePositive("hidden2", hidden2);
        ActorNet.requirePositive("actionDim", actionDim);
        this.hidden2 = hidden2;
        this.actionDim = actionDim;
        this.w2a = new float[hidden2 * actionDim];
        this.w3 = new float[hidden2];
    }

    /** Number of hidden units h2. */
    public int hidden2() {
        return hidden2;
    }

    /** Action dimension d. */
    public int actionDim() {
        return actionDim;
    }

    /** {@code W2a[u][j]}, the action weight of unit u. */
    public float actionWeight(int u, int j) {
        return w2a[u * actionDim + j];
    }

    /** {@code w3[u]}, the output weight of unit u. */
    public float outputWeight(int u) {
        return w3[u];
    }

    /** The output bias b3. */
    public float outputBias() {
        return b3;
    }

    /** Makes this head an independent copy of {@code other} (same shape required). */
    public void copyFrom(CriticHead other) {
        if (other.hidden2 != hidden2 || other.actionDim != actionDim) {
            throw new IllegalArgumentException("head shapes differ: h2=" + other.hidden2 + ", d="
                + other.actionDim + " into h2=" + hidden2 + ", d=" + actionDim);
        }
        System.arraycopy(other.w2a, 0, w2a, 0, w2a.length);
        System.arraycopy(other.w3, 0, w3, 0, w3.length);
        b3 = other.b3;
    }

    /** Sets every weight (for tests that construct heads with ties, zeros and duplicates). */
    public void set(float[] actionWeights, float[] outputWeights, float outputBias) {
        if (actionWeights.length != w2a.length || outputWeights.length != w3.length) {
            throw new IllegalArgumentException("set: expected " + w2a.length + " action weights and "
                + w3.length + " output weights, got " + actionWeights.length + " and " + outputWeights.length);
        }
        System.arraycopy(actionWeights, 0, w2a, 0, w2a.length);
        System.arraycopy(outputWeights, 0, w3, 0, w3.length);
        b3 = outputBias;
    }

    /**
     * Scores k candidates: {@code qOut[i] = score(candidates[i*d .. i*d + d))}.
     * O(k * h2 * d), no allocation.
     *
     * @param base the state's split base, {@code base[baseOffset .. baseOffset + h2)}
     * @param candidates k actions packed row-major, {@code cand[i*d + j]}
     */
    public void score(float[] base, int baseOffset, float[] candidates, int k, double[] qOut) {
        final int d = actionDim;
        final int h2 = hidden2;
        if (baseOffset < 0 || baseOffset + h2 > base.length || k < 0
            || (long) k * d > candidates.length || k > qOut.length) {
            throw new IllegalArgumentException("scoreCandidates: base " + base.length + " from "
                + baseOffset + " (needs " + h2 + "), candidates " + candidates.length + " for k="
                + k + ", d=" + d + ", qOut " + qOut.length);
        }
        if (d == 1) {
            for (int i = 0; i < k; i++) {
                qOut[i] = scoreOne(base, baseOffset, candidates[i]);
            }
            return;
        }
        scoreBlocks(base, baseOffset, candidates, k, qOut);
    }

    /**
     * d > 1, block by block: {@link #BLOCK} candidates are projected ({@link #project}) into a
     * lane-major scratch and scored there ({@link #scoreLanes}). Each lane does exactly the
     * definition's sequence, so the result equals scoring one candidate at a time bit for bit.
     */
    private void scoreBlocks(float[] base, int baseOffset, float[] candidates, int k, double[] qOut) {
        ensureScratch();
        for (int start = 0; start < k; start += BLOCK) {
            int m = Math.min(BLOCK, k - start);
            projectBlock(candidates, start, m, blockP, -1);
            scoreLanes(base, baseOffset, blockP, m, qOut, start);
        }
    }

    /**
     * d > 1: the action part of each candidate's layer-2 pre-activation,
     * {@code p[c * h2 + u] = W2a[u][0] a_0 + W2a[u][1] a_1 + ... + W2a[u][d-1] a_{d-1}} (left to
     * right, in float), for {@code m} candidates packed row-major. A batch of critic targets
     * projects each distinct item once and scores it against every state whose neighbours
     * include it ({@link #scoreProjected}).
     */
    public void project(float[] candidates, int m, float[] p) {
        if (actionDim == 1 || (long) m * actionDim > candidates.length || (long) m * hidden2 > p.length) {
            throw new IllegalArgumentException("project: d=" + actionDim + " (needs > 1), " + m + " candidates in "
                + candidates.length + " values, output " + p.length + " for h2=" + hidden2);
        }
        ensureScratch();
        for (int start = 0; start < m; start += BLOCK) {
            projectBlock(candidates, start, Math.min(BLOCK, m - start), p, start);
        }
    }

    /**
     * d > 1: {@code qOut[outOffset + i] = score} of the candidate whose projection is row
     * {@code rows[rowsOffset + i]} of {@code p} (from {@link #project}), for i in [0, k): the
     * same value {@link #score} gives for that candidate.
     */
    public void scoreProjected(float[] base, int baseOffset, float[] p, int[] rows, int rowsOffset, int k,
                               double[] qOut, int outOffset) {
        ensureScratch();
        final int h2 = hidden2;
        final float[] lanes = blockP;
        for (int start = 0; start < k; start += BLOCK) {
            int m = Math.min(BLOCK, k - start);
            for (int c = 0; c < m; c++) { // gather into lanes: lanes[u * BLOCK + c]
                int row = rows[rowsOffset + start + c] * h2;
                for (int u = 0; u < h2; u++) {
                    lanes[u * BLOCK + c] = p[row + u];
                }
            }
            scoreLanes(base, baseOffset, lanes, m, qOut, outOffset + start);
        }
    }

    private void ensureScratch() {
        if (blockA == null) {
            blockA = new float[BLOCK * actionDim];
            blockP = new float[BLOCK * hidden2];
            blockT = new float[BLOCK * hidden2];
            blockQ = new float[BLOCK];
        }
    }

    /**
     * Projects candidates [start, start + m) of {@code candidates}: into lane-major
     * {@code out[u * BLOCK + c]} when {@code rowStart < 0}, else row-major
     * {@code out[(rowStart + c) * h2 + u]}. One array lane per candidate, so the inner loops run
     * over candidates and the JIT turns them into SIMD instructions; each lane performs the
     * scalar left-to-right sum.
     */
    private void projectBlock(float[] candidates, int start, int m, float[] out, int rowStart) {
        final int d = actionDim;
        final int h2 = hidden2;
        final float[] a = blockA;
        for (int c = 0; c < m; c++) { // transpose: a[j * BLOCK + c] = coordinate j of candidate c
            int c0 = (start + c) * d;
            for (int j = 0; j < d; j++) {
                a[j * BLOCK + c] = candidates[c0 + j];
            }
        }
        if (rowStart < 0) {
            LaneKernels.project(w2a, h2, d, a, m, out);
            return;
        }
        final float[] z = blockT;
        LaneKernels.project(w2a, h2, d, a, m, z);
        for (int c = 0; c < m; c++) {
            int row = (rowStart + c) * h2;
            for (int u = 0; u < h2; u++) {
                out[row + u] = z[u * BLOCK + c];
            }
        }
    }

    /**
     * Scores m candidates from their lane-major projections {@code lanes[u * BLOCK + c]}:
     * {@code q_c = 0 + w3[0] relu(base[0] + p_c0) + ... } in unit order. Adding
     * {@code w3[u] * (z > 0 ? z : 0)} instead of skipping a unit with z <= 0 (NaN included) changes
     * nothing for finite weights: it adds a signed zero to a sum that starts at +0 and so is never -0.
     */
    private void scoreLanes(float[] base, int baseOffset, float[] lanes, int m, double[] qOut, int outOffset) {
        final float[] q = blockQ;
        LaneKernels.scoreLanes(base, baseOffset, w3, hidden2, lanes, m, q);
        for (int c = 0; c < m; c++) {
            qOut[outOffset + c] = (double) b3 + q[c];
        }
    }

    /**
     * d > 1, one item against many states: {@code q[r]} = the float sum that {@link #score}
     * adds b3 to, for the item whose projection is {@code p[pOffset .. pOffset + h2)} (from
     * {@link #project}) and the state whose split base is column r of {@code basesT}
     * ({@code basesT[u * stride + r]}, unit-major), r in [0, rows). {@code stride} is a multiple
     * of {@link #BLOCK} (at least rows; lanes from rows to stride are zero and their q is
     * meaningless), {@code q.length >= stride}. So {@code (double) outputBias() + q[r]} is
     * bit for bit what {@link #score} gives that candidate in that state. A batch of critic
     * targets whose rows share most of their neighbours scores every (state, item) pair this way,
     * without gathering each row's candidates.
     */
    public void scoreStates(float[] basesT, int stride, int rows, float[] p, int pOffset, float[] q) {
        if (stride % BLOCK != 0 || rows > stride || (long) hidden2 * stride > basesT.length
                || q.length < stride || pOffset < 0 || pOffset + hidden2 > p.length) {
            throw new IllegalArgumentException("scoreStates: stride " + stride + " (a multiple of " + BLOCK
                + ") for " + rows + " rows, bases " + basesT.length + " (needs " + (long) hidden2 * stride
                + "), q " + q.length + ", projection " + p.length + " from " + pOffset);
        }
        LaneKernels.scoreStates(basesT, stride, rows, w3, hidden2, p, pOffset, q);
    }

    /** True when the vector lane loops score here (see {@code LaneKernels}). */
    public static boolean vectorLanes() {
        return LaneKernels.VECTOR;
    }

    /** Which lane loops score here: "vector (...)" or "scalar (...)" (see {@code LaneKernels}). */
    public static String laneKernels() {
        return LaneKernels.describe();
    }

    /** The score of one scalar action {@code c} (d = 1), bit-identical to {@link #score}. */
    public double scoreOne(float[] base, int baseOffset, float c) {
        return (double) b3 + unitSum(base, baseOffset, c);
    }

    /**
     * The float sum q(c) of {@link #scoreOne} before b3 is added (d = 1): {@code scoreOne ==
     * (double) outputBias() + unitSum}, and since that addition is monotone, a larger unitSum
     * never gives a smaller score.
     */
    public float unitSum(float[] base, int baseOffset, float c) {
        final float[] w2a = this.w2a;
        final float[] w3 = this.w3;
        float q = 0f;
        for (int u = 0; u < hidden2; u++) {
            float z = base[baseOffset + u] + w2a[u] * c;
            if (z > 0f) {
                q += w3[u] * z;
            }
        }
        return q;
    }

    /**
     * Unit u's pre-activation at scalar action {@code c} (d = 1), {@code base[u] + W2a[u] * c},
     * the float {@link #scoreOne} compares with 0. Monotone in c: non-decreasing when
     * {@code W2a[u] >= 0}, non-increasing otherwise (rounding is monotone).
     */
    public float preActivation(float[] base, int baseOffset, int u, float c) {
        return base[baseOffset + u] + w2a[u] * c;
    }
}
