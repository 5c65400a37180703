package lab.wolpertinger.nn;

import java.nio.FloatBuffer;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinear;
import org.nd4j.linalg.factory.Nd4j;

/**
 * ACER's network for N discrete actions: a shared torso with two heads, the policy's logits and
 * the Q values of every action.
 *
 * <pre>
 *   h1     = relu(s W1^T + b1)     [B, hidden1]
 *   h2     = relu(h1 W2^T + b2)    [B, hidden2]
 *   logits = h2 Wp^T + bp          [B, N]     pi(a|s) = softmax(logits)_a
 *   q      = h2 Wq^T + bq          [B, N]     Q(s, a)
 * </pre>
 *
 * <p>Parameters in one flat float32 vector in the order fc1, fc2, policy, q (weight then bias,
 * PyTorch {@code nn.Linear} layout); {@link #gradients()} has the same layout. Initialisation from
 * one {@code SplittableRandom(seed)} in that order: the torso uniform in +-1/sqrt(fan_in), both
 * heads uniform in +-3e-3, so a fresh policy is close to uniform and Q close to 0.
 *
 * <p>Batches run at one of the row counts 1, 4, 8, 16 and {@link #CHUNK} (32): a call with fewer
 * rows than its size is padded with zero rows, whose outputs are ignored and whose output
 * gradients are zero, so they add nothing to the parameter gradients. The fixed sizes keep the
 * work arrays preallocated whatever a trajectory's length, and bound them to 61 x N floats per
 * array however long it is; the smaller sizes spare short traces (a catalog session of ~8 steps)
 * the cost of 32 rows over all N.
 * Not thread-safe: the training thread owns the net.
 */
public final class PolicyQNet {
    /** Rows per batched forward and backward (a trajectory is processed in chunks of this many states). */
    public static final int CHUNK = 32;

    private final OwningThread owner = new OwningThread();
    private final int obsDim;
    private final int actions;
    private final int hidden1;
    private final int hidden2;
    private final ParameterVector vector;
    private final Linear fc1;
    private final Linear fc2;
    private final Linear policy;
    private final Linear q;
    private final Map<String, INDArray> named;
    private final FloatBuffer gradBuffer;
    /** The row counts batches run at; a call uses the smallest that holds its rows. */
    private static final int[] SIZES = {1, 4, 8, 16, CHUNK};
    private final Work[] works = new Work[SIZES.length];

    /** Work arrays and prebuilt element-wise ops for one batch size. */
    private final class Work {
        final int rows;
        final INDArray x;
        final INDArray h1;
        final INDArray h2;
        final INDArray logits;
        final INDArray q;
        final INDArray gLogits;
        final INDArray gQ;
        final INDArray gh2;
        final INDArray gh1;
        final INDArray ones;
        final RectifiedLinear relu1;
        final RectifiedLinear relu2;
        final FloatBuffer xBuf;
        final FloatBuffer h1Buf;
        final FloatBuffer h2Buf;
        final FloatBuffer gh1Buf;
        final FloatBuffer gh2Buf;
        final FloatBuffer logitsBuf;
        final FloatBuffer qBuf;
        final FloatBuffer gLogitsBuf;
        final FloatBuffer gQBuf;

        Work(int b) {
            rows = b;
            x = Nd4j.create(DataType.FLOAT, b, obsDim);
            h1 = Nd4j.create(DataType.FLOAT, b, hidden1);
            h2 = Nd4j.create(DataType.FLOAT, b, hidden2);
            logits = Nd4j.create(DataType.FLOAT, b, actions);
            q = Nd4j.create(DataType.FLOAT, b, actions);
            gLogits = Nd4j.create(DataType.FLOAT, b, actions);
            gQ = Nd4j.create(DataType.FLOAT, b, actions);
            gh2 = Nd4j.create(DataType.FLOAT, b, hidden2);
            gh1 = Nd4j.create(DataType.FLOAT, b, hidden1);
            ones = Nd4j.ones(DataType.FLOAT, 1, b);
            relu1 = new RectifiedLinear(h1, h1, 0.0);
            relu2 = new RectifiedLinear(h2, h2, 0.0);
            xBuf = Nd4jRuntime.floatBuffer(x);
            h1Buf = Nd4jRuntime.floatBuffer(h1);
            h2Buf = Nd4jRuntime.floatBuffer(h2);
            gh1Buf = Nd4jRuntime.floatBuffer(gh1);
            gh2Buf = Nd4jRuntime.floatBuffer(gh2);
            logitsBuf = Nd4jRuntime.floatBuffer(logits);
            qBuf = Nd4jRuntime.floatBuffer(q);
            gLogitsBuf = Nd4jRuntime.floatBuffer(gLogits);
            gQBuf = Nd4jRuntime.floatBuffer(gQ);
        }
    }

    /** Weights and biases of a net with these sizes (obs → hidden1 → hidden2 → two heads of N). */
    public static long parameterCount(int obsDim, int actions, int hidden1, int hidden2) {
        return Linear.count(obsDim, hidden1) + Linear.count(hidden1, hidden2) + 2 * Linear.count(hidden2, actions);
    }

