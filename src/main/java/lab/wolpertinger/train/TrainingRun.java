package lab.wolpertinger.train;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import lab.wolpertinger.agent.ActionSets;
import lab.wolpertinger.agent.Agent;
import lab.wolpertinger.agent.DivergedException;
import lab.wolpertinger.agent.Seeds;
import lab.wolpertinger.agent.WolpertingerAgent;
import lab.wolpertinger.agent.WolpertingerConfig;
import lab.wolpertinger.agent.acer.AcerAgent;
import lab.wolpertinger.env.Env;
import lab.wolpertinger.env.Envs;
import lab.wolpertinger.env.Step;
import lab.wolpertinger.env.TimeLimit;
import lab.wolpertinger.knn.ActionSet;

/**
 * The training loop, one env step at a time: act (warm-up, then noisy Wolpertinger), step the
 * env, store the transition, update, and close episodes. The thread that calls {@link #step()}
 * owns the env, the agent and every ND4J array; nothing here is shared with other threads.
 */
public final class TrainingRun {
    private final WolpertingerConfig config;
    private final Env env;
    private final Agent agent;
    private final long evalSeedBase;
    private final List<Consumer<EpisodeRecord>> episodeListeners = new ArrayList<>();
    /** The most episode records a run keeps (the lab's curves keep as many): ~50 MB of heap, ~50 MB in a snapshot. */
    public static final int HISTORY_LIMIT = 200_000;
    private final java.util.ArrayDeque<EpisodeRecord> history = new java.util.ArrayDeque<>();

    private double[] obs;
    private long steps;
    private int episodes;
    private double episodeReturn;
    private int episodeLength;
    private double lossSum;
    private double actorQSum;
    private int updatesInEpisode;
    private long episodeStartNanos;
    private final long startNanos;
    private double wallOffsetSeconds;
    private Step lastStep;
    private int lastAction = -1;
    private final DiagnosticsTracker diagnostics;
    private final double[] chosenEmbedding;

    /** A fresh run: env, action set and agent built from {@code config}, all seeded from {@code config.seed()}. */
    public TrainingRun(WolpertingerConfig config) {
        this(config, true);
    }

    private TrainingRun(WolpertingerConfig config, boolean startEpisode) {
        this.config = config;
        this.env = Envs.make(config.env(), config.envOptions());
        ActionSet actions = ActionSets.forSpace(env.actionSpace(), config.maxActions());
        this.agent = createAgent(config, env.observationSpace().dim(), actions);
        this.evalSeedBase = evalSeedBase(config.seed());
        this.diagnostics = new DiagnosticsTracker(env.rewardRange(), () -> Divergence.likelyCause(agent, config));
        this.chosenEmbedding = new double[actions.dim()];
        if (startEpisode) {
            this.obs = env.reset(Seeds.derive(config.seed(), "train-env"));
            agent.episodeStart();
        }
        this.startNanos = System.nanoTime();
        this.episodeStartNanos = startNanos;
    }

    /** The agent {@code config.agent()} names, for an env with {@code obsDim}-dimensional observations. */
    static Agent createAgent(WolpertingerConfig config, int obsDim, ActionSet actions) {
        if (Agent.ACER.equals(config.agent())) {
            return new AcerAgent(config, obsDim, actions);
        }
        return new WolpertingerAgent(config, obsDim, actions);
    }

