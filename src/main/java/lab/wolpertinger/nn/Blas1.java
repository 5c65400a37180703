package lab.wolpertinger.nn;

import java.nio.FloatBuffer;
import org.nd4j.linalg.api.blas.Level1;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** BLAS level-1 updates on flat float32 vectors, in place (no ND4J temporaries). */
final class Blas1 {

    private Blas1() {
    }

    private static Level1 level1() {
        return Nd4j.getBlasWrapper().level1();
    }

    /** {@code target = tau*online + (1-tau)*target}: scal then axpy. */
    static void softUpdate(INDArray target, INDArray online, double tau) {
        if (!(tau >= 0.0 && tau <= 1.0)) {
            throw new IllegalArgumentException("tau must be in [0, 1], got " + tau);
        }
        long n = target.length();
        level1().scal(n, 1.0 - tau, target);
        level1().axpy(n, tau, online, target);
    }

    /**
     * Stores 0 for every element below {@link Adam#TINY_PARAM} in magnitude. A target network's
     * copy of a dead unit's weight shrinks by (1 - tau) per soft update towards subnormal, which
     * slows every gemm over it 5-20x; the nets call this every {@link #FLUSH_EVERY} soft updates.
     */
    static void flushSubnormals(FloatBuffer x) {
        final float tiny = Adam.TINY_PARAM;
        for (int i = 0, n = x.limit(); i < n; i++) {
            float v = x.get(i);
            if (v != 0f && Math.abs(v) < tiny) {
                x.put(i, 0f);
            }
        }
    }

    /** Soft updates between two {@link #flushSubnormals} passes (subnormals need thousands). */
    static final int FLUSH_EVERY = 64;

    /**
     * ReLU backward in place, {@code g[i] = h[i] > 0 ? g[i] : 0} ({@code relu'(z) = [z > 0] =
     * [h > 0]}). A Java loop over direct buffers: libnd4j's {@code relu_bp} op allocates its
     * argument array off-heap on every call.
     */
    static void reluBackward(FloatBuffer h, FloatBuffer g) {
        for (int i = 0, n = g.limit(); i < n; i++) {
            if (!(h.get(i) > 0f)) {
                g.put(i, 0f);
            }
        }
    }

    /** {@code y += alpha * x}. */
    static void axpy(double alpha, INDArray x, INDArray y) {
        level1().axpy(y.length(), alpha, x, y);
    }
}
