package lab.wolpertinger.agent;

import java.util.Locale;
import lab.wolpertinger.env.EnvOptions;

/**
 * Every hyperparameter of a run, immutable and validated on creation: Wolpertinger-DDPG's, and
 * at the end ACER's ({@code agent acer}); each algorithm reads its own and the shared ones (env,
 * N, hidden sizes, gamma, steps, seed).
 *
 * <p>JSON presets ({@code presets/*.json}) use these component names as keys; a preset only
 * lists what differs from {@link #defaults()}.
 *
 * @param env Gymnasium env id: {@code Pendulum-v1}, {@code CartPole-v1} or {@code Catalog-v0}
 * @param maxActions N, the number of discrete actions for a continuous env (grid in [-1,1]^d) or Catalog-v0's items; ignored by CartPole
 * @param kRatio fraction of N the kNN step returns: k = max(1, floor(N * kRatio)); in (0, 1]
 * @param hidden1 width of the first hidden layer of actor and critic
 * @param hidden2 width of the second hidden layer of actor and critic
 * @param actorLr Adam learning rate of the actor
 * @param criticLr Adam learning rate of the critic
 * @param actorWeightDecay L2 weight decay of the actor (PyTorch Adam {@code weight_decay})
 * @param criticWeightDecay L2 weight decay of the critic (PyTorch Adam {@code weight_decay})
 * @param gamma discount factor in [0, 1]
 * @param tau soft target update rate: target = tau * online + (1 - tau) * target, in (0, 1]
 * @param batchSize replay mini-batch size
 * @param bufferCapacity replay ring buffer capacity in transitions
 * @param warmupSteps env steps of uniformly random actions before the first update
 * @param noiseType exploration noise on the proto-action: {@code gaussian} or {@code ou} (Ornstein-Uhlenbeck)
 * @param noiseScale initial multiplier of the noise sample (the Gaussian's standard deviation)
 * @param noiseFinalScale multiplier reached at the end of the decay
 * @param noiseDecaySteps steps after warm-up over which the multiplier falls linearly to noiseFinalScale; 0 keeps it constant
 * @param ouTheta OU mean reversion rate theta
 * @param ouSigma OU diffusion sigma
 * @param ouDt OU time step dt
 * @param steps default number of training env steps
 * @param evalEpisodes default number of greedy evaluation episodes after training
 * @param seed run seed from which every random source derives
 * @param actionDim Catalog-v0's embedding dimension d, in [2, 64] (other envs take d from their action space)
 * @param catalogSeed the seed Catalog-v0's items are built from (snapshots store it, never the table)
 * @param itemQuality Catalog-v0: weight of the items' hidden quality in [0, 1]; 0 is the control setting (every item equally good) where k should not matter
 * @param search neighbour search: {@code exact} or {@code approx} (approximate, for large catalogs); targets use the same
 * @param targetMode the critic's target action at s': {@code wolpertinger} (the target actor's proto-action through
 *                   kNN and the target critic's argmax, as acting does) or {@code proto} (the raw proto-action, plain DDPG)
 * @param agent the algorithm: {@code wolpertinger} (Wolpertinger-DDPG, default) or {@code acer} (ACER over all N actions)
 * @param replayRatio ACER: mean number of off-policy replays per on-policy update (each count drawn from a Poisson distribution), >= 0
 * @param trustRegion ACER: whether the policy gradient is projected into the trust region around the average policy
 * @param delta ACER: the trust region's bound delta on the KL gradient's step, > 0
 * @param c ACER: importance-weight truncation c of the policy gradient (min(c, rho)) and of its bias correction ([1 - c/rho]+), > 0
 * @param entropyWeight ACER: weight of the policy's entropy bonus, >= 0
 * @param averageDecay ACER: the average policy network's decay alpha: theta_avg = alpha theta_avg + (1 - alpha) theta, in [0, 1)
 * @param workers ACER: training threads, each with its own env, stepping the shared networks in turn (1 to {@value #MAX_WORKERS})
 * @param lr ACER: Adam learning rate of the one network (shared torso, policy and Q heads)
 * @param maxGradNorm ACER: the update's gradient is scaled down to this L2 norm when above it, > 0
 * @param traceLength ACER: env steps per trace (on-policy update and stored trajectory); 0 = whole episodes
 * @param trajectoryCapacity ACER: replay capacity in trajectories (traces), >= 1
 * @param policyGradient ACER: {@value #ACER_GRADIENT} (Wang et al. 2017's truncated importance weights with bias
 *                       correction) or {@value #BETA_LOO} (REACTOR's leave-one-out estimator, Gruslys et al. 2018)
 */
