package lab.wolpertinger.nn;

import java.nio.FloatBuffer;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinear;
import org.nd4j.linalg.api.ops.impl.transforms.gradient.SoftSignBp;
import org.nd4j.linalg.api.ops.impl.transforms.strict.SoftSign;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The Wolpertinger actor {@code f_theta}: observation {@code s [o]} to proto-action
 * {@code a_hat [d]} in {@code (-1, 1)^d}.
 *
 * <pre>
 *   h1 = relu(s W1^T + b1)       [B, hidden1]
 *   h2 = relu(h1 W2^T + b2)      [B, hidden2]
 *   z3 = h2 W3^T + b3            [B, d]
 *   a_hat = softsign(z3) = z3 / (1 + |z3|)
 * </pre>
 *
 * <p>All parameters live in one flat float32 vector {@link #params()} in the order of
 * {@link #namedParameters()}; each weight is a [out, in] view (PyTorch {@code nn.Linear} layout),
 * each bias an [out] view. {@link #gradients()} has the same layout.
 *
 * <p>Initialisation (PyTorch-like), drawn from one {@code SplittableRandom(seed)} in the flat
 * order fc1.weight (row-major), fc1.bias, fc2.weight, fc2.bias, fc3.weight, fc3.bias with one
 * {@code nextDouble(-bound, bound)} per scalar: fc1 and fc2 use {@code bound = 1/sqrt(fan_in)},
 * fc3 uses {@code bound = 3e-3}.
 *
 * <p>Work arrays are made once per batch size B and reused, so repeated calls with the same B
 * allocate no ND4J buffers. Not thread-safe: the training thread owns the net.
 */
public final class ActorNet {
    private final OwningThread owner = new OwningThread();

    /** Bound of the uniform initialisation of the output layer's weights and biases. */
    static final double OUTPUT_INIT_BOUND = 3e-3;

    private final int obsDim;
    private final int actionDim;
    private final int hidden1;
    private final int hidden2;
    private final ParameterVector vector;
    private final Linear fc1;
    private final Linear fc2;
    private final Linear fc3;
    private final Map<String, INDArray> named;
    private final BatchCache<Work> work = new BatchCache<>(Work::new);
    private final float[] actIn;
    private final float[] actOut;

    /** Work arrays and prebuilt element-wise ops for one batch size. */
    private final class Work {
        final INDArray x;
        final INDArray h1;
        final INDArray h2;
        final INDArray z3;
        final INDArray out;
        final INDArray gz3;
        final INDArray gh2;
        final INDArray gh1;
        final INDArray ones;
        final RectifiedLinear relu1;
        final RectifiedLinear relu2;
        final SoftSign softsign;
        final SoftSignBp softsignBp;
        final FloatBuffer h1Buf;
        final FloatBuffer h2Buf;
        final FloatBuffer gh1Buf;
        final FloatBuffer gh2Buf;

        Work(int b) {
            x = Nd4j.create(DataType.FLOAT, b, obsDim);
            h1 = Nd4j.create(DataType.FLOAT, b, hidden1);
            h2 = Nd4j.create(DataType.FLOAT, b, hidden2);
            z3 = Nd4j.create(DataType.FLOAT, b, actionDim);
            out = Nd4j.create(DataType.FLOAT, b, actionDim);
            gz3 = Nd4j.create(DataType.FLOAT, b, actionDim);
            gh2 = Nd4j.create(DataType.FLOAT, b, hidden2);
            gh1 = Nd4j.create(DataType.FLOAT, b, hidden1);
            ones = Nd4j.ones(DataType.FLOAT, 1, b);
            // Ops are built once and re-executed: a scalar op made per call would allocate its
            // scalar as a fresh ND4J buffer every time.
            relu1 = new RectifiedLinear(h1, h1, 0.0);
            relu2 = new RectifiedLinear(h2, h2, 0.0);
            softsign = new SoftSign(z3, out);
            softsignBp = new SoftSignBp(z3, gz3, gz3);  // input 1 (dL/d a_hat) set per call
            h1Buf = Nd4jRuntime.floatBuffer(h1);
            h2Buf = Nd4jRuntime.floatBuffer(h2);
            gh1Buf = Nd4jRuntime.floatBuffer(gh1);
            gh2Buf = Nd4jRuntime.floatBuffer(gh2);
        }
    }

    /** Weights and biases of an actor with these sizes (obs → hidden1 → hidden2 → action). */
    public static long parameterCount(int obsDim, int actionDim, int hidden1, int hidden2) {
        return Linear.count(obsDim, hidden1) + Linear.count(hidden1, hidden2) + Linear.count(hidden2, actionDim);
    }

    /**
     * @param obsDim o, observation size
     * @param actionDim d, proto-action size
     * @param hidden1 units of the first hidden layer (paper and default: 256)
     * @param hidden2 units of the second hidden layer (default: 128)
     * @param seed initialisation seed; the same seed gives identical parameters
     */
    public ActorNet(int obsDim, int actionDim, int hidden1, int hidden2, long seed) {
        requirePositive("obsDim", obsDim);
        requirePositive("actionDim", actionDim);
        requirePositive("hidden1", hidden1);
        requirePositive("hidden2", hidden2);
        Nd4jRuntime.init();
        this.obsDim = obsDim;
        this.actionDim = actionDim;
        this.hidden1 = hidden1;
        this.hidden2 = hidden2;
        long n1 = Linear.count(obsDim, hidden1);
        long n2 = Linear.count(hidden1, hidden2);
        long n = parameterCount(obsDim, actionDim, hidden1, hidden2);
        vector = new ParameterVector(n, "actor");
        INDArray params = vector.params;
        INDArray grads = vector.grads;
        fc1 = new Linear(params, grads, 0, obsDim, hidden1);
        fc2 = new Linear(params, grads, n1, hidden1, hidden2);
        fc3 = new Linear(params, grads, n1 + n2, hidden2, actionDim);
        named = namedViews(fc1, fc2, fc3);

        float[] init = new float[(int) n];
        SplittableRandom rng = new SplittableRandom(seed);
        double b1 = 1.0 / Math.sqrt(obsDim);
        double b2 = 1.0 / Math.sqrt(hidden1);
        fc1.init(init, b1, b1, rng);
        fc2.init(init, b2, b2, rng);
        fc3.init(init, OUTPUT_INIT_BOUND, OUTPUT_INIT_BOUND, rng);
        Nd4jRuntime.copyInto(init, params);
        actIn = new float[obsDim];
        actOut = new float[actionDim];
    }

    public int obsDim() {
        return obsDim;
    }

    public int actionDim() {
        return actionDim;
    }

    /**
     * Proto-actions for a batch of observations.
     *
     * @param obs [B, o]; copied, so the caller may reuse it before {@link #backward}
     * @return [B, d], owned by the net and overwritten by the next forward with the same B
     */
    public INDArray forward(INDArray obs) {
        assert owner.check("ActorNet");
        requireShape("obs", obs, obsDim);
        Work w = work.get((int) obs.size(0));
        w.x.assign(obs);
        run(w);
        return w.out;
    }

    /** One state's proto-action, {@code protoActionOut[0..d) = f(obs)}; no steady-state allocation. */
    public void act(double[] obs, double[] protoActionOut) {
        assert owner.check("ActorNet");
        if (obs.length != obsDim || protoActionOut.length != actionDim) {
            throw new IllegalArgumentException("act: obs needs length " + obsDim
                + " and protoActionOut length " + actionDim + ", got " + obs.length + " and "
                + protoActionOut.length);
        }
        for (int i = 0; i < obsDim; i++) {
            actIn[i] = (float) obs[i];
        }
        Work w = work.get(1);
        Nd4jRuntime.copyInto(actIn, w.x);
        run(w);
        Nd4jRuntime.copyOut(w.out, actOut);
        for (int j = 0; j < actionDim; j++) {
            protoActionOut[j] = actOut[j];
        }
    }

    private void run(Work w) {
        fc1.forward(w.x, w.h1, w.ones);
        Nd4j.exec(w.relu1);
        fc2.forward(w.h1, w.h2, w.ones);
        Nd4j.exec(w.relu2);
        fc3.forward(w.h2, w.z3, w.ones);
        Nd4j.exec(w.softsign);
    }

    /**
     * Back-propagates {@code gradOutput = dL/d a_hat [B, d]} through the last forward with that
     * B and OVERWRITES {@link #gradients()} with {@code dL/d theta}. For DDPG's actor update the
     * learner passes {@code -dQ/da / B} (ascent on Q averaged over the batch).
     */
    public void backward(INDArray gradOutput) {
        assert owner.check("ActorNet");
        requireShape("gradOutput", gradOutput, actionDim);
        Work w = work.existing((int) gradOutput.size(0));
        // dL/dz3 = dL/da_hat * 1/(1+|z3|)^2
        w.softsignBp.setInputArgument(1, gradOutput);
        Nd4j.exec(w.softsignBp);
        fc3.backwardParams(w.gz3, w.h2, w.ones);
        fc3.backwardInput(w.gz3, w.gh2);
        Blas1.reluBackward(w.h2Buf, w.gh2Buf);                 // dL/dz2 = dL/dh2 * [h2 > 0]
        fc2.backwardParams(w.gh2, w.h1, w.ones);
        fc2.backwardInput(w.gh2, w.gh1);
        Blas1.reluBackward(w.h1Buf, w.gh1Buf);                 // dL/dz1 = dL/dh1 * [h1 > 0]
        fc1.backwardParams(w.gh1, w.x, w.ones);
        w.softsignBp.setInputArgument(1, w.gz3);   // drop the caller's array
    }

    /** Hard copy: {@code this.params = other.params} (target-network initialisation). */
    public void copyParamsFrom(ActorNet other) {
        assert owner.check("ActorNet");
        requireSameShape(other);
        vector.copyFrom(other.vector);
    }

    /** Polyak averaging {@code this = tau*online + (1-tau)*this}, in place with BLAS scal + axpy. */
    public void softUpdateFrom(ActorNet online, double tau) {
        assert owner.check("ActorNet");
        requireSameShape(online);
        vector.softUpdateFrom(online.vector, tau);
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

    /** Views in flat order: fc1.weight [h1,o], fc1.bias [h1], fc2.weight [h2,h1], fc2.bias, fc3.weight [d,h2], fc3.bias. */
    public Map<String, INDArray> namedParameters() {
        return named;
    }

    private void requireSameShape(ActorNet other) {
        if (other.obsDim != obsDim || other.actionDim != actionDim || other.hidden1 != hidden1
            || other.hidden2 != hidden2) {
            throw new IllegalArgumentException("actor shapes differ: " + describe() + " vs "
                + other.describe());
        }
    }

    private String describe() {
        return obsDim + "->" + hidden1 + "->" + hidden2 + "->" + actionDim;
    }

    static Map<String, INDArray> namedViews(Linear fc1, Linear fc2, Linear fc3) {
        Map<String, INDArray> m = new LinkedHashMap<>();
        m.put("fc1.weight", fc1.weight);
        m.put("fc1.bias", fc1.bias);
        m.put("fc2.weight", fc2.weight);
        m.put("fc2.bias", fc2.bias);
        m.put("fc3.weight", fc3.weight);
        m.put("fc3.bias", fc3.bias);
        return Collections.unmodifiableMap(m);
    }

    static void requirePositive(String name, int v) {
        if (v <= 0) {
            throw new IllegalArgumentException(name + " must be >= 1, got " + v);
        }
    }

    static void requireShape(String name, INDArray a, int cols) {
        if (a.rank() != 2 || a.size(1) != cols || a.size(0) < 1) {
            throw new IllegalArgumentException(name + " must be [B, " + cols + "], got "
                + java.util.Arrays.toString(a.shape()));
        }
        if (a.dataType() != DataType.FLOAT) {
            throw new IllegalArgumentException(name + " must be FLOAT, got " + a.dataType());
        }
    }
}
