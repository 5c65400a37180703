package lab.wolpertinger.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Forward passes against the double reference, and backward passes against central finite
 * differences of the double reference (loss L = sum_r sum_j R[r][j] * out[r][j] for a random R).
 */
class NetGradientTest {

    static final int O = 3, H1 = 8, H2 = 6, D = 2, B = 4;
    static final double FD_EPS = 1e-4;

    static double[][] random(SplittableRandom rng, int r, int c, double scale) {
        double[][] m = new double[r][c];
        for (double[] row : m) {
            for (int j = 0; j < c; j++) {
                row[j] = rng.nextDouble(-scale, scale);
            }
        }
        return m;
    }

    static INDArray toNd(double[][] m) {
        INDArray a = Nd4j.create(DataType.FLOAT, m.length, m[0].length);
        for (int i = 0; i < m.length; i++) {
            for (int j = 0; j < m[0].length; j++) {
                a.putScalar(i, j, m[i][j]);
            }
        }
        return a;
    }

    /** Rounds to float like the net's inputs. */
    static double[][] asFloat(double[][] m) {
        double[][] r = new double[m.length][];
        for (int i = 0; i < m.length; i++) {
            r[i] = new double[m[i].length];
            for (int j = 0; j < m[i].length; j++) {
                r[i][j] = (float) m[i][j];
            }
        }
        return r;
    }

    /** Central difference of the double loss wrt every flat parameter (perturbed in the net's float params). */
    static void checkParamGradients(INDArray params, INDArray grads, DoubleSupplier loss) {
        int n = (int) params.length();
        double maxErr = 0;
        for (int i = 0; i < n; i++) {
            double p0 = params.getDouble(i);
            // perturb by an amount exactly representable around p0 in float
            float plus = (float) (p0 + FD_EPS), minus = (float) (p0 - FD_EPS);
            params.putScalar(i, plus);
            double lp = loss.getAsDouble();
            params.putScalar(i, minus);
            double lm = loss.getAsDouble();
            params.putScalar(i, p0);
            double fd = (lp - lm) / ((double) plus - (double) minus);
            double an = grads.getDouble(i);
            double err = Math.abs(an - fd) / (Math.abs(fd) + 1e-3);
            maxErr = Math.max(maxErr, err);
            assertTrue(err < 1e-3, "param " + i + ": analytic " + an + " vs finite difference " + fd);
        }
        assertTrue(maxErr < 1e-3);
    }

    @Test
    void actorForwardMatchesReferenceAndGradientsMatchFiniteDifferences() {
        Nd4jRuntime.init();
        SplittableRandom rng = new SplittableRandom(11);
        ActorNet actor = new ActorNet(O, D, H1, H2, 5);
        // fc3 init is +-3e-3: scale it up so softsign is exercised away from its linear part
        actor.namedParameters().get("fc3.weight").muli(300);
        double[][] s = asFloat(random(rng, B, O, 1.0));
        double[][] r = asFloat(random(rng, B, D, 1.0));
        INDArray out = actor.forward(toNd(s));
        for (int b = 0; b < B; b++) {
            double[] ref = Reference.actor(actor.namedParameters(), s[b]);
            for (int j = 0; j < D; j++) {
                assertEquals(ref[j], out.getDouble(b, j), 1e-6 + 1e-5 * Math.abs(ref[j]));
            }
        }
        actor.backward(toNd(r));
        DoubleSupplier loss = () -> {
            double l = 0;
            for (int b = 0; b < B; b++) {
                double[] y = Reference.actor(actor.namedParameters(), s[b]);
                for (int j = 0; j < D; j++) {
                    l += r[b][j] * y[j];
                }
            }
            return l;
        };
        checkParamGradients(actor.params(), actor.gradients(), loss);
    }

    @Test
    void criticGradientsWrtParamsAndActionMatchFiniteDifferences() {
        Nd4jRuntime.init();
        SplittableRandom rng = new SplittableRandom(12);
        CriticNet critic = new CriticNet(O, D, H1, H2, 6);
        critic.namedParameters().get("fc3.weight").muli(300);
        double[][] s = asFloat(random(rng, B, O, 1.0));
        double[][] a = asFloat(random(rng, B, D, 1.0));
        double[][] gq = asFloat(random(rng, B, 1, 1.0));
        INDArray q = critic.forward(toNd(s), toNd(a));
        for (int b = 0; b < B; b++) {
            double ref = Reference.critic(critic.namedParameters(), s[b], a[b]);
            assertEquals(ref, q.getDouble(b, 0), 1e-6 + 1e-5 * Math.abs(ref));
        }
        INDArray dLda = critic.backward(toNd(gq));
        DoubleSupplier loss = () -> {
            double l = 0;
            for (int b = 0; b < B; b++) {
                l += gq[b][0] * Reference.critic(critic.namedParameters(), s[b], a[b]);
            }
            return l;
        };
        checkParamGradients(critic.params(), critic.gradients(), loss);
        for (int b = 0; b < B; b++) {
            for (int j = 0; j < D; j++) {
                double[] ap = a[b].clone(), am = a[b].clone();
                ap[j] += FD_EPS;
                am[j] -= FD_EPS;
                double fd = gq[b][0] * (Reference.critic(critic.namedParameters(), s[b], ap)
                    - Reference.critic(critic.namedParameters(), s[b], am)) / (2 * FD_EPS);
                double an = dLda.getDouble(b, j);
                assertEquals(fd, an, 1e-5 + 1e-3 * Math.abs(fd), "dL/da[" + b + "][" + j + "]");
            }
        }
    }

    @Test
    void batchSizesKeepSeparateBuffers() {
        Nd4jRuntime.init();
        CriticNet critic = new CriticNet(O, D, H1, H2, 6);
        SplittableRandom rng = new SplittableRandom(3);
        double[][] s4 = asFloat(random(rng, 4, O, 1)), a4 = asFloat(random(rng, 4, D, 1));
        double[][] s2 = asFloat(random(rng, 2, O, 1)), a2 = asFloat(random(rng, 2, D, 1));
        INDArray q4 = critic.forward(toNd(s4), toNd(a4));
        double q40 = q4.getDouble(0, 0);
        critic.forward(toNd(s2), toNd(a2));
        assertEquals(q40, q4.getDouble(0, 0), 0.0, "a forward with another B must not touch B=4's output");
    }
}
