package lab.wolpertinger.agent.acer;

/**
 * One stored trace of consecutive env steps x_0, a_0, r_0, ..., x_{T-1}, a_{T-1}, r_{T-1}, x_T,
 * with the behaviour policy mu(.|x_t) over all N actions that chose each a_t (ACER's importance
 * weights and bias correction need all of it, so a step costs N floats).
 *
 * @param length T, the number of steps (>= 1)
 * @param obs x_0 .. x_{T-1}, row-major {@code T * obsDim}
 * @param actions a_t
 * @param rewards r_t
 * @param mu mu(.|x_t), row-major {@code T * N}
 * @param lastObs x_T, the observation after the last step (bootstrapped from unless terminal)
 * @param terminated whether x_T is terminal (a time-limit cut is not)
 */
public record Trajectory(int length, float[] obs, int[] actions, float[] rewards, float[] mu, float[] lastObs,
                         boolean terminated) {

    /** Floats held (for the replay's memory bound). */
    public long floats() {
        return (long) obs.length + actions.length + rewards.length + mu.length + lastObs.length;
    }
}
