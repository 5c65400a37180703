package lab.wolpertinger.agent.acer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * One state's ACER output gradients against central finite differences of the surrogate loss
 * whose gradient they are (weights, V and the other Q values held at their values, as ACER treats
 * them):
 * <pre>
 *   L(l, q) = -[ min(c, rho_a) (T - V) log f_a(l) + sum_b w_b (q_b - V) f_b log f_b(l) + beta H(f(l)) ]
 *             + 1/2 (T - q_a)^2,        w_b = [1 - c / rho_b]+ (0 on-policy)
 * </pre>
 * and the trust region as the stated correction of that gradient.
 */
class AcerGradientTest {
    private static final int N = 5;
    private static final int ACTION = 2;
    private static final double TARGET = 1.3;
    private static final double C = 1.0;
    private static final double BETA = 0.05;

    private static float[] random(SplittableRandom rng, double lo, double hi) {
        float[] x = new float[N];
        for (int i = 0; i < N; i++) {
            x[i] = (float) rng.nextDouble(lo, hi);
        }
        return x;
    }

    private static float[] distribution(SplittableRandom rng) {
        float[] mu = random(rng, 0.05, 1);
        double s = 0;
        for (float m : mu) {
            s += m;
        }
        for (int i = 0; i < N; i++) {
            mu[i] /= (float) s;
        }
        return mu;
    }

    /** The surrogate at logits l, Q values q, its constants taken at (l0, q0): ACER's, or REACTOR's beta-LOO. */
    private static double surrogate(double[] l, double[] q, float[] l0, float[] q0, float[] mu, boolean betaLoo) {
        double[] f0 = new double[N];
        double[] logF0 = new double[N];
        AcerGradient.softmax(l0, 0, N, f0, logF0);
        double v = 0;
        for (int b = 0; b < N; b++) {
            v += f0[b] * q0[b];
        }
        float[] lf = new float[N];
        double[] f = new double[N];
        double[] logF = new double[N];
        // softmax in double of l (the finite difference steps must not be rounded to float)
        double max = Double.NEGATIVE_INFINITY;
        for (double x : l) {
            max = Math.max(max, x);
        }
        double sum = 0;
        for (int b = 0; b < N; b++) {
            sum += Math.exp(l[b] - max);
        }
        for (int b = 0; b < N; b++) {
            logF[b] = l[b] - max - Math.log(sum);
            f[b] = Math.exp(logF[b]);
        }
        double rhoA = mu == null ? 1 : f0[ACTION] / mu[ACTION];
        double objective = Math.min(C, rhoA) * (TARGET - v) * logF[ACTION];
        if (betaLoo) { // beta (R - Q_a) pi_a + sum_b Q_b pi_b, beta = min(c, 1 / mu_a), written independently
            double beta = Math.min(C, 1.0 / (mu == null ? f0[ACTION] : mu[ACTION]));
            objective = beta * (TARGET - q0[ACTION]) * f[ACTION];
            for (int b = 0; b < N; b++) {
                objective += q0[b] * f[b];
            }
        }
        double entropy = 0;
        for (int b = 0; b < N; b++) {
            entropy -= f[b] * logF[b];
            if (mu != null && !betaLoo) {
                double w = Math.max(0, 1 - C / (f0[b] / mu[b]));
                objective += w * (q0[b] - v) * f0[b] * logF[b];
            }
        }
        objective += BETA * entropy;
        double err = TARGET - q[ACTION];
        return -objective + 0.5 * err * err;
    }

    private static void check(float[] mu) {
        check(mu, false);
    }

