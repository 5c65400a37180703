package lab.wolpertinger.nn;

import java.nio.FloatBuffer;
import java.util.Map;
import java.util.SplittableRandom;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinear;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The critic {@code Q_phi(s, a)}; the action joins after the first layer (as in DDPG).
 *
 * <pre>
 *   h1 = relu(s W1^T + b1)                         [B, hidden1]
 *   h2 = relu([h1, a] W2^T + b2)                   [B, hidden2]; W2 [hidden2, hidden1 + d]
 *      = relu(h1 W2h^T + a W2a^T + b2)             W2h = W2[:, :hidden1], W2a = W2[:, hidden1:]
 *   Q  = h2 W3^T + b3                              [B, 1]
 * </pre>
 *
 * <p>The concatenation is never built: W2h and W2a are column views of the one W2 and layer 2
 * is two gemms into the same output. For the Wolpertinger step the same split scores k candidate
 * actions of one state cheaply: {@link #splitBase} computes {@code base = W2h h1(s) + b2} once,
 * {@link #scoreCandidates} adds {@code W2a a_i} per candidate in plain Java.
 *
 * <p>Parameters: one flat float32 vector in the order of {@link #namedParameters()} (fc1.weight
 * [h1,o], fc1.bias, fc2.weight [h2, h1+d], fc2.bias, fc3.weight [1,h2], fc3.bias [1]).
 * Initialisation draws from {@code SplittableRandom(seed)} in that flat order, weights row-major,
 * one {@code nextDouble(-bound, bound)} per scalar: fc1 {@code 1/sqrt(o)}, fc2
 * {@code 1/sqrt(h1 + d)}, fc3 {@code 3e-3}.
 *
 * <p>Work arrays are made once per batch size; not thread-safe.
 */
public final class CriticNet {
    private final OwningThread owner = new OwningThread();

    private final int obsDim;
    private final int actionDim;
    private final int hidden1;
    private final int hidden2;
    private final ParameterVector vector;
    private final Linear fc1;
    private final Linear fc2;
    private final Linear fc3;
    private final INDArray w2h;
    private final INDArray w2a;
    private final INDArray gw2h;
    private final INDArray gw2a;
    private final Map<String, INDArray> named;
    private final BatchCache<Work> work = new BatchCache<>(Work::new);
    private final BatchCache<SplitWork> splitWork = new BatchCache<>(SplitWork::new);
    private final FloatPointer paramReader;
    // The head for scoreCandidates, copied by refreshHead(): W2a [h2, d] row-major, w3 [h2], b3.
    private final CriticHead head;

    private final class Work {
        final INDArray x;
        final INDArray a;
        final INDArray h1;
        final INDArray h2;
        final INDArray q;
        final INDArray gh2;
        final INDArray gh1;
        final INDArray ga;
        final INDArray ones;
        final RectifiedLinear relu1;
        final RectifiedLinear relu2;
        final FloatBuffer h1Buf;
        final FloatBuffer h2Buf;
        final FloatBuffer gh1Buf;
        final FloatBuffer gh2Buf;

        Work(int b) {
            x = Nd4j.create(DataType.FLOAT, b, obsDim);
            a = Nd4j.create(DataType.FLOAT, b, actionDim);
            h1 = Nd4j.create(DataType.FLOAT, b, hidden1);
            h2 = Nd4j.create(DataType.FLOAT, b, hidden2);
            q = Nd4j.create(DataType.FLOAT, b, 1);
            gh2 = Nd4j.create(DataType.FLOAT, b, hidden2);
            gh1 = Nd4j.create(DataType.FLOAT, b, hidden1);
            ga = Nd4j.create(DataType.FLOAT, b, actionDim);
            ones = Nd4j.ones(DataType.FLOAT, 1, b);
            relu1 = new RectifiedLinear(h1, h1, 0.0);
            relu2 = new RectifiedLinear(h2, h2, 0.0);
            h1Buf = Nd4jRuntime.floatBuffer(h1);
            h2Buf = Nd4jRuntime.floatBuffer(h2);
            gh1Buf = Nd4jRuntime.floatBuffer(gh1);
            gh2Buf = Nd4jRuntime.floatBuffer(gh2);
        }
    }

    private final class SplitWork {
        final INDArray h1;
        final INDArray base;
        final INDArray ones;
        final RectifiedLinear relu1;

        SplitWork(int r) {
            ones = Nd4j.ones(DataType.FLOAT, 1, r);
            h1 = Nd4j.create(DataType.FLOAT, r, hidden1);
            base = Nd4j.create(DataType.FLOAT, r, hidden2);
            relu1 = new RectifiedLinear(h1, h1, 0.0);
        }
    }

    /** Weights and biases of a critic with these sizes (obs → hidden1, then [hidden1, action] → hidden2 → Q). */
    public static long parameterCount(int obsDim, int actionDim, int hidden1, int hidden2) {
        return Linear.count(obsDim, hidden1) + Linear.count(hidden1 + actionDim, hidden2) + Linear.count(hidden2, 1);
    }

    /**
     * @param obsDim o
     * @param actionDim d
     * @param hidden1 first hidden layer (default 256)
     * @param hidden2 second hidden layer (default 128)
     * @param seed initialisation seed; the same seed gives identical parameters
     */
    public CriticNet(int obsDim, int actionDim, int hidden1, int hidden2, long seed) {
        ActorNet.requirePositive("obsDim", obsDim);
        ActorNet.requirePositive("actionDim", actionDim);
        ActorNet.requirePositive("hidden1", hidden1);
        ActorNet.requirePositive("hidden2", hidden2);
        Nd4jRuntime.init();
        this.obsDim = obsDim;
        this.actionDim = actionDim;
        this.hidden1 = hidden1;
        this.hidden2 = hidden2;
        long n1 = Linear.count(obsDim, hidden1);
        long n2 = Linear.count(hidden1 + actionDim, hidden2);
        long n = parameterCount(obsDim, actionDim, hidden1, hidden2);
        vector = new ParameterVector(n, "critic");
        INDArray params = vector.params;
        INDArray grads = vector.grads;
        fc1 = new Linear(params, grads, 0, obsDim, hidden1);
        fc2 = new Linear(params, grads, n1, hidden1 + actionDim, hidden2);
        fc3 = new Linear(params, grads, n1 + n2, hidden2, 1);
        w2h = fc2.weight.get(NDArrayIndex.all(), NDArrayIndex.interval(0, hidden1));
        w2a = fc2.weight.get(NDArrayIndex.all(), NDArrayIndex.interval(hidden1, hidden1 + actionDim));
        gw2h = fc2.weightGrad.get(NDArrayIndex.all(), NDArrayIndex.interval(0, hidden1));
        gw2a = fc2.weightGrad.get(NDArrayIndex.all(),
            NDArrayIndex.interval(hidden1, hidden1 + actionDim));
        named = ActorNet.namedViews(fc1, fc2, fc3);

        float[] init = new float[(int) n];
        SplittableRandom rng = new SplittableRandom(seed);
        double b1 = 1.0 / Math.sqrt(obsDim);
        double b2 = 1.0 / Math.sqrt(hidden1 + actionDim);
        fc1.init(init, b1, b1, rng);
        fc2.init(init, b2, b2, rng);
        fc3.init(init, ActorNet.OUTPUT_INIT_BOUND, ActorNet.OUTPUT_INIT_BOUND, rng);
        Nd4jRuntime.copyInto(init, params);

        paramReader = new FloatPointer(params.data().pointer());
        head = new CriticHead(hidden2, actionDim);
        refreshHead();
    }

    public int obsDim() {
        return obsDim;
    }

    public int actionDim() {
        return actionDim;
    }

    public int hidden2() {
        return hidden2;
    }

    /**
     * {@code Q(s, a)} for a batch.
     *
     * @param obs [B, o], copied
     * @param action [B, d], copied
     * @return [B, 1], owned by the net and overwritten by the next forward with the same B
     */
    public INDArray forward(INDArray obs, INDArray action) {
        assert owner.check("CriticNet");
        ActorNet.requireShape("obs", obs, obsDim);
        ActorNet.requireShape("action", action, actionDim);
        if (obs.size(0) != action.size(0)) {
            throw new IllegalArgumentException("obs has " + obs.size(0) + " rows but action has "
                + action.size(0));
        }
        Work w = work.get((int) obs.size(0));
        w.x.assign(obs);
        w.a.assign(action);
        fc1.forward(w.x, w.h1, w.ones);
        Nd4j.exec(w.relu1);
        // z2 = 1 b2 + h1 W2h^T + a W2a^T: three BLAS calls into one output, no concat buffer
        Linear.gemm(w.ones, fc2.biasRow, w.h2, true, false, 1.0, 0.0);
        Linear.gemm(w.h1, w2h, w.h2, false, true, 1.0, 1.0);
        Linear.gemm(w.a, w2a, w.h2, false, true, 1.0, 1.0);
        Nd4j.exec(w.relu2);
        fc3.forward(w.h2, w.q, w.ones);
        return w.q;
    }

    /**
     * Back-propagates {@code gradQ = dL/dQ [B, 1]} through the last forward with that B (for the
     * TD loss {@code mean (Q - y)^2} that is {@code 2 (Q - y) / B}); OVERWRITES
     * {@link #gradients()} with {@code dL/d phi}.
     *
     * @return {@code dL/da [B, d]} (owned buffer, valid until the next backward with that B); with
     *     {@code gradQ = 1} this is {@code dQ/da}, what the actor update needs
     */
    public INDArray backward(INDArray gradQ) {
        assert owner.check("CriticNet");
        ActorNet.requireShape("gradQ", gradQ, 1);
        Work w = work.existing((int) gradQ.size(0));
        fc3.backwardParams(gradQ, w.h2, w.ones);          // dW3 = gQ^T h2, db3 = sum gQ
        fc3.backwardInput(gradQ, w.gh2);                   // dL/dh2 = gQ W3
        Blas1.reluBackward(w.h2Buf, w.gh2Buf);                              // dL/dz2 = dL/dh2 * [h2 > 0]
        Linear.gemm(w.gh2, w.h1, gw2h, true, false, 1.0, 0.0);   // dW2h = gz2^T h1
        Linear.gemm(w.gh2, w.a, gw2a, true, false, 1.0, 0.0);    // dW2a = gz2^T a
        Linear.gemm(w.ones, w.gh2, fc2.biasGradRow, false, false, 1.0, 0.0);
        Linear.gemm(w.gh2, w2a, w.ga, false, false, 1.0, 0.0);   // dL/da = gz2 W2a
        Linear.gemm(w.gh2, w2h, w.gh1, false, false, 1.0, 0.0);  // dL/dh1 = gz2 W2h
        Blas1.reluBackward(w.h1Buf, w.gh1Buf);                              // dL/dz1 = dL/dh1 * [h1 > 0]
        fc1.backwardParams(w.gh1, w.x, w.ones);
        return w.ga;
    }

    /**
     * Layer-2 pre-activation without the action part, {@code baseOut[r*h2 + u] =
     * (W2h relu(W1 s_r + b1) + b2)[u]} for every row r of {@code obs [R, o]}. No steady-state
     * allocation: the gemms write into arrays cached per R, then one copy into the Java array.
     */
    public void splitBase(INDArray obs, float[] baseOut) {
        assert owner.check("CriticNet");
        ActorNet.requireShape("obs", obs, obsDim);
        SplitWork w = splitWork.get((int) obs.size(0));
        fc1.forward(obs, w.h1, w.ones);
        Nd4j.exec(w.relu1);
        Linear.gemm(w.ones, fc2.biasRow, w.base, true, false, 1.0, 0.0);
        Linear.gemm(w.h1, w2h, w.base, false, true, 1.0, 1.0);
        Nd4jRuntime.copyOut(w.base, baseOut, 0);
    }

    /**
     * Copies the candidate-scoring head ({@code W2a [h2, d]}, {@code w3 [h2]}, {@code b3}) into
     * Java arrays. Call after every change of the parameters (update, soft update, copy, load).
     */
    public void refreshHead() {
        assert owner.check("CriticNet");
        long w2 = fc2.offset;
        int rowLen = hidden1 + actionDim;
        for (int u = 0; u < hidden2; u++) {
            paramReader.position(w2 + (long) u * rowLen + hidden1).get(head.w2a, u * actionDim, actionDim);
        }
        paramReader.position(fc3.offset).get(head.w3, 0, hidden2);
        head.b3 = paramReader.position(fc3.offset + hidden2).get();
        paramReader.position(0);
    }

    /**
     * Scores k candidate actions of one state from its {@link #splitBase} row:
     * {@code qOut[i] = b3 + sum_u w3[u] * relu(base[baseOffset+u] + sum_j W2a[u][j] * cand[i*d+j])}.
     * Plain Java, O(k * h2 * d), no allocation; uses the head of the last {@link #refreshHead()}.
     *
     * @param candidates k actions packed row-major, {@code cand[i*d + j]}
     */
    public void scoreCandidates(float[] base, int baseOffset, float[] candidates, int k, double[] qOut) {
        assert owner.check("CriticNet");
        head.score(base, baseOffset, candidates, k, qOut);
    }

    /**
     * The live scoring head (as of the last {@link #refreshHead()}); {@link #scoreCandidates} is
     * {@code head().score(...)}. Copy it ({@link CriticHead#copyFrom}) to keep a snapshot.
     */
    public CriticHead head() {
        return head;
    }

    /**
     * Reference path for {@link #scoreCandidates}: builds the k x (h1 + d) concatenation
     * {@code [h1(s), a_i]} and runs it through fc2 and fc3 with ND4J. Allocates; for tests and
     * the naive-vs-split benchmark.
     *
     * @param obs1 [1, o]
     */
    public void naiveScores(INDArray obs1, float[] candidates, int k, double[] qOut) {
        assert owner.check("CriticNet");
        ActorNet.requireShape("obs1", obs1, obsDim);
        INDArray h1 = Transforms.relu(obs1.mmul(fc1.weight.transpose()).addiRowVector(fc1.biasRow), false);
        INDArray concat = Nd4j.create(DataType.FLOAT, k, hidden1 + actionDim);
        concat.get(NDArrayIndex.all(), NDArrayIndex.interval(0, hidden1)).addiRowVector(h1);
        INDArray cand = Nd4j.create(DataType.FLOAT, k, actionDim);
        Nd4jRuntime.copyInto(java.util.Arrays.copyOf(candidates, k * actionDim), cand);
        concat.get(NDArrayIndex.all(), NDArrayIndex.interval(hidden1, hidden1 + actionDim)).assign(cand);
        INDArray h2 = Transforms.relu(concat.mmul(fc2.weight.transpose()).addiRowVector(fc2.biasRow), false);
        INDArray q = h2.mmul(fc3.weight.transpose()).addiRowVector(fc3.biasRow);
        for (int i = 0; i < k; i++) {
            qOut[i] = q.getDouble(i, 0);
        }
    }

    /** Hard copy {@code this.params = other.params}, then {@link #refreshHead()}. */
    public void copyParamsFrom(CriticNet other) {
        assert owner.check("CriticNet");
        requireSameShape(other);
        vector.copyFrom(other.vector);
        refreshHead();
    }

    /** {@code this = tau*online + (1-tau)*this} in place (BLAS scal + axpy), then {@link #refreshHead()}. */
    public void softUpdateFrom(CriticNet online, double tau) {
        assert owner.check("CriticNet");
        requireSameShape(online);
        vector.softUpdateFrom(online.vector, tau);
        refreshHead();
    }

    /** Soft updates applied so far; every {@code 64}th flushes tiny weights (saved in snapshots). */
    public long softUpdateCount() {
        return vector.softUpdateCount();
    }

    /** Restores the soft update count from a snapshot, so the flushes come at the same updates. */
    public void setSoftUpdateCount(long count) {
        vector.setSoftUpdateCount(count);
    }

    /** The flat float32 parameter vector [P]; the layer views alias it. */
    public INDArray params() {
        return vector.params;
    }

    /** The flat gradient vector [P], same layout as {@link #params()}; written by {@link #backward}. */
    public INDArray gradients() {
        return vector.grads;
    }

    /** Views in flat order: fc1.weight, fc1.bias, fc2.weight [h2, h1+d], fc2.bias, fc3.weight [1,h2], fc3.bias [1]. */
    public Map<String, INDArray> namedParameters() {
        return named;
    }

    private void requireSameShape(CriticNet other) {
        if (other.obsDim != obsDim || other.actionDim != actionDim || other.hidden1 != hidden1
            || other.hidden2 != hidden2) {
            throw new IllegalArgumentException("critic shapes differ: " + describe() + " vs "
                + other.describe());
        }
    }

    private String describe() {
        return obsDim + "+" + actionDim + "->" + hidden1 + "->" + hidden2 + "->1";
    }
}