    /**
     * @param obsDim o, observation size
     * @param actions N, the number of actions (width of both heads)
     * @param hidden1 units of the first torso layer
     * @param hidden2 units of the second torso layer
     * @param seed initialisation seed; the same seed gives identical parameters
     */
    public PolicyQNet(int obsDim, int actions, int hidden1, int hidden2, long seed) {
        ActorNet.requirePositive("obsDim", obsDim);
        ActorNet.requirePositive("actions", actions);
        ActorNet.requirePositive("hidden1", hidden1);
        ActorNet.requirePositive("hidden2", hidden2);
        Nd4jRuntime.init();
        this.obsDim = obsDim;
        this.actions = actions;
        this.hidden1 = hidden1;
        this.hidden2 = hidden2;
        long n1 = Linear.count(obsDim, hidden1);
        long n2 = Linear.count(hidden1, hidden2);
        long nh = Linear.count(hidden2, actions);
        vector = new ParameterVector(parameterCount(obsDim, actions, hidden1, hidden2), "ACER network");
        fc1 = new Linear(vector.params, vector.grads, 0, obsDim, hidden1);
        fc2 = new Linear(vector.params, vector.grads, n1, hidden1, hidden2);
        policy = new Linear(vector.params, vector.grads, n1 + n2, hidden2, actions);
        q = new Linear(vector.params, vector.grads, n1 + n2 + nh, hidden2, actions);
        Map<String, INDArray> m = new LinkedHashMap<>();
        m.put("fc1.weight", fc1.weight);
        m.put("fc1.bias", fc1.bias);
        m.put("fc2.weight", fc2.weight);
        m.put("fc2.bias", fc2.bias);
        m.put("policy.weight", policy.weight);
        m.put("policy.bias", policy.bias);
        m.put("q.weight", q.weight);
        m.put("q.bias", q.bias);
        named = Collections.unmodifiableMap(m);
        gradBuffer = Nd4jRuntime.floatBuffer(vector.grads);

        float[] init = new float[(int) vector.params.length()];
        SplittableRandom rng = new SplittableRandom(seed);
        double b1 = 1.0 / Math.sqrt(obsDim);
        double b2 = 1.0 / Math.sqrt(hidden1);
        fc1.init(init, b1, b1, rng);
        fc2.init(init, b2, b2, rng);
        policy.init(init, ActorNet.OUTPUT_INIT_BOUND, ActorNet.OUTPUT_INIT_BOUND, rng);
        q.init(init, ActorNet.OUTPUT_INIT_BOUND, ActorNet.OUTPUT_INIT_BOUND, rng);
        Nd4jRuntime.copyInto(init, vector.params);
    }

    /** o. */
    public int obsDim() {
        return obsDim;
    }

    /** N. */
    public int actions() {
        return actions;
    }

    /**
     * Forward pass for {@code rows} observations ({@code obs[0 .. rows*o)}, row-major), 1 or up to
     * {@link #CHUNK}. Read the outputs with {@link #logits} and {@link #q}; a following
     * {@link #backward} with the same {@code rows} back-propagates through this pass.
     *
     * @param withQ false skips the Q head (the average policy network needs only the logits)
     */
    public void forward(float[] obs, int rows, boolean withQ) {
        assert owner.check("PolicyQNet");
        Work w = work(rows);
        if (obs.length < rows * obsDim) {
            throw new IllegalArgumentException("forward: obs holds " + obs.length + " floats, " + rows + " rows of "
                    + obsDim + " need " + rows * obsDim);
        }
        w.xBuf.put(0, obs, 0, rows * obsDim);
        for (int i = rows * obsDim, end = w.rows * obsDim; i < end; i++) {
            w.xBuf.put(i, 0f);
        }
        fc1.forward(w.x, w.h1, w.ones);
        Nd4j.exec(w.relu1);
        fc2.forward(w.h1, w.h2, w.ones);
        Nd4j.exec(w.relu2);
        policy.forward(w.h2, w.logits, w.ones);
        if (withQ) {
            q.forward(w.h2, w.q, w.ones);
        }
    }

    /** Copies the last forward's logits of its first {@code rows} rows into {@code out[0 .. rows*N)}. */
    public void logits(int rows, float[] out) {
        work(rows).logitsBuf.get(0, out, 0, rows * actions);
    }

    /** Copies the last forward's Q values of its first {@code rows} rows into {@code out[0 .. rows*N)}. */
    public void q(int rows, float[] out) {
        work(rows).qBuf.get(0, out, 0, rows * actions);
    }