    private static void check(float[] mu, boolean betaLoo) {
        SplittableRandom rng = new SplittableRandom(mu == null ? 1 : 2);
        float[] logits = random(rng, -2, 2);
        float[] q = random(rng, -1, 3);
        float[] gl = new float[N];
        float[] gq = new float[N];
        AcerGradient grad = new AcerGradient(N, C, BETA, false, 1.0, betaLoo);
        double sq = grad.state(logits, q, 0, mu, 0, null, ACTION, TARGET, gl, gq);
        if (mu != null) {
            double[] f = new double[N];
            AcerGradient.softmax(logits, 0, N, f, new double[N]);
            boolean corrected = false;
            for (int b = 0; b < N; b++) {
                corrected |= f[b] / mu[b] > C;
            }
            assertTrue(corrected, "some action has rho > c, so the bias correction is exercised");
        }
        assertEquals((TARGET - q[ACTION]) * (TARGET - q[ACTION]), sq, 1e-9);
        double h = 1e-5;
        for (int j = 0; j < N; j++) {
            double[] lp = toDouble(logits);
            double[] lm = toDouble(logits);
            lp[j] += h;
            lm[j] -= h;
            double fd = (surrogate(lp, toDouble(q), logits, q, mu, betaLoo) - surrogate(lm, toDouble(q), logits, q, mu, betaLoo))
                    / (2 * h);
            assertEquals(fd, gl[j], 1e-5 + 1e-4 * Math.abs(fd), "dL/dlogit " + j);
            double[] qp = toDouble(q);
            double[] qm = toDouble(q);
            qp[j] += h;
            qm[j] -= h;
            double fdq = (surrogate(toDouble(logits), qp, logits, q, mu, betaLoo)
                    - surrogate(toDouble(logits), qm, logits, q, mu, betaLoo)) / (2 * h);
            assertEquals(fdq, gq[j], 1e-5 + 1e-4 * Math.abs(fdq), "dL/dq " + j);
        }
    }

    private static double[] toDouble(float[] x) {
        double[] d = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            d[i] = x[i];
        }
        return d;
    }

    @Test
    void onPolicyGradientsMatchFiniteDifferences() {
        check(null);
    }

    @Test
    void offPolicyGradientsWithBiasCorrectionMatchFiniteDifferences() {
        check(distribution(new SplittableRandom(3)));
    }

    @Test
    void betaLooGradientsMatchFiniteDifferencesOnAndOffPolicy() {
        check(null, true);
        check(distribution(new SplittableRandom(3)), true);
    }

    @Test
    void betaLooIsNotAcersEstimator() {
        SplittableRandom rng = new SplittableRandom(4);
        float[] logits = random(rng, -2, 2);
        float[] q = random(rng, -1, 3);
        float[] acer = new float[N];
        float[] loo = new float[N];
        new AcerGradient(N, C, BETA, false, 1.0).state(logits, q, 0, null, 0, null, ACTION, TARGET, acer, new float[N]);
        new AcerGradient(N, C, BETA, false, 1.0, true).state(logits, q, 0, null, 0, null, ACTION, TARGET, loo, new float[N]);
        assertFalse(java.util.Arrays.equals(acer, loo), "the two estimators differ at the same state");
    }

    @Test
    void theTrustRegionSubtractsItsMultipleOfTheKlGradient() {
        SplittableRandom rng = new SplittableRandom(4);
        float[] logits = random(rng, -2, 2);
        float[] q = random(rng, -1, 3);
        float[] avg = random(rng, -2, 2);
        float[] mu = distribution(rng);
        float[] free = new float[N];
        float[] bound = new float[N];
        float[] loose = new float[N];
        float[] gq = new float[N];
        // target -5: the taken action's probability is pushed down, away from the average policy (k.g > 0)
        new AcerGradient(N, C, BETA, false, 1.0).state(logits, q, 0, mu, 0, avg, ACTION, -5.0, free, gq);
        AcerGradient tight = new AcerGradient(N, C, BETA, true, 1e-3);
        tight.state(logits, q, 0, mu, 0, avg, ACTION, -5.0, bound, gq);
        double s = tight.lastScale();
        assertTrue(s > 0, "delta 1e-3 binds");
        // dL/dl = -J^T (g - s k) = free + s J^T k, with (J^T k)_j = f_j (k_j - sum_i f_i k_i), k = -f_avg / f
        double[] f = new double[N];
        double[] fAvg = new double[N];
        double[] scratch = new double[N];
        AcerGradient.softmax(logits, 0, N, f, scratch);
        AcerGradient.softmax(avg, 0, N, fAvg, scratch);
        double fk = 0;
        for (int i = 0; i < N; i++) {
            fk += f[i] * (-fAvg[i] / f[i]);
        }
        for (int j = 0; j < N; j++) {
            double expected = free[j] + s * f[j] * (-fAvg[j] / f[j] - fk);
            assertEquals(expected, bound[j], 1e-5 + 1e-5 * Math.abs(expected));
        }
        AcerGradient wide = new AcerGradient(N, C, BETA, true, 1e9);
        wide.state(logits, q, 0, mu, 0, avg, ACTION, -5.0, loose, gq);
        assertEquals(0.0, wide.lastScale());
        for (int j = 0; j < N; j++) {
            assertEquals(free[j], loose[j], 0.0, "a region that does not bind leaves the gradient alone");
        }
    }
}
