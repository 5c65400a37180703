package lab.wolpertinger.nn;

import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One net's parameters and gradients as two flat float32 vectors (the layers' weights and
 * biases are views into them), with the target-network operations: hard copy and Polyak
 * averaging. Every {@link Blas1#FLUSH_EVERY}th soft update flushes tiny weights to zero so
 * dead units never reach subnormal floats (5-20x slower multiplies); the count is part of a
 * run's exact state.
 */
final class ParameterVector {
    final INDArray params;
    final INDArray grads;
    private final FloatBuffer paramBuffer;
    private long softUpdates;

    /** Zeroed vectors of {@code n} parameters for the net described by {@code what}. */
    ParameterVector(long n, String what) {
        if (n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(what + " has " + n + " parameters, too many");
        }
        params = Nd4j.create(DataType.FLOAT, n);
        grads = Nd4j.create(DataType.FLOAT, n);
        paramBuffer = Nd4jRuntime.floatBuffer(params);
    }

    /** {@code this = other}, element for element (target-network initialisation). */
    void copyFrom(ParameterVector other) {
        params.assign(other.params);
    }

    /** {@code this = tau*online + (1-tau)*this}, in place with BLAS scal + axpy. */
    void softUpdateFrom(ParameterVector online, double tau) {
        Blas1.softUpdate(params, online.params, tau);
        if (++softUpdates % Blas1.FLUSH_EVERY == 0) {
            Blas1.flushSubnormals(paramBuffer);
        }
    }

    long softUpdateCount() {
        return softUpdates;
    }

    void setSoftUpdateCount(long count) {
        if (count < 0) {
            throw new IllegalArgumentException("soft update count must be >= 0, got " + count);
        }
        softUpdates = count;
    }
}