    /**
     * Back-propagates {@code dL/dlogits} and {@code dL/dq} (each {@code rows*N}, row-major) through
     * the last forward with {@code rows} rows (it must have computed Q), and writes
     * {@code dL/dtheta} into {@link #gradients()}: overwriting, or adding to what is there when
     * {@code accumulate} (a trajectory's chunks sum into one gradient).
     */
    public void backward(float[] gradLogits, float[] gradQ, int rows, boolean accumulate) {
        assert owner.check("PolicyQNet");
        Work w = work(rows);
        int used = rows * actions;
        w.gLogitsBuf.put(0, gradLogits, 0, used);
        w.gQBuf.put(0, gradQ, 0, used);
        for (int i = used, end = w.rows * actions; i < end; i++) {
            w.gLogitsBuf.put(i, 0f);
            w.gQBuf.put(i, 0f);
        }
        double beta = accumulate ? 1.0 : 0.0;
        paramGrads(policy, w.gLogits, w.h2, w.ones, beta);
        paramGrads(q, w.gQ, w.h2, w.ones, beta);
        // dL/dh2 = gLogits Wp + gQ Wq: both heads read the same torso output
        Linear.gemm(w.gLogits, policy.weight, w.gh2, false, false, 1.0, 0.0);
        Linear.gemm(w.gQ, q.weight, w.gh2, false, false, 1.0, 1.0);
        Blas1.reluBackward(w.h2Buf, w.gh2Buf);
        paramGrads(fc2, w.gh2, w.h1, w.ones, beta);
        fc2.backwardInput(w.gh2, w.gh1);
        Blas1.reluBackward(w.h1Buf, w.gh1Buf);
        paramGrads(fc1, w.gh1, w.x, w.ones, beta);
    }

    /** dL/dW (+)= gy^T x, dL/db (+)= 1^T gy, with beta 0 (overwrite) or 1 (add). */
    private static void paramGrads(Linear layer, INDArray gy, INDArray x, INDArray ones, double beta) {
        Linear.gemm(gy, x, layer.weightGrad, true, false, 1.0, beta);
        Linear.gemm(ones, gy, layer.biasGradRow, false, false, 1.0, beta);
    }

    /**
     * Scales the gradient down to L2 norm {@code maxNorm} if it is above (PyTorch
     * {@code clip_grad_norm_}); returns the norm before clipping (NaN or infinite if a gradient is).
     */
    public double clipGradientNorm(double maxNorm) {
        double sum = 0;
        int n = gradBuffer.limit();
        for (int i = 0; i < n; i++) {
            double g = gradBuffer.get(i);
            sum += g * g;
        }
        double norm = Math.sqrt(sum);
        if (norm > maxNorm) {
            float scale = (float) (maxNorm / norm);
            for (int i = 0; i < n; i++) {
                gradBuffer.put(i, gradBuffer.get(i) * scale);
            }
        }
        return norm;
    }

    /** Hard copy {@code this = other} (the average network's start). */
    public void copyParamsFrom(PolicyQNet other) {
        requireSameShape(other);
        vector.copyFrom(other.vector);
    }

    /**
     * Replaces this net's gradient by {@code other}'s (another ACER worker's, computed on its copy
     * of this net), so that the optimiser stepping this net applies it.
     */
    public void copyGradientsFrom(PolicyQNet other) {
        assert owner.check("PolicyQNet");
        requireSameShape(other);
        vector.grads.assign(other.vector.grads);
    }

    /** {@code this = tau * online + (1 - tau) * this}, in place (the average network's update, tau = 1 - alpha). */
    public void softUpdateFrom(PolicyQNet online, double tau) {
        requireSameShape(online);
        vector.softUpdateFrom(online.vector, tau);
    }

    /** Soft updates applied so far (every 64th flushes tiny weights; part of a run's exact state). */
    public long softUpdateCount() {
        return vector.softUpdateCount();
    }

    /** Restores the soft update count from a snapshot, so the flushes come at the same updates. */
    public void setSoftUpdateCount(long count) {
        vector.setSoftUpdateCount(count);
    }

    /** The flat float32 parameter vector [P]. */
    public INDArray params() {
        return vector.params;
    }

    /** The flat gradient vector [P], same layout; written by {@link #backward}. */
    public INDArray gradients() {
        return vector.grads;
    }

    /** Views in flat order: fc1.weight, fc1.bias, fc2.weight, fc2.bias, policy.weight, policy.bias, q.weight, q.bias. */
    public Map<String, INDArray> namedParameters() {
        return named;
    }

    private Work work(int rows) {
        if (rows < 1 || rows > CHUNK) {
            throw new IllegalArgumentException("rows must be in [1, " + CHUNK + "], got " + rows);
        }
        int i = 0;
        while (SIZES[i] < rows) {
            i++;
        }
        if (works[i] == null) {
            works[i] = new Work(SIZES[i]);
        }
        return works[i];
    }

    private void requireSameShape(PolicyQNet other) {
        if (other.obsDim != obsDim || other.actions != actions || other.hidden1 != hidden1 || other.hidden2 != hidden2) {
            throw new IllegalArgumentException("ACER network shapes differ: " + obsDim + "->" + hidden1 + "->" + hidden2
                    + "->2x" + actions + " vs " + other.obsDim + "->" + other.hidden1 + "->" + other.hidden2 + "->2x"
                    + other.actions);
        }
    }
}
