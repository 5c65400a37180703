package lab.wolpertinger.knn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** PCA against a hand-made data set whose principal axes and variances are known exactly. */
class PrincipalPlaneTest {
    private static final double S = Math.sqrt(0.5);
    /** An orthonormal basis of R^4, rotated away from the coordinate axes. */
    private static final double[] U1 = {S, S, 0, 0};
    private static final double[] U2 = {0, 0, S, -S};
    private static final double[] U3 = {S, -S, 0, 0};
    private static final double[] MEAN = {0.1, -0.2, 0.05, 0.3};

    /**
     * The 8 points mean + a U1 + b U2 + c U3 with a = ±0.6, b = ±0.2, c = ±0.1: a symmetric design,
     * so the covariance is exactly 0.36 U1U1' + 0.04 U2U2' + 0.01 U3U3' (total 0.41).
     */
    private static double[][] points() {
        double[][] p = new double[8][4];
        int i = 0;
        for (double a : new double[] {-0.6, 0.6}) {
            for (double b : new double[] {-0.2, 0.2}) {
                for (double c : new double[] {-0.1, 0.1}) {
                    for (int j = 0; j < 4; j++) {
                        p[i][j] = MEAN[j] + a * U1[j] + b * U2[j] + c * U3[j];
                    }
                    i++;
                }
            }
        }
        return p;
    }

    private static void assertPlane(PrincipalPlane plane, double tol) {
        for (int j = 0; j < 4; j++) {
            assertEquals(MEAN[j], plane.mean()[j], tol, "mean " + j);
            // Sign rule: the largest-magnitude coordinate is positive; U1 ties at 0 and 1, U2 at 2 and 3.
            assertEquals(Math.abs(U1[j]), Math.abs(plane.axis1()[j]), tol, "axis1 " + j);
            assertEquals(Math.abs(U2[j]), Math.abs(plane.axis2()[j]), tol, "axis2 " + j);
        }
        double dot = 0;
        for (int j = 0; j < 4; j++) {
            dot += plane.axis1()[j] * U1[j];
        }
        assertEquals(1, Math.abs(dot), tol, "axis1 is ±U1");
        assertEquals(0.36 / 0.41, plane.explained1(), tol);
        assertEquals(0.04 / 0.41, plane.explained2(), tol);
    }

    @Test
    void findsTheKnownAxesAndVarianceShares() {
        PrincipalPlane plane = PrincipalPlane.of(new ArrayActionSet(points()));
        assertPlane(plane, 1e-12);
        // A point at mean + 0.6 U1 + 0.2 U2 projects to (±0.6, ±0.2), the signs of the axes found.
        double[] x = new double[4];
        for (int j = 0; j < 4; j++) {
            x[j] = MEAN[j] + 0.6 * U1[j] + 0.2 * U2[j];
        }
        double[] out = new double[2];
        plane.project(x, out);
        assertEquals(0.6, Math.abs(out[0]), 1e-12);
        assertEquals(0.2, Math.abs(out[1]), 1e-12);
        plane.project(plane.mean(), out);
        assertEquals(0, out[0], 1e-15);
        assertEquals(0, out[1], 1e-15);
    }

    @Test
    void readsTheSharedFloatTableTheSame() {
        double[][] p = points();
        float[] table = new float[p.length * 4];
        for (int i = 0; i < p.length; i++) {
            for (int j = 0; j < 4; j++) {
                table[i * 4 + j] = (float) p[i][j];
            }
        }
        assertPlane(PrincipalPlane.of(new EmbeddedActionSet(p.length, 4, table)), 1e-6);
    }

    @Test
    void refusesOneDimension() {
        assertThrows(IllegalArgumentException.class,
                () -> PrincipalPlane.of(new ArrayActionSet(new double[][] {{0.1}, {0.2}})));
    }
}
