package lab.wolpertinger.agent.acer;

import lab.wolpertinger.random.SplitMix64;

/**
 * The scalar state of an {@link AcerAgent} beyond its config and tensors, so that a restored agent
 * continues exactly: counters, live parameters and the random generators. The tensors (both
 * networks, Adam's moments, the trace being recorded and the replayed trajectories) are saved and
 * restored through {@link AcerAgent#net()}, {@link AcerAgent#averageNet()}, {@link AcerAgent#adam()},
 * {@link AcerAgent#trace()} and {@link AcerAgent#buffer()}.
 *
 * @param steps env steps observed
 * @param updates updates performed (on-policy and replayed)
 * @param lr live learning rate
 * @param replayRatio live replay ratio
 * @param entropyWeight live entropy weight
 * @param delta live trust-region bound
 * @param c live importance-weight truncation
 * @param gamma live discount factor
 * @param actionRng the generator of sampled actions
 * @param replayRng the generator of replay counts and draws
 * @param averageSoftUpdates soft updates of the average network (sets when it flushes subnormals)
 * @param lastCriticLoss the last update's mean squared Q error (NaN before the first)
 * @param lastActorQ the last update's mean V (NaN before the first)
 */
public record AcerState(long steps, long updates, double lr, double replayRatio, double entropyWeight, double delta,
                        double c, double gamma, SplitMix64.State actionRng, SplitMix64.State replayRng,
                        long averageSoftUpdates, double lastCriticLoss, double lastActorQ) {
}
