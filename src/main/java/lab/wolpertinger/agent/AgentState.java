package lab.wolpertinger.agent;

import lab.wolpertinger.random.SplitMix64;

/**
 * The scalar state of a {@link WolpertingerAgent} beyond its config and tensors: counters, live
 * parameters and every random generator, so that a restored agent continues exactly. The
 * tensors (weights, Adam moments, replay rows) are saved and restored through the nets,
 * {@link WolpertingerAgent#actorAdam()}, {@link WolpertingerAgent#criticAdam()} and
 * {@link ReplayBuffer#contents()}.
 *
 * @param steps env steps observed
 * @param updates DDPG updates performed
 * @param kRatio live k ratio
 * @param tau live soft target update rate
 * @param gamma live discount factor
 * @param batchSize live mini-batch size
 * @param noiseSchedule live exploration noise multiplier schedule
 * @param actorLr live actor learning rate
 * @param criticLr live critic learning rate
 * @param actionRng warm-up action generator
 * @param replayRng replay sampling generator
 * @param noise exploration noise process
 * @param actorTargetSoftUpdates soft updates of the target actor (sets when it flushes subnormals)
 * @param criticTargetSoftUpdates soft updates of the target critic
 * @param lastCriticLoss critic loss of the last update (NaN before the first)
 * @param lastActorQ mean Q of the last update (NaN before the first)
 * @param targetMode live critic-target mode, {@code wolpertinger} or {@code proto}
 * @param search live neighbour search, {@code exact} or {@code approx}
 */
public record AgentState(long steps, long updates, double kRatio, double tau, double gamma, int batchSize,
                         NoiseSchedule noiseSchedule, double actorLr, double criticLr,
                         SplitMix64.State actionRng, SplitMix64.State replayRng, ExplorationNoise.State noise,
                         long actorTargetSoftUpdates, long criticTargetSoftUpdates,
                         double lastCriticLoss, double lastActorQ, String targetMode, String search) {
}
