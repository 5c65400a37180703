package lab.wolpertinger.agent.acer;

import lab.wolpertinger.nn.PolicyQNet;
import lab.wolpertinger.random.SplitMix64;

/**
 * One worker's acting: a forward pass of a {@link PolicyQNet} for one observation, pi = softmax
 * of its logits, and an action sampled from pi (exploring) or its argmax (greedy). Keeps the
 * last call's logits, Q values, pi and, after a sample, pi as float32 mu, the behaviour policy
 * the trace records. Owned by the worker's thread.
 */
final class AcerActing {
    private final int obsDim;
    private final int n;
    private final float[] obs1;
    final float[] logits;
    final float[] q;
    final double[] pi;
    private final double[] logPi;
    final float[] mu;

    AcerActing(int obsDim, int n) {
        this.obsDim = obsDim;
        this.n = n;
        obs1 = new float[obsDim];
        logits = new float[n];
        q = new float[n];
        pi = new double[n];
        logPi = new double[n];
        mu = new float[n];
    }

    /**
     * Exploring: a sample from pi(.|obs) by inverse CDF on one uniform draw of {@code rng}, and
     * pi copied into {@link #mu}. Greedy: argmax pi (the largest logit, ties to the lowest index).
     */
    int act(PolicyQNet net, double[] obs, boolean explore, SplitMix64 rng) {
        for (int j = 0; j < obsDim; j++) {
            obs1[j] = (float) obs[j];
        }
        net.forward(obs1, 1, true);
        net.logits(1, logits);
        net.q(1, q);
        AcerGradient.softmax(logits, 0, n, pi, logPi);
        if (!explore) {
            int best = 0;
            for (int a = 1; a < n; a++) {
                if (logits[a] > logits[best]) {
                    best = a;
                }
            }
            return best;
        }
        double u = rng.nextDouble();
        double cumulative = 0;
        int chosen = n - 1; // u beyond the rounded total falls to the last action
        for (int a = 0; a < n; a++) {
            cumulative += pi[a];
            if (u < cumulative) {
                chosen = a;
                break;
            }
        }
        for (int a = 0; a < n; a++) {
            mu[a] = (float) pi[a];
        }
        return chosen;
    }
}
