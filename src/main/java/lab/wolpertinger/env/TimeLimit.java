package lab.wolpertinger.env;

import lab.wolpertinger.random.SplitMix64;

/**
 * Gymnasium's {@code TimeLimit} wrapper: truncates an episode after {@code maxEpisodeSteps}
 * steps since the last reset. {@code truncated} is set on the step where the count reaches the
 * limit, and may be true together with {@code terminated}, as in Gymnasium.
 *
 * <p>Unlike Gymnasium, stepping on after the episode ended (either flag) without a reset throws
 * {@link IllegalStateException}. {@link #setState} counts as a reset: the elapsed count returns
 * to 0.
 */
public final class TimeLimit implements Env {

    private final Env env;
    private final int maxEpisodeSteps;
    private int elapsedSteps;
    private boolean episodeOver;

    /**
     * Wraps {@code env}.
     *
     * @param maxEpisodeSteps the episode length after which {@code truncated} is set, >= 1
     */
    public TimeLimit(Env env, int maxEpisodeSteps) {
        if (env == null) {
            throw new IllegalArgumentException("TimeLimit needs an env, got null");
        }
        if (maxEpisodeSteps < 1) {
            throw new IllegalArgumentException("TimeLimit maxEpisodeSteps must be >= 1, got " + maxEpisodeSteps);
        }
        this.env = env;
        this.maxEpisodeSteps = maxEpisodeSteps;
    }

    /** Steps taken since the last reset (or setState). */
    public int elapsedSteps() {
        return elapsedSteps;
    }

    /**
     * Sets the step count of the running episode, e.g. after {@link #setState} when a snapshot
     * saved mid-episode is resumed, so that truncation comes at the same step as before.
     *
     * @param elapsed steps already taken in this episode, in {@code [0, maxEpisodeSteps)}
     */
    public void setElapsedSteps(int elapsed) {
        if (elapsed < 0 || elapsed >= maxEpisodeSteps) {
            throw new IllegalArgumentException("elapsed steps must be in [0, " + maxEpisodeSteps + "), got " + elapsed);
        }
        elapsedSteps = elapsed;
        episodeOver = false;
    }

    /** The step count at which an episode is truncated. */
    public int maxEpisodeSteps() {
        return maxEpisodeSteps;
    }

    /** The innermost env, below every {@code TimeLimit}. */
    public Env unwrapped() {
        return env instanceof TimeLimit inner ? inner.unwrapped() : env;
    }

    @Override
    public String id() {
        return env.id();
    }

    @Override
    public RewardRange rewardRange() {
        return env.rewardRange();
    }

    @Override
    public Box observationSpace() {
        return env.observationSpace();
    }

    @Override
    public Space actionSpace() {
        return env.actionSpace();
    }

    @Override
    public double[] reset(long seed) {
        double[] observation = env.reset(seed);
        restart();
        return observation;
    }

    @Override
    public double[] reset() {
        double[] observation = env.reset();
        restart();
        return observation;
    }

    private void restart() {
        elapsedSteps = 0;
        episodeOver = false;
    }

    @Override
    public Step step(double[] action) {
        if (episodeOver) {
            throw new IllegalStateException(id() + ": the episode ended after " + elapsedSteps
                    + " steps; call reset() before step()");
        }
        Step step = env.step(action);
        elapsedSteps++;
        boolean truncated = step.truncated() || elapsedSteps >= maxEpisodeSteps;
        episodeOver = step.terminated() || truncated;
        return new Step(step.observation(), step.reward(), step.terminated(), truncated);
    }

    @Override
    public SplitMix64.State randomState() {
        return env.randomState();
    }

    @Override
    public void restoreRandomState(SplitMix64.State state) {
        env.restoreRandomState(state);
    }

    @Override
    public double[] state() {
        return env.state();
    }

    @Override
    public String[] stateNames() {
        return env.stateNames();
    }

    @Override
    public void setState(double[] state) {
        env.setState(state);
        restart();
    }
}