public record WolpertingerConfig(
        String env,
        int maxActions,
        double kRatio,
        int hidden1,
        int hidden2,
        double actorLr,
        double criticLr,
        double actorWeightDecay,
        double criticWeightDecay,
        double gamma,
        double tau,
        int batchSize,
        int bufferCapacity,
        int warmupSteps,
        String noiseType,
        double noiseScale,
        double noiseFinalScale,
        int noiseDecaySteps,
        double ouTheta,
        double ouSigma,
        double ouDt,
        int steps,
        int evalEpisodes,
        long seed,
        int actionDim,
        long catalogSeed,
        double itemQuality,
        String search,
        String targetMode,
        String agent,
        double replayRatio,
        boolean trustRegion,
        double delta,
        double c,
        double entropyWeight,
        double averageDecay,
        int workers,
        double lr,
        double maxGradNorm,
        int traceLength,
        int trajectoryCapacity,
        String policyGradient) {

    /** policyGradient value: ACER's truncated importance weights with bias correction (the default). */
    public static final String ACER_GRADIENT = "acer";
    /** policyGradient value: REACTOR's beta-LOO, beta (Q^ret - Q(x, a)) grad pi(a|x) + sum_b Q(x, b) grad pi(b|x). */
    public static final String BETA_LOO = "beta-loo";
    /** The most ACER workers a run may have (each holds its own copies of the networks). */
    public static final int MAX_WORKERS = 64;
    /** Noise type name for Gaussian noise. */
    public static final String GAUSSIAN = "gaussian";
    /** Noise type name for Ornstein-Uhlenbeck noise. */
    public static final String OU = "ou";
    /** Search name for the exact k-nearest-neighbour search. */
    public static final String EXACT = "exact";
    /** Search name for the approximate search. */
    public static final String APPROX = "approx";
    /** Target mode name: the target action goes through kNN and the target critic's argmax. */
    public static final String TARGET_WOLPERTINGER = "wolpertinger";
    /** Target mode name: the target critic scores the target actor's raw proto-action (plain DDPG). */
    public static final String TARGET_PROTO = "proto";

    public WolpertingerConfig {
        if (env == null || env.isBlank()) {
            throw new IllegalArgumentException("env must be set (Pendulum-v1, CartPole-v1 or Catalog-v0)");
        }
        atLeast("maxActions", maxActions, 1);
        if (!(kRatio > 0 && kRatio <= 1)) {
            throw new IllegalArgumentException("kRatio must be in (0, 1], got " + kRatio);
        }
        atLeast("hidden1", hidden1, 1);
        atLeast("hidden2", hidden2, 1);
        positive("actorLr", actorLr);
        positive("criticLr", criticLr);
        nonNegative("actorWeightDecay", actorWeightDecay);
        nonNegative("criticWeightDecay", criticWeightDecay);
        if (!(gamma >= 0 && gamma <= 1)) {
            throw new IllegalArgumentException("gamma must be in [0, 1], got " + gamma);
        }
        if (!(tau > 0 && tau <= 1)) {
            throw new IllegalArgumentException("tau must be in (0, 1], got " + tau);
        }
        atLeast("batchSize", batchSize, 1);
        atLeast("bufferCapacity", bufferCapacity, 1);
        if (bufferCapacity < batchSize) {
            throw new IllegalArgumentException("bufferCapacity (" + bufferCapacity
                    + ") must be >= batchSize (" + batchSize + ")");
        }
        atLeast("warmupSteps", warmupSteps, 0);
        noiseType = noiseType == null ? GAUSSIAN : noiseType.toLowerCase(Locale.ROOT);
        if (!noiseType.equals(GAUSSIAN) && !noiseType.equals(OU)) {
            throw new IllegalArgumentException("noiseType must be 'gaussian' or 'ou', got '" + noiseType + "'");
        }
        nonNegative("noiseScale", noiseScale);
        nonNegative("noiseFinalScale", noiseFinalScale);
        atLeast("noiseDecaySteps", noiseDecaySteps, 0);
        nonNegative("ouTheta", ouTheta);
        nonNegative("ouSigma", ouSigma);
        positive("ouDt", ouDt);
        atLeast("steps", steps, 0);
        atLeast("evalEpisodes", evalEpisodes, 0);
        if (actionDim < 2 || actionDim > 64) {
            throw new IllegalArgumentException("actionDim must be in [2, 64], got " + actionDim);
        }
        if (!(itemQuality >= 0 && itemQuality <= 1)) {
            throw new IllegalArgumentException("itemQuality must be in [0, 1], got " + itemQuality);
        }
        search = checkSearch(search == null ? EXACT : search);
        targetMode = checkTargetMode(targetMode == null ? TARGET_WOLPERTINGER : targetMode);
        agent = checkAgent(agent == null ? Agent.WOLPERTINGER : agent);
        nonNegative("replayRatio", replayRatio);
        positive("delta", delta);
        positive("c", c);
        nonNegative("entropyWeight", entropyWeight);
        if (!(averageDecay >= 0 && averageDecay < 1)) {
            throw new IllegalArgumentException("averageDecay must be in [0, 1), got " + averageDecay);
        }
        if (workers < 1 || workers > MAX_WORKERS) {
            throw new IllegalArgumentException("workers must be in [1, " + MAX_WORKERS + "], got " + workers);
        }
        if (workers > 1 && !Agent.ACER.equals(agent)) {
            throw new IllegalArgumentException("workers is ACER's (threads with their own envs); Wolpertinger trains "
                    + "on one thread: set workers to 1 or choose agent acer");
        }
        positive("lr", lr);
        positive("maxGradNorm", maxGradNorm);
        atLeast("traceLength", traceLength, 0);
        atLeast("trajectoryCapacity", trajectoryCapacity, 1);
        policyGradient = policyGradient == null ? ACER_GRADIENT : policyGradient.toLowerCase(Locale.ROOT);
        if (!policyGradient.equals(ACER_GRADIENT) && !policyGradient.equals(BETA_LOO)) {
            throw new IllegalArgumentException("policyGradient must be '" + ACER_GRADIENT + "' or '" + BETA_LOO
                    + "', got '" + policyGradient + "'");
        }
    }

    /**
     * A Wolpertinger config with every ACER option at its default: the components a config had
     * before ACER, in their order.
     */
    public WolpertingerConfig(String env, int maxActions, double kRatio, int hidden1, int hidden2, double actorLr,
                              double criticLr, double actorWeightDecay, double criticWeightDecay, double gamma,
                              double tau, int batchSize, int bufferCapacity, int warmupSteps, String noiseType,
                              double noiseScale, double noiseFinalScale, int noiseDecaySteps, double ouTheta,
                              double ouSigma, double ouDt, int steps, int evalEpisodes, long seed, int actionDim,
                              long catalogSeed, double itemQuality, String search, String targetMode) {
        this(env, maxActions, kRatio, hidden1, hidden2, actorLr, criticLr, actorWeightDecay, criticWeightDecay, gamma,
                tau, batchSize, bufferCapacity, warmupSteps, noiseType, noiseScale, noiseFinalScale, noiseDecaySteps,
                ouTheta, ouSigma, ouDt, steps, evalEpisodes, seed, actionDim, catalogSeed, itemQuality, search,
                targetMode, Agent.WOLPERTINGER, 4, true, 1, 1, 1e-4, 0.99, 1, 5e-4, 40, 0, 100, ACER_GRADIENT);
    }

    /**
     * {@code name} in lower case if it names an agent.
     *
     * @throws IllegalArgumentException naming the allowed values otherwise
     */
    public static String checkAgent(String name) {
        String a = name == null ? "" : name.toLowerCase(Locale.ROOT);
        if (!a.equals(Agent.WOLPERTINGER) && !a.equals(Agent.ACER)) {
            throw new IllegalArgumentException("agent must be 'wolpertinger' or 'acer', got '" + name + "'");
        }
        return a;
    }

    /** The env's own settings (only Catalog-v0 reads them). */
    public EnvOptions envOptions() {
        return new EnvOptions(maxActions, actionDim, catalogSeed, itemQuality);
    }

    /** Defaults: Pendulum-v1 with 200,000 actions, settings that learn fast (see presets/). */
    public static WolpertingerConfig defaults() {
        return new WolpertingerConfig(
                "Pendulum-v1", 200_000, 0.001,
                256, 128,
                1e-3, 1e-3, 0.0, 0.0,
                0.99, 0.005,
                64, 100_000, 1_000,
                GAUSSIAN, 0.2, 0.05, 10_000, 0.15, 0.2, 1e-2,
                20_000, 10, 0L,
                16, 0L, 1.0, EXACT, TARGET_WOLPERTINGER);
        // the shorter constructor adds ACER's defaults (Wang et al. 2017 and REACTOR-torch's):
        // replayRatio 4, trust region on with delta 1 and average decay 0.99, c 1, entropy 1e-4,
        // one worker, lr 5e-4, gradient norm 40, whole-episode traces, 100 trajectories
    }

    /**
     * {@code search} in lower case if it names a neighbour search, exact or approx.
     *
     * @throws IllegalArgumentException naming the allowed values otherwise
     */
    public static String checkSearch(String search) {
        String s = search == null ? "" : search.toLowerCase(Locale.ROOT);
        if (!s.equals(EXACT) && !s.equals(APPROX)) {
            throw new IllegalArgumentException("search must be 'exact' or 'approx', got '" + search + "'");
        }
        return s;
    }

    /**
     * {@code mode} in lower case if it is a target mode.
     *
     * @throws IllegalArgumentException naming the allowed values otherwise
     */
    public static String checkTargetMode(String mode) {
        String m = mode == null ? "" : mode.toLowerCase(Locale.ROOT);
        if (!m.equals(TARGET_WOLPERTINGER) && !m.equals(TARGET_PROTO)) {
            throw new IllegalArgumentException("targetMode must be 'wolpertinger' or 'proto', got '" + mode + "'");
        }
        return m;
    }

    /** k = max(1, floor(n * kRatio)) for an action set of n actions. */
    public static int k(int n, double kRatio) {
        long k = (long) Math.floor(n * kRatio);
        return (int) Math.max(1, Math.min(n, k));
    }

    private static void atLeast(String name, long value, long min) {
        if (value < min) {
            throw new IllegalArgumentException(name + " must be >= " + min + ", got " + value);
        }
    }

    private static void positive(String name, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " must be a finite number > 0, got " + value);
        }
    }

    private static void nonNegative(String name, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " must be a finite number >= 0, got " + value);
        }
    }
}
