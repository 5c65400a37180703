package lab.wolpertinger.nn;

import java.nio.FloatBuffer;
import java.util.OptionalDouble;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Adam with PyTorch {@code torch.optim.Adam} semantics, including L2 {@code weight_decay} and
 * bias correction, on a flat float32 parameter vector and its gradient vector. Step t (from 1),
 * element-wise in float32:
 *
 * <pre>
 *   g   = grad + weightDecay * param
 *   m   = beta1 m + (1 - beta1) g
 *   v   = beta2 v + (1 - beta2) g^2
 *   param -= lr / (1 - beta1^t) * m / (sqrt(v) / sqrt(1 - beta2^t) + eps)
 * </pre>
 *
 * <p>Plain Java on heap copies ({@code float[]}) of the parameters and gradients, with the moments
 * kept on the heap; no allocation, and the gradients are left as they were. One deliberate
 * difference from PyTorch: moments at or below {@code Float.MIN_NORMAL} (2^-126, 1.2e-38) and
 * parameters at or below {@link #TINY_PARAM} (2^-66, 1.4e-20) in magnitude are stored as 0, and
 * gradients at or below 2^-63 are not squared. Weights of dead ReLU units get only the
 * weight-decay gradient and shrink geometrically (measured: 40% of a critic's weights below 1e-30
 * after 3000 steps); their products in the gemms then turn subnormal and every gemm over them got
 * 5-20x slower (a 0.5 ms critic update took 5 ms). libnd4j's fused {@code adam_updater} op has no
 * such flush and was slower too.
 *
 * <p>Speed: the flushes are arithmetic ({@link #keep}), with no branch or compare, and the step is
 * three small loops, so HotSpot's C2 vectorises them. Measured over 35k parameters (scratch loops,
 * JDK 17 on this machine's AMD EPYC, AVX2): 250-370 us a step for the first version, one loop with
 * {@code ?:} selects (C2 keeps those scalar); ~195 us with integer masks on the floats' bits, and
 * 100-750 us with float {@code Math.min/max} (neither vectorises in JDK 17); 72 us now, against ~25 us
 * for the same loop without any flush. In one loop the same arithmetic ran scalar: its body passes
 * C2's unroll limit, and C2 vectorises only unrolled loops.
 */
public final class Adam {
    private final OwningThread owner = new OwningThread();

    /**
     * Parameters smaller in magnitude than this are stored as 0. Such a weight cannot change a
     * float32 sum of ordinary terms, but its products with small gradients are subnormal.
     */
    static final float TINY_PARAM = 0x1p-66f; // 1.36e-20

    /** {@link #keep}'s c for |x| > 2^-126 ({@code Float.MIN_NORMAL}): ulp(2^-102) / 2 = 2^-126. */
    private static final float AT_MIN_NORMAL = 0x1p-102f;
    /** For |g| > 2^-63 (1.08e-19, ~ the root of {@code Float.MIN_NORMAL}): g^2 is not subnormal. */
    private static final float AT_ROOT_MIN_NORMAL = 0x1p-39f;
    /** For |p| > {@link #TINY_PARAM} = 2^-66. */
    private static final float AT_TINY_PARAM = 0x1p-42f;

    private final INDArray params;
    private final INDArray grads;
    private final INDArray m; // the moments as arrays, filled from mh / vh when asked for
    private final INDArray v;
    private final FloatBuffer p;
    private final FloatBuffer g;
    private final FloatBuffer mb;
    private final FloatBuffer vb;
    private final float[] ph; // heap copies of the parameters and gradients, and the moments themselves
    private final float[] gh;
    private final float[] mh;
    private final float[] vh;
    private final int n;
    private final double beta1;
    private final double beta2;
    private final double eps;
    private double learningRate;
    private double weightDecay;
    private long stepCount;
    private boolean measureNorm;
    private double checkedGradientNorm = Double.NaN;
    // The parameters and moments before the last step, kept only after keepUndo() (see undoStep).
    private float[] undoP;
    private float[] undoM;
    private float[] undoV;
    private boolean canUndo;

    /** beta1 0.9, beta2 0.999, eps 1e-8 (PyTorch defaults). */
    public Adam(INDArray params, INDArray grads, double learningRate, double weightDecay) {
        this(params, grads, learningRate, weightDecay, 0.9, 0.999, 1e-8);
    }

    /**
     * @param params flat float32 parameters [P], updated in place
     * @param grads flat float32 gradients [P] of the same length, filled by a backward pass
     */
    public Adam(INDArray params, INDArray grads, double learningRate, double weightDecay,
                double beta1, double beta2, double eps) {
        Nd4jRuntime.init();
        if (params.dataType() != DataType.FLOAT || grads.dataType() != DataType.FLOAT
            || params.length() != grads.length()) {
            throw new IllegalArgumentException("Adam needs FLOAT params and grads of equal length, got "
                + params.dataType() + "[" + params.length() + "] and " + grads.dataType() + "["
                + grads.length() + "]");
        }
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1) || !(eps > 0)) {
            throw new IllegalArgumentException("Adam needs 0 <= beta1, beta2 < 1 and eps > 0, got "
                + beta1 + ", " + beta2 + ", " + eps);
        }
        this.params = params;
        this.grads = grads;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        setLearningRate(learningRate);
        setWeightDecay(weightDecay);
        m = Nd4j.create(DataType.FLOAT, params.shape());
        v = Nd4j.create(DataType.FLOAT, params.shape());
        n = (int) params.length();
        p = Nd4jRuntime.floatBuffer(params);
        g = Nd4jRuntime.floatBuffer(grads);
        mb = Nd4jRuntime.floatBuffer(m);
        vb = Nd4jRuntime.floatBuffer(v);
        ph = new float[n];
        gh = new float[n];
        mh = new float[n];
        vh = new float[n];
    }

    /**
     * The first gradient (weight decay included) that cannot be stepped with: NaN, infinite, or so
     * large (above ~1.8e19) that its square, the second moment's input, overflows float32; empty if
     * every one is fine. Check before {@link #step()}: a non-finite step would spoil the parameters.
     */
    public OptionalDouble nonFiniteGradient() {
        final float wd = (float) weightDecay;
        final float[] ph = this.ph;
        final float[] gh = this.gh;
        p.get(0, ph);
        g.get(0, gh);
        if (!measureNorm) {
            for (int i = 0; i < n; i++) {
                float gi = gh[i] + wd * ph[i];
                if (!Float.isFinite(gi * gi)) {
                    return OptionalDouble.of(gi);
                }
            }
            return OptionalDouble.empty();
        }
        // The same pass, also summing the squares: ~13 us more per 35k parameters (measured, the
        // serial double sum), against ~25 us for a second pass.
        double sumSquares = 0;
        checkedGradientNorm = Double.NaN;
        for (int i = 0; i < n; i++) {
            float gi = gh[i] + wd * ph[i];
            float square = gi * gi;
            if (!Float.isFinite(square)) {
                return OptionalDouble.of(gi);
            }
            sumSquares += square;
        }
        checkedGradientNorm = Math.sqrt(sumSquares);
        return OptionalDouble.empty();
    }

    /** From now on {@link #nonFiniteGradient()} also measures the gradient's norm ({@link #checkedGradientNorm()}). */
    public void measureGradientNorm() {
        measureNorm = true;
    }

    /**
     * The Euclidean norm ||grad + weightDecay * param||_2 of the gradient the last
     * {@link #nonFiniteGradient()} checked (each term's square in float32, summed in double);
     * NaN before any check, when that check found a bad value, and unless {@link #measureGradientNorm()} was called.
     */
    public double checkedGradientNorm() {
        return checkedGradientNorm;
    }

    /**
     * From now on every {@link #step()} keeps the parameters and moments it overwrites, so the
     * last step can be taken back with {@link #undoStep()} (three float copies of the parameters).
     */
    public void keepUndo() {
        if (undoP == null) {
            undoP = new float[n];
            undoM = new float[n];
            undoV = new float[n];
        }
    }

    /** Takes back the last {@link #step()}: parameters, moments and step count as before it, bit for bit. */
    public void undoStep() {
        if (!canUndo) {
            throw new IllegalStateException("no Adam step to undo (call keepUndo() before step())");
        }
        p.put(0, undoP);
        System.arraycopy(undoM, 0, mh, 0, n);
        System.arraycopy(undoV, 0, vh, 0, n);
        stepCount--;
        canUndo = false;
    }

    /** One Adam step from the current gradients, in place on the parameters and moments. */
    public void step() {
        assert owner.check("Adam");
        final float[] ph = this.ph;
        final float[] gh = this.gh;
        final float[] mh = this.mh;
        final float[] vh = this.vh;
        p.get(0, ph);
        g.get(0, gh);
        if (undoP != null) {
            System.arraycopy(ph, 0, undoP, 0, n);
            System.arraycopy(mh, 0, undoM, 0, n);
            System.arraycopy(vh, 0, undoV, 0, n);
            canUndo = true;
        }
        stepCount++;
        final float b1 = (float) beta1;
        final float b2 = (float) beta2;
        final float oneMinusB1 = (float) (1.0 - beta1);
        final float oneMinusB2 = (float) (1.0 - beta2);
        final float wd = (float) weightDecay;
        final float stepSize = (float) (learningRate / (1.0 - Math.pow(beta1, stepCount)));
        final float invSqrtBc2 = (float) (1.0 / Math.sqrt(1.0 - Math.pow(beta2, stepCount)));
        final float e = (float) eps;
        // Three loops, each small enough for C2 to unroll and vectorise (one loop with all of it is
        // not: its body passes C2's unroll limit, and it ran scalar, 4x slower).
        for (int i = 0; i < n; i++) {
            float gi = gh[i] + wd * ph[i];                               // L2 weight decay (not AdamW)
            float mi = b1 * mh[i] + oneMinusB1 * gi;
            mh[i] = mi * keep(mi, AT_MIN_NORMAL) + 0f;                   // + 0f: a flushed -x is +0
            // g*g is subnormal for |g| <= 2^-63, and (1 - beta2) g^2 would be flushed anyway: g = 0 then.
            gh[i] = gi * keep(gi, AT_ROOT_MIN_NORMAL);
        }
        for (int i = 0; i < n; i++) {
            float gi = gh[i];
            float vi = b2 * vh[i] + oneMinusB2 * (gi * gi);
            vh[i] = vi * keep(vi, AT_MIN_NORMAL) + 0f;
        }
        for (int i = 0; i < n; i++) {
            float pi = ph[i] - stepSize * mh[i] / ((float) Math.sqrt(vh[i]) * invSqrtBc2 + e);
            ph[i] = pi * keep(pi, AT_TINY_PARAM) + 0f;
        }
        p.put(0, ph);
    }

    /**
     * 1 where |x| is above ulp(c)/2 (the threshold c stands for), 0 where it is at or below, without a branch
     * or a compare, so the loops vectorise: (|x| + c) - c rounds to 0 at or below half an ulp of c and to a
     * multiple of that ulp above; its square root s is then 0 or at least 2^-63, and s / (s + 2^-95) is 0 or
     * exactly 1 (the 2^-95 is below half an ulp of any such s). NaN stays NaN; an infinite x gives NaN.
     */
    private static float keep(float x, float c) {
        float s = (float) Math.sqrt((Math.abs(x) + c) - c);
        return s / (s + 0x1p-95f);
    }



    public void setLearningRate(double lr) {
        if (!(lr >= 0) || Double.isInfinite(lr)) {
            throw new IllegalArgumentException("learning rate must be finite and >= 0, got " + lr);
        }
        this.learningRate = lr;
    }

    public double learningRate() {
        return learningRate;
    }

    /** L2 penalty coefficient added to the gradient (PyTorch {@code weight_decay}). */
    public void setWeightDecay(double wd) {
        if (!(wd >= 0) || Double.isInfinite(wd)) {
            throw new IllegalArgumentException("weight decay must be finite and >= 0, got " + wd);
        }
        this.weightDecay = wd;
    }

    public double weightDecay() {
        return weightDecay;
    }

    /** Exponential average of gradients m [P], as of now (an array this optimizer refills at each call). */
    public INDArray firstMoment() {
        mb.put(0, mh);
        return m;
    }

    /** Exponential average of squared gradients v [P], as of now (an array this optimizer refills at each call). */
    public INDArray secondMoment() {
        vb.put(0, vh);
        return v;
    }

    /** Steps taken so far (t of the last step). */
    public long stepCount() {
        return stepCount;
    }

    /** Restores moments and step count, e.g. from a snapshot; the arrays are copied. */
    public void restore(INDArray firstMoment, INDArray secondMoment, long stepCount) {
        assert owner.check("Adam");
        if (firstMoment.length() != m.length() || secondMoment.length() != v.length()) {
            throw new IllegalArgumentException("Adam state has " + m.length() + " entries, got "
                + firstMoment.length() + " and " + secondMoment.length());
        }
        if (stepCount < 0) {
            throw new IllegalArgumentException("stepCount must be >= 0, got " + stepCount);
        }
        m.assign(firstMoment.reshape(m.shape()));
        v.assign(secondMoment.reshape(v.shape()));
        mb.get(0, mh);
        vb.get(0, vh);
        this.stepCount = stepCount;
        canUndo = false;
    }
}