    /**
     * A run rebuilt from {@code config} and a saved {@link RunState}: env and episode continue
     * where they were. The agent is freshly built from the config; restore it next
     * ({@code agent().restore(...)} and its tensors) before the first {@link #step()}.
     *
     * @throws IllegalArgumentException if the state does not fit the config's env
     */
    public static TrainingRun resume(WolpertingerConfig config, RunState state) {
        TrainingRun run = new TrainingRun(config, false);
        int obsDim = run.env.observationSpace().dim();
        if (state.observation().length != obsDim) {
            throw new IllegalArgumentException(config.env() + " observations have " + obsDim + " values, got "
                    + state.observation().length);
        }
        for (double v : state.observation()) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("observation values must be finite");
            }
        }
        if (state.steps() < 0 || state.episodes() < 0 || state.episodeLength() < 0 || state.updatesInEpisode() < 0) {
            throw new IllegalArgumentException("run counters must be >= 0");
        }
        run.env.setState(state.envState());
        if (run.env instanceof TimeLimit limit) {
            limit.setElapsedSteps(state.envElapsedSteps());
        } else if (state.envElapsedSteps() != 0) {
            throw new IllegalArgumentException(config.env() + " has no time limit to resume");
        }
        run.env.restoreRandomState(state.envRandom());
        run.obs = state.observation();
        run.steps = state.steps();
        run.episodes = state.episodes();
        run.episodeReturn = state.episodeReturn();
        run.episodeLength = state.episodeLength();
        run.lossSum = state.lossSum();
        run.actorQSum = state.actorQSum();
        run.updatesInEpisode = state.updatesInEpisode();
        run.wallOffsetSeconds = state.wallSeconds();
        return run;
    }

    /** This run's own state (env, observation, episode sums), for a snapshot; see {@link #resume}. */
    public RunState state() {
        int elapsed = env instanceof TimeLimit limit ? limit.elapsedSteps() : 0;
        return new RunState(steps, episodes, obs, episodeReturn, episodeLength, lossSum, actorQSum, updatesInEpisode,
                env.state(), elapsed, env.randomState(), wallSeconds());
    }

    /** Calls {@code listener} on the training thread after every finished episode. */
    public void onEpisode(Consumer<EpisodeRecord> listener) {
        episodeListeners.add(listener);
    }

    /**
     * One env step with exploration, the transition given to the agent (which learns when its
     * algorithm does: Wolpertinger one DDPG update per step after warm-up, ACER at the end of a trace).
     *
     * @throws DivergedException if the update diverged: the step itself is complete (counters,
     *         observation, episode), the networks keep their last finite weights, and the run can be
     *         saved; training on would diverge again
     */
    public void step() {
        int action = agent.act(obs, true);
        Step s = env.step(agent.actions().envAction(action));
        long updatesBefore = agent.updates();
        DivergedException diverged = null;
        try {
            // Store the real next observation; only `terminated` stops bootstrapping.
            agent.observe(obs, action, s.reward(), s.observation(), s.terminated(), s.truncated());
        } catch (DivergedException e) {
            diverged = e; // finish the step first, so the run's state stays consistent for a snapshot
        }
        if (agent.updates() > updatesBefore) {
            lossSum += agent.lastCriticLoss();
            actorQSum += agent.lastActorQ();
            updatesInEpisode++;
            if (agent instanceof WolpertingerAgent w) { // the diagnostics are the actor-critic's
                diagnostics.update(w.lastTdError(), w.lastQMin(), w.lastQMax(), w.lastActorGradNorm(),
                        w.lastCriticLoss(), w.gamma());
            }
        }
        if (agent instanceof WolpertingerAgent w && !Double.isNaN(w.lastQ())) {
            recordSelection(w, action); // a scored selection (not warm-up)
        }
        steps++;
        episodeReturn += s.reward();
        episodeLength++;
        lastStep = s;
        lastAction = action;
        obs = s.observation();
        if (s.done()) {
            finishEpisode(s.terminated());
            obs = env.reset();
            agent.episodeStart();
        }
        if (diverged != null) {
            throw diverged;
        }
    }

    /**
     * The Wolpertinger step's diagnostics of this step's selection: did the critic overrule the
     * action nearest to the noisy proto-action, and how far from that point is the chosen action,
     * ||e(chosen) - noisy proto||_2 (O(d), from the policy's last call).
     */
    private void recordSelection(WolpertingerAgent agent, int action) {
        agent.actions().embedding(action, chosenEmbedding);
        double[] noisy = agent.lastNoisyProtoAction();
        double squares = 0;
        for (int j = 0; j < chosenEmbedding.length; j++) {
            double diff = chosenEmbedding[j] - noisy[j];
            squares += diff * diff;
        }
        diagnostics.selection(agent.policy().lastNearestIndex() != action, Math.sqrt(squares));
    }

    private void finishEpisode(boolean terminated) {
        episodes++;
        long now = System.nanoTime();
        double episodeSeconds = (now - episodeStartNanos) / 1e9;
        EpisodeRecord record = new EpisodeRecord(episodes, steps, episodeReturn, episodeLength,
                updatesInEpisode == 0 ? Double.NaN : lossSum / updatesInEpisode,
                updatesInEpisode == 0 ? Double.NaN : actorQSum / updatesInEpisode,
                agent.k(), agent.noiseScale(), terminated,
                episodeSeconds > 0 ? episodeLength / episodeSeconds : Double.NaN,
                wallOffsetSeconds + (now - startNanos) / 1e9,
                diagnostics.finishEpisode(agent.gamma(), agent.noiseScale()));
        episodeReturn = 0;
        episodeLength = 0;
        lossSum = 0;
        actorQSum = 0;
        updatesInEpisode = 0;
        episodeStartNanos = now;
        history.addLast(record);
        if (history.size() > HISTORY_LIMIT) {
            history.removeFirst();
        }
        for (Consumer<EpisodeRecord> l : episodeListeners) {
            l.accept(record);
        }
    }

    /**
     * Greedy evaluation: {@code episodes} full episodes without noise on a separate env, episode
     * i reset with its own seed derived from the run seed (distinct from the training env's).
     */
    public Evaluation evaluate(int episodes) {
        return evaluate(agent, config.env(), episodes, evalSeedBase);
    }

    /**
     * Greedy validation episodes for choosing among policies during training: seeded from a
     * stream of their own, distinct from training and from {@link #evaluate}'s episodes.
     */
    public Evaluation validate(int episodes) {
        return evaluate(agent, config.env(), episodes, Seeds.derive(config.seed(), "validation-env"));
    }

    /** Greedy evaluation of {@code agent} on fresh {@code envId} episodes seeded {@code seedBase + i}. */
    public static Evaluation evaluate(Agent agent, String envId, int episodes, long seedBase) {
        return evaluate(agent, envId, episodes, seedBase, null);
    }

    /**
     * Like {@link #evaluate(Agent, String, int, long)}, also passing the wall time in
     * nanoseconds of every greedy action selection ({@code agent.act}) to {@code selectionNanos}
     * (null: not timed).
     */
    public static Evaluation evaluate(Agent agent, String envId, int episodes, long seedBase,
                                      LongConsumer selectionNanos) {
        Env evalEnv = Envs.make(envId, agent.config().envOptions());
        double[] returns = new double[episodes];
        for (int e = 0; e < episodes; e++) {
            double[] o = evalEnv.reset(seedBase + e);
            double total = 0;
            while (true) {
                long t0 = selectionNanos == null ? 0 : System.nanoTime();
                int a = agent.act(o, false);
                if (selectionNanos != null) {
                    selectionNanos.accept(System.nanoTime() - t0);
                }
                Step s = evalEnv.step(agent.actions().envAction(a));
                total += s.reward();
                o = s.observation();
                if (s.done()) {
                    break;
                }
            }
            returns[e] = total;
        }
        return Evaluation.of(returns);
    }

    /** The seed base of the greedy evaluation episodes of a run seeded {@code runSeed} (episode i: base + i). */
    public static long evalSeedBase(long runSeed) {
        return Seeds.derive(runSeed, "eval-env");
    }

    /**
     * The live diagnostics: the last update's TD error, Q range and actor gradient norm, the
     * Wolpertinger step's figures over the last {@link Frame#RECENT_STEPS} scored steps, the
     * noise scale and the warning in force. (Not part of a snapshot: a resumed run measures them afresh.)
     */
    public Diagnostics diagnostics() {
        return diagnostics.live(agent.gamma(), agent.noiseScale());
    }

    /**
     * The finished episodes' records, oldest first, with those of the run it was resumed from: the
     * last {@link #HISTORY_LIMIT} (a copy).
     */
    public List<EpisodeRecord> history() {
        return List.copyOf(history);
    }

    /**
     * Puts the records of the episodes before a resume back (a snapshot's {@code metrics.csv}),
     * before the first {@link #step()}: consecutive episodes, those up to {@link #episodes()} kept
     * (later ones belong to the run the snapshot was cut from), at most the last {@link #HISTORY_LIMIT}.
     *
     * @throws IllegalArgumentException if the records are not consecutive episodes in order
     */
    public void restoreHistory(List<EpisodeRecord> records) {
        if (!history.isEmpty()) {
            throw new IllegalStateException("the history is restored once, before the first episode ends");
        }
        for (EpisodeRecord r : records) {
            if (r.episode() > episodes) {
                break;
            }
            if (r.episode() < 1 || (!history.isEmpty() && r.episode() != history.peekLast().episode() + 1)) {
                throw new IllegalArgumentException("metrics rows must be consecutive episodes in order; got episode "
                        + r.episode() + (history.isEmpty() ? " first" : " after " + history.peekLast().episode()));
            }
            history.addLast(r);
            if (history.size() > HISTORY_LIMIT) {
                history.removeFirst();
            }
        }
    }

    /** The configuration this run was built from. */
    public WolpertingerConfig config() {
        return config;
    }

    /** The agent (training thread only). */
    public Agent agent() {
        return agent;
    }

    /**
     * The agent as a Wolpertinger agent, for what only Wolpertinger has (k ratio, target mode,
     * actor and critic, snapshots).
     *
     * @throws IllegalStateException if this run trains another algorithm
     */
    public WolpertingerAgent wolpertinger() {
        if (agent instanceof WolpertingerAgent w) {
            return w;
        }
        throw new IllegalStateException("this run trains " + agent.name()
                + "; this needs a Wolpertinger run (agent wolpertinger)");
    }

    /** The training env (training thread only). */
    public Env env() {
        return env;
    }

    /** Current observation (training thread only). */
    public double[] observation() {
        return obs;
    }

    /** The last env step's result, or null before the first step. */
    public Step lastStep() {
        return lastStep;
    }

    /** The last acted action index, or -1 before the first step. */
    public int lastAction() {
        return lastAction;
    }

    /** Env steps taken. */
    public long steps() {
        return steps;
    }

    /** Finished episodes. */
    public int episodes() {
        return episodes;
    }

    /** Return accumulated so far in the running episode. */
    public double episodeReturn() {
        return episodeReturn;
    }

    /** Seconds since the run was created. */
    public double wallSeconds() {
        return wallOffsetSeconds + (System.nanoTime() - startNanos) / 1e9;
    }
}
