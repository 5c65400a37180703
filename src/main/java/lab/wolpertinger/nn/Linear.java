package lab.wolpertinger.nn;

import java.util.SplittableRandom;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A fully connected layer {@code y = x W^T + b} whose weight {@code W [out, in]} (PyTorch
 * {@code nn.Linear} layout, row = output unit) and bias {@code b [out]} are views into a
 * network's flat parameter vector, with gradient views at the same offsets of the flat gradient
 * vector. Batches are rows: {@code x [B, in]}, {@code y [B, out]}. Every method writes into arrays
 * the caller preallocated; nothing here allocates ND4J buffers.
 */
final class Linear {

    final int in;
    final int out;
    /** Index of {@code W[0,0]} in the flat vectors; the bias follows the weight. */
    final long offset;
    final INDArray weight;
    final INDArray bias;
    final INDArray biasRow;
    final INDArray weightGrad;
    final INDArray biasGrad;
    final INDArray biasGradRow;

    Linear(INDArray params, INDArray grads, long offset, int in, int out) {
        this.in = in;
        this.out = out;
        this.offset = offset;
        long biasAt = offset + (long) out * in;
        weight = matrixView(params, offset, out, in);
        bias = vectorView(params, biasAt, out);
        biasRow = bias.reshape('c', 1, out);
        weightGrad = matrixView(grads, offset, out, in);
        biasGrad = vectorView(grads, biasAt, out);
        biasGradRow = biasGrad.reshape('c', 1, out);
    }

    /**
     * {@code c = alpha op(a) op(b) + beta c} on row-major float32 matrices, straight into
     * OpenBLAS's {@code cblas_sgemm} (the library ND4J itself links). Equivalent to
     * {@code Nd4j.gemm(a, b, c, transposeA, transposeB, alpha, beta)}, but: (1) it accepts a C
     * that is a column block of a wider matrix (leading dimension = row stride), which
     * {@code Nd4j.gemm} refuses and the critic's split fc2 gradients {@code dW2h}, {@code dW2a}
     * need; (2) it allocates nothing, where each ND4J custom-op call allocates its argument
     * arrays off-heap; (3) it skips ND4J's op dispatch, which costs more than the arithmetic
     * at these sizes (measured in {@code NnTiming}).
     */
    static void gemm(INDArray a, INDArray b, INDArray c, boolean transposeA, boolean transposeB,
                     double alpha, double beta) {
        int m = (int) c.size(0);
        int n = (int) c.size(1);
        int k = (int) (transposeA ? a.size(0) : a.size(1));
        if ((transposeA ? a.size(1) : a.size(0)) != m || (transposeB ? b.size(1) : b.size(0)) != k
            || (transposeB ? b.size(0) : b.size(1)) != n) {
            throw new IllegalArgumentException("gemm shapes: a " + java.util.Arrays.toString(a.shape())
                + (transposeA ? "^T" : "") + ", b " + java.util.Arrays.toString(b.shape())
                + (transposeB ? "^T" : "") + ", c " + java.util.Arrays.toString(c.shape()));
        }
        openblas_nolapack.cblas_sgemm(openblas_nolapack.CblasRowMajor,
            transposeA ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans,
            transposeB ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans,
            m, n, k, (float) alpha, pointer(a), leadingDimension(a), pointer(b),
            leadingDimension(b), (float) beta, pointer(c), leadingDimension(c));
    }

    /** The float pointer to element [0,0] of a (possibly offset) view. */
    static FloatPointer pointer(INDArray x) {
        if (x.dataType() != DataType.FLOAT) {
            throw new IllegalArgumentException("expected FLOAT, got " + x.dataType());
        }
        return new FloatPointer(x.data().pointer()).position(x.offset());
    }

    /** Row stride of a row-major matrix with unit column stride (BLAS lda / ldb / ldc). */
    private static int leadingDimension(INDArray x) {
        if (x.rank() != 2) {
            throw new IllegalArgumentException("gemm needs matrices, got rank " + x.rank());
        }
        long rows = x.size(0);
        long cols = x.size(1);
        if (cols > 1 && x.stride(1) != 1) {
            throw new IllegalArgumentException("gemm needs unit column stride, got strides "
                + java.util.Arrays.toString(x.stride()));
        }
        return (int) (rows == 1 ? cols : Math.max(cols, x.stride(0)));
    }

    /** Number of scalars of a layer: weight then bias. */
    static long count(int in, int out) {
        return (long) out * in + out;
    }

    /**
     * {@code y = x W^T + b}: x [B, in], y [B, out]. The bias is broadcast as the rank-1 product
     * {@code 1 b} (onesRow [1, B] transposed), a BLAS call instead of an ND4J broadcast op.
     */
    void forward(INDArray x, INDArray y, INDArray onesRow) {
        gemm(onesRow, biasRow, y, true, false, 1.0, 0.0);
        gemm(x, weight, y, false, true, 1.0, 1.0);
    }

    /**
     * Parameter gradients from {@code gy = dL/dy [B, out]} and the layer input {@code x [B, in]}:
     * {@code dL/dW = gy^T x [out, in]}, {@code dL/db = 1^T gy [out]} (sum over the batch, as a
     * gemm with a row of ones so it writes into the view without a temporary). Overwrites.
     */
    void backwardParams(INDArray gy, INDArray x, INDArray onesRow) {
        gemm(gy, x, weightGrad, true, false, 1.0, 0.0);
        gemm(onesRow, gy, biasGradRow, false, false, 1.0, 0.0);
    }

    /** Input gradient {@code dL/dx = gy W [B, in]}. */
    void backwardInput(INDArray gy, INDArray gx) {
        gemm(gy, weight, gx, false, false, 1.0, 0.0);
    }

    /**
     * Draws this layer's weight (row-major) then bias from {@code rng} into {@code flat}, each
     * uniform in {@code [-bound, bound)}.
     */
    void init(float[] flat, double weightBound, double biasBound, SplittableRandom rng) {
        int w = (int) offset;
        int n = out * in;
        for (int i = 0; i < n; i++) {
            flat[w + i] = (float) rng.nextDouble(-weightBound, weightBound);
        }
        for (int i = 0; i < out; i++) {
            flat[w + n + i] = (float) rng.nextDouble(-biasBound, biasBound);
        }
    }

    static INDArray matrixView(INDArray flat, long from, int rows, int cols) {
        INDArray v = flat.get(NDArrayIndex.interval(from, from + (long) rows * cols))
            .reshape('c', rows, cols);
        requireView(flat, v);
        return v;
    }

    static INDArray vectorView(INDArray flat, long from, int n) {
        INDArray v = flat.get(NDArrayIndex.interval(from, from + n));
        requireView(flat, v);
        return v;
    }

    private static void requireView(INDArray flat, INDArray v) {
        if (v.data().pointer().address() != flat.data().pointer().address()) {
            throw new IllegalStateException("ND4J copied a parameter slice instead of viewing it");
        }
    }
}
