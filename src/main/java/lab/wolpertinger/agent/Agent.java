package lab.wolpertinger.agent;

import lab.wolpertinger.knn.ActionSet;

/**
 * What the training loop needs of a learning agent over a finite action set: choose an action
 * (exploring or greedy), take in the transition it led to, and report its counters and last
 * losses for the metrics. Implemented by {@link WolpertingerAgent} (Wolpertinger-DDPG) and
 * {@code agent.acer.AcerAgent} (ACER over all N actions).
 *
 * <p>An agent is owned by one thread, the one that trains it; nothing here is thread-safe.
 */
public interface Agent {

    /** Config value of {@code agent} for Wolpertinger-DDPG. */
    String WOLPERTINGER = "wolpertinger";
    /** Config value of {@code agent} for ACER. */
    String ACER = "acer";

    /** The config key value naming this algorithm: {@link #WOLPERTINGER} or {@link #ACER}. */
    String name();

    /** The configuration the agent was created with (live changes are not reflected here). */
    WolpertingerConfig config();

    /** The action set the agent chooses indices from. */
    ActionSet actions();

    /**
     * Chooses an action index for {@code obs}: exploring ({@code explore = true}, what training
     * acts with) or greedy ({@code explore = false}, evaluation).
     */
    int act(double[] obs, boolean explore);

    /**
     * Takes in the transition from {@code obs} by {@code action}, and learns when the algorithm
     * does. {@code terminated} is the env's terminal flag only (it stops bootstrapping);
     * {@code truncated} marks a time-limit cut, after which the episode also ends but
     * {@code nextObs} is still bootstrapped through.
     *
     * @throws DivergedException if an update produced a non-finite value; the networks keep
     *         their last finite weights
     */
    void observe(double[] obs, int action, double reward, double[] nextObs, boolean terminated, boolean truncated);

    /** Called before the first step of every episode (after the env's reset). */
    void episodeStart();

    /** Env steps observed so far. */
    long steps();

    /** Gradient updates performed so far. */
    long updates();

    /** The value-function loss of the last update (NaN before the first). */
    double lastCriticLoss();

    /** The mean value estimate of the last update's states (NaN before the first). */
    double lastActorQ();

    /** The value of the last chosen action, NaN if it was chosen without the value function. */
    double lastQ();

    /** Actions scored per step: Wolpertinger's k, N for an agent that scores every action. */
    int k();

    /** The discount factor in force (a live parameter). */
    double gamma();

    /** The exploration noise multiplier in force, 0 for an agent that explores by sampling its policy. */
    double noiseScale();
}
