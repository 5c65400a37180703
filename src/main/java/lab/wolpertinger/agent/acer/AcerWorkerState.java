package lab.wolpertinger.agent.acer;

import lab.wolpertinger.random.SplitMix64;

/**
 * One extra ACER worker's own state beyond the shared networks and replay, for a snapshot: its
 * env (physical state, time-limit steps, generator), the observation it acts on next, the trace
 * it is recording and its action and replay generators.
 *
 * @param envState the env's {@code state()}
 * @param envElapsedSteps steps of the episode so far, as its time limit counts them
 * @param envRandom the env's generator
 * @param observation the observation the worker acts on next
 * @param trace the trace being recorded (its {@code lastObs} empty)
 * @param actionRng the generator of the worker's sampled actions
 * @param replayRng the generator of the worker's replay counts and draws
 */
public record AcerWorkerState(double[] envState, int envElapsedSteps, SplitMix64.State envRandom, double[] observation,
                              Trajectory trace, SplitMix64.State actionRng, SplitMix64.State replayRng) {
}
