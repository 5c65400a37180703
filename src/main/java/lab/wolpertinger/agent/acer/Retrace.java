package lab.wolpertinger.agent.acer;

/**
 * Retrace Q targets along one trajectory (Munos et al. 2016, as ACER uses them, Wang et al. 2017
 * eq. 5 with lambda = 1), computed backwards from the end:
 * <pre>
 *   Q^ret = 0 if the trajectory ends in a terminal state, else V(x_T)      (bootstrap)
 *   for t = T-1 down to 0:
 *     Q^ret   = r_t + gamma Q^ret
 *     target_t = Q^ret
 *     Q^ret   = min(1, rho_t) (Q^ret - Q(x_t, a_t)) + V(x_t)
 * </pre>
 * with rho_t = pi(a_t|x_t) / mu(a_t|x_t) the importance weight of the taken action and
 * V(x) = sum_a pi(a|x) Q(x, a). The trace weight is truncated at 1 (Retrace's c_t = lambda min(1, rho_t)),
 * which keeps the operator a contraction whatever the behaviour policy; on-policy rho = 1 and the
 * target is the plain n-step return with Q(x_t, a_t) corrections.
 */
public final class Retrace {
    private Retrace() {
    }

    /**
     * Writes target_t for t in [0, T) into {@code targets}.
     *
     * @param rewards r_t
     * @param qTaken Q(x_t, a_t)
     * @param values V(x_t)
     * @param rhoTaken rho_t (untruncated; 1 on-policy)
     * @param bootstrap Q^ret at the end: 0 after a terminal state, else V(x_T)
     * @param gamma discount factor
     * @param length T
     */
    public static void targets(double[] rewards, double[] qTaken, double[] values, double[] rhoTaken,
                               double bootstrap, double gamma, int length, double[] targets) {
        double qRet = bootstrap;
        for (int t = length - 1; t >= 0; t--) {
            qRet = rewards[t] + gamma * qRet;
            targets[t] = qRet;
            qRet = Math.min(1.0, rhoTaken[t]) * (qRet - qTaken[t]) + values[t];
        }
    }
}
