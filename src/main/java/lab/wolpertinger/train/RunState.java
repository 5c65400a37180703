package lab.wolpertinger.train;

import lab.wolpertinger.random.SplitMix64;

/**
 * A {@link TrainingRun}'s own state between two steps, beyond the agent's: the env (physical
 * state, time-limit count, random generator), the current observation and the running
 * episode's sums. With the agent's state it is what a snapshot needs to continue exactly.
 *
 * @param steps env steps taken
 * @param episodes finished episodes
 * @param observation the observation the next step acts on
 * @param episodeReturn reward summed over the running episode
 * @param episodeLength steps taken in the running episode
 * @param lossSum critic losses summed over the running episode's updates
 * @param actorQSum actor Q values summed over the running episode's updates
 * @param updatesInEpisode updates in the running episode
 * @param envState the env's physical state ({@code Env.state()}, e.g. Pendulum theta, thetadot)
 * @param envElapsedSteps the time limit's step count in the running episode
 * @param envRandom the env's random generator, which the next reset continues
 * @param wallSeconds training seconds so far (timing only, not part of the exact state)
 */
public record RunState(long steps, int episodes, double[] observation, double episodeReturn, int episodeLength,
                       double lossSum, double actorQSum, int updatesInEpisode, double[] envState,
                       int envElapsedSteps, SplitMix64.State envRandom, double wallSeconds) {

    /** Copies the arrays. */
    public RunState {
        observation = observation.clone();
        envState = envState.clone();
    }

    @Override
    public double[] observation() {
        return observation.clone();
    }

    @Override
    public double[] envState() {
        return envState.clone();
    }
}
