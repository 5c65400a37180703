package lab.wolpertinger.knn;

import java.util.Arrays;
import java.util.Objects;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealVector;

/**
 * The plane of the first two principal components of an action set's embeddings, for drawing a
 * d-dimensional catalog in 2-D (as the TensorBoard Embedding Projector does).
 *
 * <p>{@link #of} reads the N embeddings once, accumulating their sums and the sums of their
 * pairwise products in double (shifted by the first point, which keeps the subtraction in the
 * covariance well conditioned), then takes the eigen-decomposition of the d x d covariance
 * (Apache Commons Math). Cost O(N d^2) time, O(d^2) memory: about 0.2 s at N = 1,000,000, d = 16.
 *
 * @param mean the embeddings' mean, d values
 * @param axis1 the first principal axis (unit length; its largest-magnitude coordinate positive)
 * @param axis2 the second principal axis (unit length, orthogonal to axis1; sign as axis1)
 * @param explained1 the share of the total variance along axis1, in [0, 1]
 * @param explained2 the share of the total variance along axis2, in [0, 1]
 */
public record PrincipalPlane(double[] mean, double[] axis1, double[] axis2, double explained1, double explained2) {

    /** Checks the shapes. */
    public PrincipalPlane {
        Objects.requireNonNull(mean, "mean");
        if (axis1.length != mean.length || axis2.length != mean.length || mean.length < 2) {
            throw new IllegalArgumentException("a principal plane needs d >= 2 and axes of length d, got d=" + mean.length);
        }
    }

    /**
     * The principal plane of all of {@code set}'s embeddings (any thread: it only reads the set).
     *
     * @throws IllegalArgumentException if d < 2
     */
    public static PrincipalPlane of(ActionSet set) {
        int n = set.size();
        int d = set.dim();
        if (d < 2) {
            throw new IllegalArgumentException("a principal plane needs d >= 2, got d=" + d);
        }
        double[] shift = new double[d];
        set.embedding(0, shift);
        double[] sum = new double[d];
        double[] products = new double[d * d]; // upper triangle of sum (x - shift)(x - shift)^T
        double[] x = new double[d];
        float[] table = set instanceof EmbeddedActionSet e ? e.table() : null;
        for (int i = 0; i < n; i++) {
            if (table != null) {
                int row = i * d;
                for (int j = 0; j < d; j++) {
                    x[j] = table[row + j] - shift[j];
                }
            } else {
                set.embedding(i, x);
                for (int j = 0; j < d; j++) {
                    x[j] -= shift[j];
                }
            }
            for (int j = 0; j < d; j++) {
                double xj = x[j];
                sum[j] += xj;
                int base = j * d;
                for (int l = j; l < d; l++) {
                    products[base + l] += xj * x[l];
                }
            }
        }
        double[] mean = new double[d];
        for (int j = 0; j < d; j++) {
            mean[j] = shift[j] + sum[j] / n;
        }
        double[][] cov = new double[d][d];
        for (int j = 0; j < d; j++) {
            for (int l = j; l < d; l++) {
                // Population covariance: (sum of products - n * mean_j * mean_l) / n, in shifted coordinates.
                double c = products[j * d + l] / n - (sum[j] / n) * (sum[l] / n);
                cov[j][l] = c;
                cov[l][j] = c;
            }
        }
        return fromCovariance(mean, cov);
    }

    private static PrincipalPlane fromCovariance(double[] mean, double[][] cov) {
        int d = mean.length;
        EigenDecomposition eigen = new EigenDecomposition(new Array2DRowRealMatrix(cov, false));
        double[] values = eigen.getRealEigenvalues();
        Integer[] order = new Integer[d];
        for (int i = 0; i < d; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(values[b], values[a])); // largest variance first
        double total = 0;
        for (int j = 0; j < d; j++) {
            total += cov[j][j]; // the trace: the total variance
        }
        double[] a1 = oriented(eigen.getEigenvector(order[0]));
        double[] a2 = oriented(eigen.getEigenvector(order[1]));
        double f1 = total > 0 ? Math.max(0, values[order[0]]) / total : 0;
        double f2 = total > 0 ? Math.max(0, values[order[1]]) / total : 0;
        return new PrincipalPlane(mean, a1, a2, f1, f2);
    }

    /** A unit copy of {@code v} with its largest-magnitude coordinate positive (a stable sign). */
    private static double[] oriented(RealVector v) {
        double[] a = v.unitVector().toArray();
        int big = 0;
        for (int j = 1; j < a.length; j++) {
            if (Math.abs(a[j]) > Math.abs(a[big])) {
                big = j;
            }
        }
        if (a[big] < 0) {
            for (int j = 0; j < a.length; j++) {
                a[j] = -a[j];
            }
        }
        return a;
    }

    /** Writes the coordinates of {@code embedding} along axis1 ({@code out[0]}) and axis2 ({@code out[1]}) about the mean. */
    public void project(double[] embedding, double[] out) {
        double u = 0;
        double v = 0;
        for (int j = 0; j < mean.length; j++) {
            double c = embedding[j] - mean[j];
            u += c * axis1[j];
            v += c * axis2[j];
        }
        out[0] = u;
        out[1] = v;
    }
}
