package lab.wolpertinger.env;

import lab.wolpertinger.random.SplitMix64;

/**
 * A Gymnasium-style environment: {@code reset(seed) -> observation} and
 * {@code step(action) -> (observation, reward, terminated, truncated)}.
 *
 * <p>Actions are passed as {@code double[]}: for a {@link Box} action space the raw values
 * (e.g. Pendulum's torque in N·m); for a {@link Discrete} space a one-element array holding the
 * action index as an integral double (CartPole: {@code {0}} pushes left, {@code {1}} right).
 * Time limits are never enforced inside an env: wrap it in {@link TimeLimit}.
 *
 * <p>An env is single-threaded: the training thread owns it.
 */
public interface Env {

    /** Gymnasium id, e.g. {@code "Pendulum-v1"}. */
    String id();

    /** The observation space (always a box of doubles). */
    Box observationSpace();

    /** The action space: a {@link Box} or a {@link Discrete}. */
    Space actionSpace();

    /** The smallest and largest reward of one step (bounds the Q values a critic can rightly learn). */
    RewardRange rewardRange();

    /** Re-seeds the env's random generator with {@code seed} and starts a new episode. */
    double[] reset(long seed);

    /** Starts a new episode, continuing the random generator of the last seeded reset. */
    double[] reset();

    /** Advances one time step with {@code action}; the returned observation is a fresh array. */
    Step step(double[] action);

    /** The state of the random generator that {@link #reset()} continues (for snapshots). */
    SplitMix64.State randomState();

    /** Continues the random generator from {@code state}, e.g. a snapshot's {@link #randomState()}. */
    void restoreRandomState(SplitMix64.State state);

    /** The internal physical state (not the observation), e.g. Pendulum {@code (theta, thetadot)}. */
    double[] state();

    /** Names of the state variables, in {@link #state()} order, e.g. {@code theta, thetadot}. */
    String[] stateNames();

    /**
     * Sets the internal physical state, as after a reset, so that the next {@link #step} starts
     * from it. Used by the {@code replay} command and by tests.
     *
     * @throws IllegalArgumentException if the length is wrong or a value is not finite
     */
    void setState(double[] state);
}
