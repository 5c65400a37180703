package lab.wolpertinger.train;

import lab.wolpertinger.agent.Agent;
import lab.wolpertinger.agent.WolpertingerAgent;
import lab.wolpertinger.agent.WolpertingerConfig;
import lab.wolpertinger.agent.acer.AcerAgent;

/**
 * The hyperparameters that can change while an agent trains, each applied between two steps:
 * Wolpertinger's (k ratio to batch size) and ACER's (lr to c); gamma is both agents'.
 */
public enum Parameter {
    /** Fraction of N returned by the kNN step: k = max(1, floor(N * kRatio)). */
    K_RATIO("k ratio", "kRatio"),
    /** Multiplier of the exploration noise on the proto-action (replaces the decay schedule). */
    NOISE_SCALE("noise", "noiseScale"),
    /** Soft target update rate. */
    TAU("tau", "tau"),
    /** Adam learning rate of the actor. */
    ACTOR_LR("actor lr", "actorLr"),
    /** Adam learning rate of the critic. */
    CRITIC_LR("critic lr", "criticLr"),
    /** Discount factor. */
    GAMMA("gamma", "gamma"),
    /** Replay mini-batch size (rounded to a whole number). */
    BATCH_SIZE("batch", "batchSize"),
    /** ACER: Adam learning rate of its one network. */
    LR("lr", "lr"),
    /** ACER: weight of the policy's entropy bonus. */
    ENTROPY_WEIGHT("entropy weight", "entropyWeight"),
    /** ACER: mean replays per on-policy update. */
    REPLAY_RATIO("replay ratio", "replayRatio"),
    /** ACER: the trust region's bound delta. */
    DELTA("delta", "delta"),
    /** ACER: the importance-weight truncation c. */
    C("c", "c");

    private final String label;
    private final String key;

    Parameter(String label, String key) {
        this.label = label;
        this.key = key;
    }

    /** The {@code WolpertingerConfig} component (and preset key) this parameter starts from. */
    public String key() {
        return key;
    }

    /** Short name for markers and messages, e.g. {@code "k ratio"}. */
    public String label() {
        return label;
    }

    /**
     * Sets this parameter on {@code agent} (training thread only).
     *
     * @throws IllegalArgumentException naming the parameter and its range if {@code value} is out of range
     */
    public void applyTo(Agent trained, double value) {
        if (trained instanceof AcerAgent acer) {
            switch (this) {
                case LR -> acer.setLr(value);
                case ENTROPY_WEIGHT -> acer.setEntropyWeight(value);
                case REPLAY_RATIO -> acer.setReplayRatio(value);
                case DELTA -> acer.setDelta(value);
                case C -> acer.setC(value);
                case GAMMA -> acer.setGamma(value);
                default -> throw new IllegalArgumentException(label + " is a Wolpertinger parameter; this run trains acer");
            }
            return;
        }
        if (isAcer()) {
            throw new IllegalArgumentException(label + " is an ACER parameter; this run trains " + trained.name());
        }
        WolpertingerAgent agent = (WolpertingerAgent) trained;
        switch (this) {
            case K_RATIO -> agent.setKRatio(value);
            case NOISE_SCALE -> {
                if (!(value >= 0) || Double.isInfinite(value)) {
                    throw new IllegalArgumentException("noise scale must be a finite number >= 0, got " + value);
                }
                agent.setNoiseScale(value);
            }
            case TAU -> agent.setTau(value);
            case ACTOR_LR -> agent.setActorLr(positive("actor lr", value));
            case CRITIC_LR -> agent.setCriticLr(positive("critic lr", value));
            case GAMMA -> agent.setGamma(value);
            case BATCH_SIZE -> agent.setBatchSize((int) Math.round(value));
            default -> throw new IllegalStateException(name());
        }
    }

    /** This parameter's value in a configuration (the starting value of a fresh agent). */
    public double valueIn(WolpertingerConfig config) {
        return switch (this) {
            case K_RATIO -> config.kRatio();
            case NOISE_SCALE -> config.noiseScale();
            case TAU -> config.tau();
            case ACTOR_LR -> config.actorLr();
            case CRITIC_LR -> config.criticLr();
            case GAMMA -> config.gamma();
            case BATCH_SIZE -> config.batchSize();
            case LR -> config.lr();
            case ENTROPY_WEIGHT -> config.entropyWeight();
            case REPLAY_RATIO -> config.replayRatio();
            case DELTA -> config.delta();
            case C -> config.c();
        };
    }

    /** Whether this is one of ACER's own parameters. */
    public boolean isAcer() {
        return ordinal() >= LR.ordinal();
    }

    /**
     * This parameter's live value in {@code agent} (training thread only): what a slider shows
     * for it. The noise is the schedule's starting multiplier (a live change makes it constant).
     * A parameter of the other algorithm reads as the agent's config value.
     */
    public double liveIn(Agent trained) {
        if (trained instanceof AcerAgent acer) {
            return switch (this) {
                case LR -> acer.adam().learningRate();
                case ENTROPY_WEIGHT -> acer.entropyWeight();
                case REPLAY_RATIO -> acer.replayRatio();
                case DELTA -> acer.delta();
                case C -> acer.c();
                case GAMMA -> acer.gamma();
                default -> valueIn(acer.config());
            };
        }
        if (isAcer()) {
            return valueIn(trained.config());
        }
        WolpertingerAgent agent = (WolpertingerAgent) trained;
        return switch (this) {
            case K_RATIO -> agent.kRatio();
            case NOISE_SCALE -> agent.noiseSchedule().initial();
            case TAU -> agent.tau();
            case ACTOR_LR -> agent.actorAdam().learningRate();
            case CRITIC_LR -> agent.criticAdam().learningRate();
            case GAMMA -> agent.gamma();
            case BATCH_SIZE -> agent.batchSize();
            default -> throw new IllegalStateException(name());
        };
    }

    private static double positive(String name, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " must be a finite number > 0, got " + value);
        }
        return value;
    }
}
