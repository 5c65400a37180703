package lab.wolpertinger.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * The dense-layer arithmetic of one training step: every {@code cblas_sgemm} the engine makes
 * for it ({@code nn.Linear}, {@code nn.CriticNet}), with its shape, in order. One step = acting
 * (the actor and the critic's state half for one state) plus one DDPG update at batch B: the
 * target actor and the target critic's state half (or, with {@code targetMode} proto, the
 * whole target critic), the critic forward and backward, the actor forward, the critic forward
 * and backward through the action, and the actor backward.
 *
 * <p>Each layer {@code y = x W^T + b} is two products: the bias as the rank-1 {@code 1 b}
 * (k = 1) and {@code x W^T}; each backward is {@code dW = gy^T x}, {@code db = 1^T gy} and, where
 * needed, {@code dx = gy W}. A product of [m, k] by [k, n] costs 2 m n k flops. Not counted:
 * element-wise work (ReLU, softsign, Adam, the soft target updates: about 20 flops per parameter,
 * under 3 % of the total at the default sizes) and the scoring of the k candidates, which is not
 * matrix-shaped (for d = 1 {@code nn.LineArgmax} needs O(h2 log k) unit evaluations, not k h2).
 */
public final class DenseCost {

    /**
     * One {@code cblas_sgemm}: C [m, n] = op(A) [m, k] op(B) [k, n], row-major.
     *
     * @param transA A is stored [k, m] and used transposed
     * @param transB B is stored [n, k] and used transposed
     */
    public record Gemm(int m, int n, int k, boolean transA, boolean transB) {
        /** 2 m n k. */
        public long flops() {
            return 2L * m * n * k;
        }
    }

    private DenseCost() {
    }

    /**
     * The products of one training step after warm-up, in the order the engine makes them.
     *
     * @param obsDim o
     * @param actionDim d
     * @param hidden1 h1
     * @param hidden2 h2
     * @param batch B
     * @param protoTarget {@code targetMode} proto: the target critic runs whole, no state half
     */
    public static List<Gemm> step(int obsDim, int actionDim, int hidden1, int hidden2, int batch, boolean protoTarget) {
        List<Gemm> g = new ArrayList<>();
        actorForward(g, 1, obsDim, actionDim, hidden1, hidden2);          // act: proto-action
        criticStateHalf(g, 1, obsDim, hidden1, hidden2);                    // act: base = W2h h1(s) + b2
        actorForward(g, batch, obsDim, actionDim, hidden1, hidden2);      // target actor
        if (protoTarget) {
            criticForward(g, batch, obsDim, actionDim, hidden1, hidden2);
        } else {
            criticStateHalf(g, batch, obsDim, hidden1, hidden2);            // target critic's base, then k candidates each
        }
        criticForward(g, batch, obsDim, actionDim, hidden1, hidden2);     // Q(s, a)
        criticBackward(g, batch, obsDim, actionDim, hidden1, hidden2);
        actorForward(g, batch, obsDim, actionDim, hidden1, hidden2);      // mu(s)
        criticForward(g, batch, obsDim, actionDim, hidden1, hidden2);     // Q(s, mu(s))
        criticBackward(g, batch, obsDim, actionDim, hidden1, hidden2);    // dQ/da
        actorBackward(g, batch, obsDim, actionDim, hidden1, hidden2);
        return g;
    }

    /** The sum of {@link Gemm#flops()}. */
    public static long flops(List<Gemm> gemms) {
        long sum = 0;
        for (Gemm g : gemms) {
            sum += g.flops();
        }
        return sum;
    }

    private static void layerForward(List<Gemm> g, int rows, int in, int out) {
        g.add(new Gemm(rows, out, 1, true, false));   // bias: ones^T b
        g.add(new Gemm(rows, out, in, false, true));  // x W^T
    }

    private static void layerParams(List<Gemm> g, int rows, int in, int out) {
        g.add(new Gemm(out, in, rows, true, false));  // dW = gy^T x
        g.add(new Gemm(1, out, rows, false, false));  // db = 1^T gy
    }

    private static void actorForward(List<Gemm> g, int rows, int o, int d, int h1, int h2) {
        layerForward(g, rows, o, h1);
        layerForward(g, rows, h1, h2);
        layerForward(g, rows, h2, d);
    }

    private static void actorBackward(List<Gemm> g, int rows, int o, int d, int h1, int h2) {
        layerParams(g, rows, h2, d);
        g.add(new Gemm(rows, h2, d, false, false));   // dh2 = gz3 W3
        layerParams(g, rows, h1, h2);
        g.add(new Gemm(rows, h1, h2, false, false));  // dh1 = gz2 W2
        layerParams(g, rows, o, h1);
    }

    private static void criticStateHalf(List<Gemm> g, int rows, int o, int h1, int h2) {
        layerForward(g, rows, o, h1);
        g.add(new Gemm(rows, h2, 1, true, false));    // b2
        g.add(new Gemm(rows, h2, h1, false, true));   // h1 W2h^T
    }

    private static void criticForward(List<Gemm> g, int rows, int o, int d, int h1, int h2) {
        criticStateHalf(g, rows, o, h1, h2);
        g.add(new Gemm(rows, h2, d, false, true));    // + a W2a^T
        layerForward(g, rows, h2, 1);
    }

    private static void criticBackward(List<Gemm> g, int rows, int o, int d, int h1, int h2) {
        layerParams(g, rows, h2, 1);
        g.add(new Gemm(rows, h2, 1, false, false));   // dh2 = gQ W3
        g.add(new Gemm(h2, h1, rows, true, false));   // dW2h
        g.add(new Gemm(h2, d, rows, true, false));    // dW2a
        g.add(new Gemm(1, h2, rows, false, false));   // db2
        g.add(new Gemm(rows, d, h2, false, false));   // da = gz2 W2a
        g.add(new Gemm(rows, h1, h2, false, false));  // dh1 = gz2 W2h
        layerParams(g, rows, o, h1);
    }
}
