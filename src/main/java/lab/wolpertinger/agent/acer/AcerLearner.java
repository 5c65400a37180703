package lab.wolpertinger.agent.acer;

import lab.wolpertinger.agent.DivergedException;
import lab.wolpertinger.nn.PolicyQNet;

/**
 * One worker's half of an ACER update: on trajectory t, the Retrace targets and the summed
 * per-state {@link AcerGradient}, back-propagated into {@code net}'s gradient and clipped to L2
 * norm maxGradNorm. Applying it (the Adam step on the shared network and the average network's
 * update) is {@link AcerAgent}'s, so that several workers can compute at once and apply in turn.
 *
 * <p>Worker 0 computes on the shared networks themselves; another worker on its own copies,
 * synchronised from the shared ones before it computes. Owned by the worker's thread.
 */
final class AcerLearner {
    private static final int CHUNK = PolicyQNet.CHUNK;

    /** What one computed update reports: mean (Q^ret - Q)^2, mean V and the norm before clipping. */
    record Update(double criticLoss, double actorQ, double gradNorm) {
    }

    private final PolicyQNet net;
    private final PolicyQNet average;
    private final AcerGradient gradient;
    private final boolean trustRegion;
    private final double maxGradNorm;
    private final int obsDim;
    private final int n;

    private final float[] logits1;
    private final float[] q1;
    private final double[] pi1;
    private final double[] logPi1;
    private final float[] chunkObs;
    private final float[] logits;
    private final float[] q;
    private final float[] avgLogits;
    private final float[] gradLogits;
    private final float[] gradQ;
    private double[] rewards = new double[0];
    private double[] qTaken = new double[0];
    private double[] values = new double[0];
    private double[] rhoTaken = new double[0];
    private double[] targets = new double[0];

    AcerLearner(PolicyQNet net, PolicyQNet average, AcerGradient gradient, boolean trustRegion, double maxGradNorm) {
        this.net = net;
        this.average = average;
        this.gradient = gradient;
        this.trustRegion = trustRegion;
        this.maxGradNorm = maxGradNorm;
        this.obsDim = net.obsDim();
        this.n = net.actions();
        logits1 = new float[n];
        q1 = new float[n];
        pi1 = new double[n];
        logPi1 = new double[n];
        chunkObs = new float[CHUNK * obsDim];
        logits = new float[CHUNK * n];
        q = new float[CHUNK * n];
        avgLogits = new float[CHUNK * n];
        gradLogits = new float[CHUNK * n];
        gradQ = new float[CHUNK * n];
    }

    /** The network this learner computes on (its gradient holds the last {@link #compute}'s result). */
    PolicyQNet net() {
        return net;
    }

    /** The importance truncation, entropy bonus and trust region this learner uses (live parameters). */
    AcerGradient gradient() {
        return gradient;
    }

    /**
     * Computes the clipped gradient of one update on {@code t} into {@link #net()}'s gradient.
     *
     * @param onPolicy true for the trace just recorded (rho = 1), false for a replayed one
     * @param gamma the discount in force
     * @param steps the run's steps, for a divergence's message
     * @throws DivergedException if a target, the loss or the gradient is not finite
     */
    Update compute(Trajectory t, boolean onPolicy, double gamma, long steps) {
        int len = t.length();
        growTo(len);
        // the bootstrap V(x_T) first, so that a trace of one chunk leaves its forward pass in the net for backward
        double bootstrap = 0;
        if (!t.terminated()) {
            net.forward(t.lastObs(), 1, true);
            net.logits(1, logits1);
            net.q(1, q1);
            AcerGradient.softmax(logits1, 0, n, pi1, logPi1);
            for (int a = 0; a < n; a++) {
                bootstrap += pi1[a] * q1[a];
            }
        }
        // pass 1: V, Q(x_t, a_t) and rho_t of every state under the current network
        for (int start = 0; start < len; start += CHUNK) {
            int rows = forwardChunk(t, start);
            for (int r = 0; r < rows; r++) {
                int s = start + r;
                int a = t.actions()[s];
                AcerGradient.softmax(logits, r * n, n, pi1, logPi1);
                double v = 0;
                for (int b = 0; b < n; b++) {
                    v += pi1[b] * q[r * n + b];
                }
                values[s] = v;
                qTaken[s] = q[r * n + a];
                rhoTaken[s] = onPolicy ? 1.0 : pi1[a] / t.mu()[s * n + a];
                rewards[s] = t.rewards()[s];
            }
        }
        Retrace.targets(rewards, qTaken, values, rhoTaken, bootstrap, gamma, len, targets);
        for (int s = 0; s < len; s++) {
            DivergedException.requireFinite(steps, "Retrace target", targets[s]);
        }
        // pass 2: every state's output gradients, back-propagated chunk by chunk into one summed gradient
        double squaredError = 0;
        double valueSum = 0;
        for (int start = 0; start < len; start += CHUNK) {
            int rows = len <= CHUNK ? Math.min(len, CHUNK) : forwardChunk(t, start);
            if (trustRegion) {
                average.forward(chunkObs, rows, false);
                average.logits(rows, avgLogits);
            }
            for (int r = 0; r < rows; r++) {
                int s = start + r;
                squaredError += gradient.state(logits, q, r * n, onPolicy ? null : t.mu(), s * n,
                        trustRegion ? avgLogits : null, t.actions()[s], targets[s], gradLogits, gradQ);
                valueSum += gradient.lastValue();
            }
            net.backward(gradLogits, gradQ, rows, start > 0);
        }
        DivergedException.requireFinite(steps, "Q loss", squaredError);
        double norm = net.clipGradientNorm(maxGradNorm);
        DivergedException.requireFinite(steps, "gradient norm", norm);
        return new Update(squaredError / len, valueSum / len, norm);
    }

    /** Forward pass over states [start, start + CHUNK) of {@code t}; returns the rows. */
    private int forwardChunk(Trajectory t, int start) {
        int rows = Math.min(CHUNK, t.length() - start);
        System.arraycopy(t.obs(), start * obsDim, chunkObs, 0, rows * obsDim);
        net.forward(chunkObs, rows, true);
        net.logits(rows, logits);
        net.q(rows, q);
        return rows;
    }

    private void growTo(int len) {
        if (targets.length < len) {
            int size = Math.max(len, 2 * targets.length);
            rewards = new double[size];
            qTaken = new double[size];
            values = new double[size];
            rhoTaken = new double[size];
            targets = new double[size];
        }
    }
}
