package lab.wolpertinger.train;

import lab.wolpertinger.agent.WolpertingerConfig;

/**
 * What the training thread did in its latest step, copied into an immutable value for the UI.
 * Arrays are fresh copies that nobody writes after construction.
 *
 * <p>The env fields describe the state <em>after</em> the step (a new episode's first state if
 * the step ended one); the action-space fields describe the Wolpertinger selection that chose
 * {@code chosenAction} in that step.
 *
 * @param runId which agent (see {@link RunEvent.Started})
 * @param envId Gymnasium env id
 * @param status what the training thread is doing
 * @param state the env's physical state (Pendulum theta, thetadot; CartPole x, x_dot, theta, theta_dot)
 * @param observation the observation the agent sees next
 * @param reward reward of the step (NaN before the first step)
 * @param envAction the raw env action of the step (Pendulum torque; CartPole 0 left, 1 right), empty before the first step
 * @param protoAction the actor's proto-action (empty before the first step)
 * @param noisyProtoAction the proto-action after exploration noise (equals protoAction when greedy)
 * @param warmup the action was uniformly random (warm-up): no neighbours, no Q values
 * @param neighbourFirst for d = 1, the lowest action index among the k neighbours (they form a contiguous range); else -1
 * @param neighbourLast for d = 1, the highest neighbour index; else -1
 * @param candidates a sample of at most {@link #MAX_SAMPLES} (+1) neighbour indices, in index order for d = 1;
 *                   always contains the chosen action when one was scored
 * @param candidateQ the critic's Q for each of {@code candidates}
 * @param chosenAction the acted action index (-1 before the first step)
 * @param chosenQ the critic's Q of the chosen action (NaN in warm-up)
 * @param step training env steps so far
 * @param episode finished training episodes
 * @param episodeReturn return accumulated in the running episode (evaluation episode while evaluating)
 * @param lastReturn return of the last finished episode (NaN if none)
 * @param stepsPerSecond recent training throughput
 * @param k the k in force
 * @param noiseScale the exploration noise multiplier in force
 * @param nearestAction the neighbour nearest to the noisy proto-action ({@code candidates[0]} for d >= 2), -1 if none or d = 1
 * @param chosenNotNearest for d >= 2, the share of the last {@link #RECENT_STEPS} scored training
 *                         steps whose chosen action was not the nearest neighbour (NaN before any, and for d = 1)
 * @param chosenNotNearestSteps how many steps that share is over (at most {@link #RECENT_STEPS})
 * @param diagnostics the training run's live diagnostics after the step ({@link Diagnostics#NONE} in tests)
 * @param candidatePi for an agent with a policy over all N (ACER): pi(a|s) for each of {@code candidates}, as
 *                    the mean over the run of actions the sampled candidate stands for (its own for the chosen
 *                    one); empty for Wolpertinger
 * @param search the neighbour search in force, {@code exact} or {@code approx}
 * @param searchRecall with the approximate search on an embedded catalog, its recall@k against the exact
 *                     search over the last checks (see {@code SearchRecall}); NaN before a check or when exact
 * @param searchRecallChecks how many checks {@code searchRecall} is over
 */
public record Frame(long runId, String envId, RunStatus status, double[] state, double[] observation,
                    double reward, double[] envAction, double[] protoAction, double[] noisyProtoAction,
                    boolean warmup, int neighbourFirst, int neighbourLast, int[] candidates,
                    double[] candidateQ, int chosenAction, double chosenQ, long step, int episode,
                    double episodeReturn, double lastReturn, double stepsPerSecond, int k, double noiseScale,
                    int nearestAction, double chosenNotNearest, int chosenNotNearestSteps,
                    Diagnostics diagnostics, double[] candidatePi, String search, double searchRecall,
                    int searchRecallChecks) {

    /** At most this many candidates (plus the chosen one) are copied into a frame. */
    public static final int MAX_SAMPLES = 2000;
    /** The window of {@link #chosenNotNearest}, in training steps. */
    public static final int RECENT_STEPS = 1000;

    /** A frame without the nearest neighbour and the chosen ≠ nearest share (d = 1, tests). */
    public Frame(long runId, String envId, RunStatus status, double[] state, double[] observation,
                 double reward, double[] envAction, double[] protoAction, double[] noisyProtoAction,
                 boolean warmup, int neighbourFirst, int neighbourLast, int[] candidates,
                 double[] candidateQ, int chosenAction, double chosenQ, long step, int episode,
                 double episodeReturn, double lastReturn, double stepsPerSecond, int k, double noiseScale) {
        this(runId, envId, status, state, observation, reward, envAction, protoAction, noisyProtoAction, warmup,
                neighbourFirst, neighbourLast, candidates, candidateQ, chosenAction, chosenQ, step, episode,
                episodeReturn, lastReturn, stepsPerSecond, k, noiseScale, -1, Double.NaN, 0, Diagnostics.NONE);
    }

    /** A frame of an agent without a policy over all N (Wolpertinger): no {@code candidatePi}. */
    public Frame(long runId, String envId, RunStatus status, double[] state, double[] observation,
                 double reward, double[] envAction, double[] protoAction, double[] noisyProtoAction,
                 boolean warmup, int neighbourFirst, int neighbourLast, int[] candidates,
                 double[] candidateQ, int chosenAction, double chosenQ, long step, int episode,
                 double episodeReturn, double lastReturn, double stepsPerSecond, int k, double noiseScale,
                 int nearestAction, double chosenNotNearest, int chosenNotNearestSteps, Diagnostics diagnostics) {
        this(runId, envId, status, state, observation, reward, envAction, protoAction, noisyProtoAction, warmup,
                neighbourFirst, neighbourLast, candidates, candidateQ, chosenAction, chosenQ, step, episode,
                episodeReturn, lastReturn, stepsPerSecond, k, noiseScale, nearestAction, chosenNotNearest,
                chosenNotNearestSteps, diagnostics, new double[0], WolpertingerConfig.EXACT, Double.NaN, 0);
    }

    /** Checks the diagnostics are present. */
    public Frame {
        if (diagnostics == null) {
            throw new IllegalArgumentException("diagnostics must not be null (use Diagnostics.NONE)");
        }
        if (candidatePi.length != 0 && candidatePi.length != candidates.length) {
            throw new IllegalArgumentException("candidatePi has " + candidatePi.length + " values for "
                    + candidates.length + " candidates");
        }
    }

    /** Whether the frame shows a policy over all N actions (ACER) rather than a proto-action's neighbours. */
    public boolean hasPolicy() {
        return candidatePi.length > 0;
    }

    /** Whether a proto-action and its scored neighbourhood are present. */
    public boolean hasSelection() {
        return chosenAction >= 0 && !warmup && candidates.length > 0;
    }
}
