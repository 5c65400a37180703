package lab.wolpertinger.nn;

/**
 * The part of the critic that scores candidate actions of one state once its split base is known:
 * {@code W2a [h2, d]} (row-major), {@code w3 [h2]} and {@code b3}, as Java floats.
 *
 * <pre>
 *   score(a) = (double) b3 + q(a),   q(a) = float sum over u = 0..h2-1, in that order, of
 *              w3[u] * z_u   for every u with z_u = base[u] + sum_j W2a[u][j] * a_j  >  0
 * </pre>
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

    /** Candidates scored together by the d > 1 path (one SIMD-friendly lane each). */
    static final int BLOCK = 64;
    // d > 1 scratch, allocated on first use: this head is owned by one thread
    private float[] blockA;
    private float[] blockZ;
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
     * d > 1: the same float operations as the definition,
     * <pre>
     *   z_u = base[u] + W2a[u][0] a_0 + ... + W2a[u][d-1] a_{d-1}   (left to right)
     *   q   = 0 + w3[0] relu(z_0) + ... + w3[h2-1] relu(z_{h2-1})    (units with z_u <= 0 skipped)
     * </pre>
     * but for {@link #BLOCK} candidates at a time, one array lane per candidate, so that every
     * inner loop runs over candidates and the JIT turns it into SIMD instructions. Each lane does
     * exactly the scalar sequence, so the scores are bit-identical to one-at-a-time scoring
     * (a test keeps the scalar loop as the reference). Adding {@code w3[u] * max(z_u, 0)} instead
     * of skipping a unit changes nothing for finite weights: it adds a signed zero to a sum that
     * starts at +0 and so is never -0.
     */
    private void scoreBlocks(float[] base, int baseOffset, float[] candidates, int k, double[] qOut) {
        final int d = actionDim;
        final int h2 = hidden2;
        final float[] w2a = this.w2a;
        final float[] w3 = this.w3;
        if (blockA == null) {
            blockA = new float[BLOCK * d];
            blockZ = new float[BLOCK];
            blockQ = new float[BLOCK];
        }
        final float[] a = blockA;
        final float[] z = blockZ;
        final float[] q = blockQ;
        for (int start = 0; start < k; start += BLOCK) {
            final int m = Math.min(BLOCK, k - start);
            for (int c = 0; c < m; c++) { // transpose: a[j * BLOCK + c] = coordinate j of candidate c
                int c0 = (start + c) * d;
                for (int j = 0; j < d; j++) {
                    a[j * BLOCK + c] = candidates[c0 + j];
                }
            }
            java.util.Arrays.fill(q, 0, m, 0f);
            for (int u = 0; u < h2; u++) {
                final float b = base[baseOffset + u];
                for (int c = 0; c < m; c++) {
                    z[c] = b;
                }
                final int r = u * d;
                for (int j = 0; j < d; j++) {
                    final float w = w2a[r + j];
                    final int o = j * BLOCK;
                    for (int c = 0; c < m; c++) {
                        z[c] += w * a[o + c];
                    }
                }
                final float wu = w3[u];
                for (int c = 0; c < m; c++) {
                    q[c] += wu * Math.max(z[c], 0f);
                }
            }
            for (int c = 0; c < m; c++) {
                qOut[start + c] = (double) b3 + q[c];
            }
        }
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
