package lab.wolpertinger.agent.acer;

/**
 * The loss gradients of one state x_t of a trajectory with respect to the network's outputs
 * there, the logits l and the Q values q (Wang et al. 2017, algorithm 2, discrete actions). With
 * f = softmax(l) = pi(.|x_t), V = sum_b f_b q_b, rho_b = f_b / mu_b (mu the behaviour policy that
 * acted; rho = 1 on-policy) and Q^ret_t the Retrace target, the gradient of the policy objective
 * with respect to f is, every weight held constant:
 * <pre>
 *   g_b = [b = a_t] min(c, rho_a) (Q^ret_t - V) / f_a                 truncated importance sampling
 *       + [1 - c / rho_b]+ (q_b - V)                                   bias correction (off-policy only)
 *       - beta (log f_b + 1)                                           entropy bonus beta H(f)
 * </pre>
 * With the trust region on, g is replaced by its projection z* (see {@link TrustRegion}) for
 * k = -f_avg / f. The loss is minus the objective, so dL/df = -z*, and through the softmax
 * dL/dl_j = f_j (dL/df_j - sum_i f_i dL/df_i). The Q head's loss is 1/2 (Q^ret_t - q_a)^2, so
 * dL/dq_a = q_a - Q^ret_t and the other actions' Q values get no gradient.
 *
 * <p>Arithmetic in double on scratch arrays of N, reused from state to state (one instance per agent).
 */
public final class AcerGradient {
    private final int n;
    private final double[] f;
    private final double[] logF;
    private final double[] fAvg;
    private final double[] g;
    private final double[] k;
    private double c;
    private double entropyWeight;
    private double delta;
    private boolean trustRegion;
    private double lastValue;
    private double lastScale;

    private final boolean betaLoo;

    /** Scratch for N actions, with the truncation c, entropy weight beta and trust region (delta): ACER's estimator. */
    public AcerGradient(int actions, double c, double entropyWeight, boolean trustRegion, double delta) {
        this(actions, c, entropyWeight, trustRegion, delta, false);
    }

    /**
     * As above, with REACTOR's beta-LOO policy gradient instead of ACER's when {@code betaLoo}:
     * beta (Q^ret - Q(x, a)) grad pi(a|x) + sum_b Q(x, b) grad pi(b|x), beta = min(c, 1 / mu(a|x))
     * (Gruslys et al. 2018, "The Reactor"). Entropy bonus, trust region and the Q loss are the same.
     */
    public AcerGradient(int actions, double c, double entropyWeight, boolean trustRegion, double delta,
                        boolean betaLoo) {
        this.betaLoo = betaLoo;
        n = actions;
        f = new double[n];
        logF = new double[n];
        fAvg = new double[n];
        g = new double[n];
        k = new double[n];
        setC(c);
        setEntropyWeight(entropyWeight);
        this.trustRegion = trustRegion;
        setDelta(delta);
    }

    /**
     * f = softmax(logits[off .. off+n)) and log f into the given arrays, in double (the largest
     * logit subtracted first, so no exponential overflows).
     */
    public static void softmax(float[] logits, int off, int n, double[] f, double[] logF) {
        double max = Double.NEGATIVE_INFINITY;
        for (int a = 0; a < n; a++) {
            max = Math.max(max, logits[off + a]);
        }
        double sum = 0;
        for (int a = 0; a < n; a++) {
            double e = Math.exp(logits[off + a] - max);
            f[a] = e;
            sum += e;
        }
        double logSum = Math.log(sum);
        for (int a = 0; a < n; a++) {
            f[a] /= sum;
            logF[a] = logits[off + a] - max - logSum;
        }
    }

