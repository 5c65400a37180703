package lab.wolpertinger.agent.acer;

/**
 * ACER's efficient trust region (Wang et al. 2017, section 3.3) on the policy's statistics
 * phi = pi(.|x), the probability vector. With g the gradient of the policy objective with respect to
 * phi and k = d/dphi KL[pi_avg(.|x) || pi(.|x)] = -pi_avg / pi, the step is the solution of
 * <pre>
 *   minimise 1/2 ||z - g||^2   subject to   k^T z &lt;= delta
 * </pre>
 * whose closed form is {@code z* = g - max(0, (k^T g - delta) / ||k||^2) k}: the gradient itself when
 * it already moves the policy no further from the average than delta allows, else the gradient
 * with its component along k cut back to the boundary.
 */
public final class TrustRegion {
    private TrustRegion() {
    }

    /**
     * Fills {@code k[0..n)} with the KL gradient -pi_avg(a) / pi(a).
     *
     * @param pi the current policy
     * @param piAvg the average policy
     */
    public static void klGradient(double[] pi, double[] piAvg, int n, double[] k) {
        for (int a = 0; a < n; a++) {
            k[a] = -piAvg[a] / pi[a];
        }
    }

    /**
     * Projects {@code g[0..n)} in place onto {@code k^T z <= delta} (the closed form above) and
     * returns the multiplier max(0, (k^T g - delta) / ||k||^2), 0 when g was inside.
     */
    public static double project(double[] g, double[] k, double delta, int n) {
        double kg = 0;
        double kk = 0;
        for (int a = 0; a < n; a++) {
            kg += k[a] * g[a];
            kk += k[a] * k[a];
        }
        if (!(kk > 0)) {
            return 0;
        }
        double scale = Math.max(0.0, (kg - delta) / kk);
        if (scale > 0) {
            for (int a = 0; a < n; a++) {
                g[a] -= scale * k[a];
            }
        }
        return scale;
    }
}
