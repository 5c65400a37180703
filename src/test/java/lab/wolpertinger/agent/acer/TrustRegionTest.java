package lab.wolpertinger.agent.acer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The trust-region projection: its closed form against an independent solution of the problem
 * (bisection on the Lagrange multiplier of min 1/2 ||z - g||^2 s.t. k^T z &lt;= delta), against
 * random feasible points, and the KL gradient against finite differences.
 */
class TrustRegionTest {
    private static final int N = 6;

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static double[] random(SplittableRandom rng, double lo, double hi) {
        double[] x = new double[N];
        for (int i = 0; i < N; i++) {
            x[i] = rng.nextDouble(lo, hi);
        }
        return x;
    }

    @Test
    void aStepInsideTheRegionIsKept() {
        double[] g = {1, -2, 0.5, 0, 0, 0};
        double[] k = {-1, -1, -1, -1, -1, -1};  // k.g = 0.5
        double[] z = g.clone();
        assertEquals(0.0, TrustRegion.project(z, k, 1.0, N));
        assertArrayEquals(g, z);
    }

    @Test
    void aStepOutsideIsTheConstrainedMinimiser() {
        SplittableRandom rng = new SplittableRandom(5);
        for (int trial = 0; trial < 50; trial++) {
            double[] g = random(rng, -3, 3);
            double[] k = random(rng, -4, -0.1);  // -pi_avg / pi is negative
            double delta = 0.5;
            if (dot(k, g) <= delta) {
                continue;
            }
            double[] z = g.clone();
            double scale = TrustRegion.project(z, k, delta, N);
            assertTrue(scale > 0);
            assertEquals(delta, dot(k, z), 1e-9, "on the boundary");
            // independent route: k.(g - lambda k) is decreasing in lambda; bisect for the root
            double lo = 0, hi = 1;
            while (dot(k, g) - hi * dot(k, k) > delta) {
                hi *= 2;
            }
            for (int i = 0; i < 200; i++) {
                double mid = (lo + hi) / 2;
                if (dot(k, g) - mid * dot(k, k) > delta) {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            assertEquals(hi, scale, 1e-9);
            double best = 0;
            for (int i = 0; i < N; i++) {
                best += (z[i] - g[i]) * (z[i] - g[i]);
            }
            for (int i = 0; i < 200; i++) {
                double[] other = random(rng, -6, 6);
                if (dot(k, other) > delta) {
                    continue;
                }
                double d = 0;
                for (int j = 0; j < N; j++) {
                    d += (other[j] - g[j]) * (other[j] - g[j]);
                }
                assertTrue(d >= best - 1e-12, "a feasible point nearer to g than the projection");
            }
        }
    }

    @Test
    void theKlGradientMatchesFiniteDifferences() {
        double[] pi = {0.1, 0.2, 0.3, 0.15, 0.05, 0.2};
        double[] avg = {0.3, 0.1, 0.1, 0.2, 0.2, 0.1};
        double[] k = new double[N];
        TrustRegion.klGradient(pi, avg, N, k);
        for (int a = 0; a < N; a++) {
            double h = 1e-6;
            double[] plus = pi.clone();
            double[] minus = pi.clone();
            plus[a] += h;
            minus[a] -= h;
            double fd = (kl(avg, plus) - kl(avg, minus)) / (2 * h);
            assertEquals(fd, k[a], 1e-6 * Math.abs(fd) + 1e-8);
        }
    }

    /** KL[p || q] = sum p log(p / q), with q free (the finite difference moves it off the simplex). */
    private static double kl(double[] p, double[] q) {
        double s = 0;
        for (int i = 0; i < N; i++) {
            s += p[i] * Math.log(p[i] / q[i]);
        }
        return s;
    }
}
