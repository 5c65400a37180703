package lab.wolpertinger.train;

import lab.wolpertinger.agent.WolpertingerAgent;
import lab.wolpertinger.agent.WolpertingerConfig;

/** The hyperparameters that can change while an agent trains, each applied between two steps. */
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
    BATCH_SIZE("batch", "batchSize");

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
    public void applyTo(WolpertingerAgent agent, double value) {
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
        };
    }

    private static double positive(String name, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " must be a finite number > 0, got " + value);
        }
        return value;
    }
}
