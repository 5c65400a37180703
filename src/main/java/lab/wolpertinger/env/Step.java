package lab.wolpertinger.env;

/**
 * The result of one {@link Env#step}: next observation, reward, and the two episode-end flags.
 *
 * @param observation the observation after the step (owned by the caller)
 * @param reward the reward for this transition
 * @param terminated the MDP reached a terminal state: do not bootstrap
 * @param truncated the episode was cut short (time limit): bootstrap through it
 */
public record Step(double[] observation, double reward, boolean terminated, boolean truncated) {

    /** True if the episode is over for either reason. */
    public boolean done() {
        return terminated || truncated;
    }
}