    /**
     * Writes dL/dl and dL/dq of one state into {@code gradLogits[off ..]} and {@code gradQ[off ..]}
     * and returns the squared Q error (Q^ret - q_a)^2.
     *
     * @param logits the online net's logits (row at {@code off})
     * @param q the online net's Q values (row at {@code off})
     * @param mu the behaviour policy (row at {@code muOff}), or null on-policy (rho = 1)
     * @param avgLogits the average net's logits (row at {@code off}), or null without trust region
     * @param action a_t
     * @param target Q^ret_t
     */
    public double state(float[] logits, float[] q, int off, float[] mu, int muOff, float[] avgLogits, int action,
                        double target, float[] gradLogits, float[] gradQ) {
        softmax(logits, off, n, f, logF);
        double v = 0;
        for (int b = 0; b < n; b++) {
            v += f[b] * q[off + b];
        }
        lastValue = v;
        double fa = Math.max(f[action], Double.MIN_NORMAL);
        double rhoA = mu == null ? 1.0 : f[action] / mu[muOff + action];
        for (int b = 0; b < n; b++) {
            g[b] = -entropyWeight * (logF[b] + 1.0);
        }
        if (betaLoo) {
            // dJ/df of J = beta (Q^ret - Q_a) f_a + sum_b (Q_b - V) f_b; V is a baseline the logits' gradient
            // does not see (softmax), but it keeps k.g of the trust region centred as ACER's terms are
            double muA = mu == null ? f[action] : mu[muOff + action];
            double beta = Math.min(c, 1.0 / Math.max(muA, Double.MIN_NORMAL));
            g[action] += beta * (target - q[off + action]);
            for (int b = 0; b < n; b++) {
                g[b] += q[off + b] - v;
            }
        } else {
            g[action] += Math.min(c, rhoA) * (target - v) / fa;
        }
        if (mu != null && !betaLoo) {
            for (int b = 0; b < n; b++) {
                double m = mu[muOff + b];
                // [1 - c / rho]+ with rho = f / mu; mu = 0 (below float range) is rho = infinity, weight 1
                double weight = m > 0 ? Math.max(0.0, 1.0 - c * m / f[b]) : 1.0;
                if (weight > 0) {
                    g[b] += weight * (q[off + b] - v);
                }
            }
        }
        lastScale = 0;
        if (trustRegion && avgLogits != null) {
            softmax(avgLogits, off, n, fAvg, k);
            for (int b = 0; b < n; b++) {
                k[b] = -fAvg[b] / Math.max(f[b], Double.MIN_NORMAL);
            }
            lastScale = TrustRegion.project(g, k, delta, n);
        }
        // dL/dl_j = f_j (dL/df_j - sum_i f_i dL/df_i) with dL/df = -g
        double fg = 0;
        for (int b = 0; b < n; b++) {
            fg += f[b] * g[b];
        }
        for (int b = 0; b < n; b++) {
            gradLogits[off + b] = (float) (-f[b] * (g[b] - fg));
            gradQ[off + b] = 0f;
        }
        double err = target - q[off + action];
        gradQ[off + action] = (float) -err;
        return err * err;
    }

    /** V(x) = sum_a pi(a|x) Q(x, a) of the last {@link #state} call. */
    public double lastValue() {
        return lastValue;
    }

    /** The trust region's multiplier in the last {@link #state} call (0: the gradient was inside). */
    public double lastScale() {
        return lastScale;
    }

    /** Sets c, the importance-weight truncation (> 0). */
    public void setC(double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("c must be a finite number > 0, got " + value);
        }
        c = value;
    }

    /** Sets beta, the entropy weight (>= 0). */
    public void setEntropyWeight(double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("entropyWeight must be a finite number >= 0, got " + value);
        }
        entropyWeight = value;
    }

    /** Sets delta, the trust region's bound (> 0). */
    public void setDelta(double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("delta must be a finite number > 0, got " + value);
        }
        delta = value;
    }

    /** c. */
    public double c() {
        return c;
    }

    /** beta. */
    public double entropyWeight() {
        return entropyWeight;
    }

    /** delta. */
    public double delta() {
        return delta;
    }
}
