package lab.wolpertinger.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * ACER's two-headed net: forward against a double reference of the same equations, backward (with
 * padding rows and with two chunks accumulated) against central finite differences of the
 * reference loss L = sum R .* logits + sum S .* q for random R, S.
 */
class PolicyQNetTest {
    static final int O = 3, H1 = 7, H2 = 5, N = 4;

    /** The reference forward in double from the net's current (float) parameters: [logits | q] per row. */
    private static double[][] reference(PolicyQNet net, float[] obs, int rows) {
        INDArray w1 = net.namedParameters().get("fc1.weight"), b1 = net.namedParameters().get("fc1.bias");
        INDArray w2 = net.namedParameters().get("fc2.weight"), b2 = net.namedParameters().get("fc2.bias");
        INDArray wp = net.namedParameters().get("policy.weight"), bp = net.namedParameters().get("policy.bias");
        INDArray wq = net.namedParameters().get("q.weight"), bq = net.namedParameters().get("q.bias");
        double[][] out = new double[rows][2 * N];
        for (int r = 0; r < rows; r++) {
            double[] h1 = new double[H1];
            for (int i = 0; i < H1; i++) {
                double z = b1.getDouble(i);
                for (int j = 0; j < O; j++) {
                    z += w1.getDouble(i, j) * obs[r * O + j];
                }
                h1[i] = Math.max(0, z);
            }
            double[] h2 = new double[H2];
            for (int i = 0; i < H2; i++) {
                double z = b2.getDouble(i);
                for (int j = 0; j < H1; j++) {
                    z += w2.getDouble(i, j) * h1[j];
                }
                h2[i] = Math.max(0, z);
            }
            for (int a = 0; a < N; a++) {
                double l = bp.getDouble(a);
                double q = bq.getDouble(a);
                for (int j = 0; j < H2; j++) {
                    l += wp.getDouble(a, j) * h2[j];
                    q += wq.getDouble(a, j) * h2[j];
                }
                out[r][a] = l;
                out[r][N + a] = q;
            }
        }
        return out;
    }

    private static double loss(PolicyQNet net, float[] obs, int rows, float[] r, float[] s) {
        double[][] out = reference(net, obs, rows);
        double l = 0;
        for (int i = 0; i < rows; i++) {
            for (int a = 0; a < N; a++) {
                l += r[i * N + a] * out[i][a] + s[i * N + a] * out[i][N + a];
            }
        }
        return l;
    }

    private static float[] random(SplittableRandom rng, int n, double scale) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) rng.nextDouble(-scale, scale);
        }
        return x;
    }

    /** A net whose heads are as large as its torso's layers, so their gradients are not tiny. */
    private static PolicyQNet net(SplittableRandom rng) {
        Nd4jRuntime.init();
        PolicyQNet net = new PolicyQNet(O, N, H1, H2, 9);
        INDArray p = net.params();
        for (int i = 0; i < p.length(); i++) {
            p.putScalar(i, rng.nextDouble(-0.6, 0.6));
        }
        return net;
    }

    @Test
    void forwardMatchesTheReferenceAndBackwardMatchesFiniteDifferences() {
        SplittableRandom rng = new SplittableRandom(21);
        PolicyQNet net = net(rng);
        int rows = 3; // padded to a CHUNK-row batch inside the net
        float[] obs = random(rng, rows * O, 1.5);
        float[] r = random(rng, rows * N, 1);
        float[] s = random(rng, rows * N, 1);
        net.forward(obs, rows, true);
        float[] logits = new float[rows * N];
        float[] q = new float[rows * N];
        net.logits(rows, logits);
        net.q(rows, q);
        double[][] ref = reference(net, obs, rows);
        for (int i = 0; i < rows; i++) {
            for (int a = 0; a < N; a++) {
                assertEquals(ref[i][a], logits[i * N + a], 1e-5);
                assertEquals(ref[i][N + a], q[i * N + a], 1e-5);
            }
        }
        net.backward(r, s, rows, false);
        NetGradientTest.checkParamGradients(net.params(), net.gradients(), () -> loss(net, obs, rows, r, s));
    }

    @Test
    void chunksAccumulateIntoOneGradient() {
        SplittableRandom rng = new SplittableRandom(22);
        PolicyQNet net = net(rng);
        float[] obs = random(rng, 5 * O, 1.5);
        float[] r = random(rng, 5 * N, 1);
        float[] s = random(rng, 5 * N, 1);
        float[] obsB = java.util.Arrays.copyOfRange(obs, 3 * O, 5 * O);
        float[] rB = java.util.Arrays.copyOfRange(r, 3 * N, 5 * N);
        float[] sB = java.util.Arrays.copyOfRange(s, 3 * N, 5 * N);
        net.forward(obs, 3, true);
        net.backward(r, s, 3, false);     // rows 0..2 (the arrays' tails are ignored)
        net.forward(obsB, 2, true);
        net.backward(rB, sB, 2, true);    // rows 3..4 added
        NetGradientTest.checkParamGradients(net.params(), net.gradients(), () -> loss(net, obs, 5, r, s));
    }

    @Test
    void theGradientNormIsClippedToTheBound() {
        SplittableRandom rng = new SplittableRandom(23);
        PolicyQNet net = net(rng);
        float[] obs = random(rng, 2 * O, 1.5);
        net.forward(obs, 2, true);
        net.backward(random(rng, 2 * N, 50), random(rng, 2 * N, 50), 2, false);
        double before = net.gradients().norm2Number().doubleValue();
        double reported = net.clipGradientNorm(0.5);
        assertEquals(before, reported, 1e-4 * before);
        assertEquals(0.5, net.gradients().norm2Number().doubleValue(), 1e-5);
        assertEquals(0.5, net.clipGradientNorm(10), 1e-5); // below the bound: unchanged
        assertEquals(0.5, net.gradients().norm2Number().doubleValue(), 1e-5);
    }

    @Test
    void rowsBeyondAChunkAreRefused() {
        PolicyQNet net = new PolicyQNet(O, N, H1, H2, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> net.forward(new float[(PolicyQNet.CHUNK + 1) * O], PolicyQNet.CHUNK + 1, true));
        assertEquals("rows must be in [1, 32], got 33", e.getMessage());
    }
}
