package lab.wolpertinger.agent;

import java.util.OptionalDouble;
import lab.wolpertinger.knn.ActionSet;
import lab.wolpertinger.knn.Searches;
import lab.wolpertinger.nn.ActorNet;
import lab.wolpertinger.nn.Adam;
import lab.wolpertinger.nn.CriticNet;
import lab.wolpertinger.nn.Nd4jRuntime;
import lab.wolpertinger.random.SplitMix64;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A Wolpertinger-DDPG agent: actor, critic, their targets, Adam optimisers, replay buffer,
 * exploration noise and the Wolpertinger action selection.
 *
 * <p>Owned by one thread (the training thread): it holds ND4J arrays and scratch buffers.
 * Parameter changes ({@link #setKRatio}, {@link #setTau}, ...) are meant to be applied between
 * steps by that thread.
 *
 * <p>Every random source derives from {@code config.seed()}: network initialisation, warm-up
 * actions, exploration noise and replay sampling.
 */
public final class WolpertingerAgent implements Agent {
    private final WolpertingerConfig config;
    private final ActionSet actions;
    private final int obsDim;
    private final int actionDim;

    private final ActorNet actor;
    private final ActorNet actorTarget;
    private final CriticNet critic;
    private final CriticNet criticTarget;
    private final Adam actorAdam;
    private final Adam criticAdam;
    private final ReplayBuffer buffer;
    private WolpertingerPolicy policy;
    private final CriticTargets criticTargets;
    private String search;
    private final ExplorationNoise noise;
    private SplitMix64 actionRng;
    private SplitMix64 replayRng;

    private double kRatio;
    private double tau;
    private double gamma;
    private int batchSize;
    private NoiseSchedule noiseSchedule;
    private boolean protoTarget;

    private long steps;
    private long updates;

    // Single-state scratch (acting).
    private final INDArray obs1;
    private final float[] obs1Floats;
    private final float[] base1;
    private final double[] protoAction;
    private final double[] noisyProtoAction;
    private final double[] noiseSample;
    private final double[] embedding;
    private boolean lastExplored;
    private double lastQ;

    // Batch scratch (learning), reallocated only when the batch size changes.
    private Batch batch;

    private double lastCriticLoss = Double.NaN;
    private double lastActorQ = Double.NaN;
    // Diagnostics of the last update, by-products of its loops (no extra pass over the batch).
    private double lastTdError = Double.NaN;
    private double lastQMin = Double.NaN;
    private double lastQMax = Double.NaN;
    private double lastActorGradNorm = Double.NaN;

    /** A fresh agent for an env with {@code obsDim}-dimensional observations acting in {@code actions}. */
    public WolpertingerAgent(WolpertingerConfig config, int obsDim, ActionSet actions) {
        MemoryCheck.check(config, obsDim, actions.dim(), Nd4jRuntime.physicalMemoryBytes(), Runtime.getRuntime().maxMemory());
        Nd4jRuntime.init();
        this.config = config;
        this.actions = actions;
        this.obsDim = obsDim;
        this.actionDim = actions.dim();
        long seed = config.seed();
        long actorSeed = Seeds.derive(seed, "actor");
        long criticSeed = Seeds.derive(seed, "critic");
        this.actionRng = new SplitMix64(Seeds.derive(seed, "warmup-actions"));
        this.replayRng = new SplitMix64(Seeds.derive(seed, "replay"));
        SplitMix64 noiseRng = new SplitMix64(Seeds.derive(seed, "noise"));

        actor = new ActorNet(obsDim, actionDim, config.hidden1(), config.hidden2(), actorSeed);
        actorTarget = new ActorNet(obsDim, actionDim, config.hidden1(), config.hidden2(), actorSeed);
        actorTarget.copyParamsFrom(actor);
        critic = new CriticNet(obsDim, actionDim, config.hidden1(), config.hidden2(), criticSeed);
        criticTarget = new CriticNet(obsDim, actionDim, config.hidden1(), config.hidden2(), criticSeed);
        criticTarget.copyParamsFrom(critic);
        critic.refreshHead();
        criticTarget.refreshHead();
        actorAdam = new Adam(actor.params(), actor.gradients(), config.actorLr(), config.actorWeightDecay());
        criticAdam = new Adam(critic.params(), critic.gradients(), config.criticLr(), config.criticWeightDecay());
        criticAdam.keepUndo(); // an actor step that diverges takes the critic's step of the same update back
        actorAdam.measureGradientNorm(); // a diagnostic, measured in the finiteness check's pass

        buffer = new ReplayBuffer(config.bufferCapacity(), obsDim, actionDim);
        kRatio = config.kRatio();
        int k = WolpertingerConfig.k(actions.size(), kRatio);
        search = config.search();
        policy = new WolpertingerPolicy(actions, Searches.of(actions, search), k);
        criticTargets = new CriticTargets(actorTarget, criticTarget, actionDim,
                new WolpertingerPolicy(actions, Searches.of(actions, search), k));
        noise = ExplorationNoise.create(config.noiseType(), actionDim, config.ouTheta(), config.ouSigma(),
                config.ouDt(), noiseRng);
        noiseSchedule = new NoiseSchedule(config.noiseScale(), config.noiseFinalScale(), config.noiseDecaySteps());
        tau = config.tau();
        gamma = config.gamma();
        batchSize = config.batchSize();
        protoTarget = WolpertingerConfig.TARGET_PROTO.equals(config.targetMode());

        obs1 = Nd4j.create(DataType.FLOAT, 1, obsDim);
        obs1Floats = new float[obsDim];
        base1 = new float[config.hidden2()];
        protoAction = new double[actionDim];
        noisyProtoAction = new double[actionDim];
        noiseSample = new double[actionDim];
        embedding = new double[actionDim];
    }

    /**
     * Chooses an action index for {@code obs}. While exploring, the first {@code warmupSteps}
     * actions are uniformly random; after that the proto-action gets scaled noise (clipped to
     * [-1, 1]) before the Wolpertinger step. Greedy selection ({@code explore = false}) never adds noise.
     */
    @Override
    public int act(double[] obs, boolean explore) {
        if (explore && steps < config.warmupSteps()) {
            int index = actionRng.nextInt(actions.size());
            actions.embedding(index, protoAction);
            System.arraycopy(protoAction, 0, noisyProtoAction, 0, actionDim);
            lastExplored = true;
            lastQ = Double.NaN;
            return index;
        }
        actor.act(obs, protoAction);
        System.arraycopy(protoAction, 0, noisyProtoAction, 0, actionDim);
        lastExplored = explore;
        if (explore) {
            double scale = noiseSchedule.scale(Math.max(0, steps - config.warmupSteps()));
            noise.sample(noiseSample);
            for (int j = 0; j < actionDim; j++) {
                noisyProtoAction[j] = Math.max(-1.0, Math.min(1.0, protoAction[j] + scale * noiseSample[j]));
            }
        }
        for (int j = 0; j < obsDim; j++) {
            obs1Floats[j] = (float) obs[j];
        }
        Nd4jRuntime.copyInto(obs1Floats, obs1);
        critic.splitBase(obs1, base1);
        int index = policy.select(critic, base1, 0, noisyProtoAction);
        lastQ = policy.lastQ(); // not qValues(): that would score all k candidates
        return index;
    }

    /**
     * Records a transition and, after warm-up (and once the buffer holds a batch), performs one
     * DDPG update. {@code terminated} must be the env's terminated flag only: a time-limit
     * truncation is not terminal and is bootstrapped through.
     */
    public void observe(double[] obs, int actionIndex, double reward, double[] nextObs, boolean terminated) {
        actions.embedding(actionIndex, embedding);
        buffer.add(obs, embedding, reward, nextObs, terminated);
        steps++;
        if (steps >= config.warmupSteps() && buffer.size() >= batchSize) {
            update();
        }
    }

    /** As {@link #observe(double[], int, double, double[], boolean)}: a truncation bootstraps like any step. */
    @Override
    public void observe(double[] obs, int actionIndex, double reward, double[] nextObs, boolean terminated,
                        boolean truncated) {
        observe(obs, actionIndex, reward, nextObs, terminated);
    }

    /** Starts a new episode for the exploration noise (OU restarts at 0). */
    @Override
    public void episodeStart() {
        noise.reset();
    }

    /**
     * One DDPG update on a replay mini-batch (Lillicrap et al. 2015 with the Wolpertinger target):
     * <pre>
     *   a'_i = argmax over the k nearest actions of mu'(s'_i) of Q'(s'_i, a)   (each next state against its own candidates)
     *   y_i  = r_i + gamma * (1 - terminated_i) * Q'(s'_i, a'_i)
     *   critic: minimise mean_i (Q(s_i, a_i) - y_i)^2
     *   actor:  maximise mean_i Q(s_i, mu(s_i))          (raw proto-action, no kNN)
     *   targets: theta' = tau * theta + (1 - tau) * theta'
     * </pre>
     *
     * @throws DivergedException if a target, a Q value, the loss or a gradient is not finite; the
     *         networks and optimisers are then as they were before this update
     */
    public void update() {
        Batch b = batchFor(batchSize);
        buffer.sample(replayRng, b.size, b.s, b.a, b.r, b.s2, b.notTerminal);
        Nd4jRuntime.copyInto(b.s, b.obs);
        Nd4jRuntime.copyInto(b.a, b.act);
        criticTargets.compute(b, gamma, protoTarget);
        requireFinite("target y", b.y, b.size);

        // Critic: gradient of mean squared error, dL/dQ_i = 2 (Q_i - y_i) / B.
        INDArray q = critic.forward(b.obs, b.act);
        Nd4jRuntime.copyOut(q, b.q);
        requireFinite("Q value", b.q, b.size);
        double loss = 0;
        double absErr = 0;
        double qMin = Double.POSITIVE_INFINITY;
        double qMax = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < b.size; i++) {
            double err = b.q[i] - b.y[i]; // -delta_i, the TD error's negative
            loss += err * err;
            absErr += Math.abs(err);
            qMin = Math.min(qMin, b.q[i]);
            qMax = Math.max(qMax, b.q[i]);
            b.grad[i] = (float) (2.0 * err / b.size);
        }
        Nd4jRuntime.copyInto(b.grad, b.gradQ);
        critic.backward(b.gradQ);
        requireFinite("critic loss", loss / b.size);
        requireFinite("critic gradient", criticAdam);
        criticAdam.step();

        // Actor: ascend Q(s, mu(s)), i.e. descend -mean Q; dL/dQ_i = -1 / B, chained through the action input.
        INDArray mu = actor.forward(b.obs);
        INDArray qMu = critic.forward(b.obs, mu);
        Nd4jRuntime.copyOut(qMu, b.q);
        double meanQ = 0;
        try {
            requireFinite("Q value", b.q, b.size);
        } catch (DivergedException e) {
            undoCriticStep();
            throw e;
        }
        for (int i = 0; i < b.size; i++) {
            meanQ += b.q[i];
            b.grad[i] = (float) (-1.0 / b.size);
        }
        Nd4jRuntime.copyInto(b.grad, b.gradQ);
        INDArray dAction = critic.backward(b.gradQ);
        actor.backward(dAction);
        try {
            requireFinite("actor gradient", actorAdam);
        } catch (DivergedException e) {
            undoCriticStep();
            throw e;
        }
        actorAdam.step();

        actorTarget.softUpdateFrom(actor, tau);
        criticTarget.softUpdateFrom(critic, tau);
        critic.refreshHead();
        criticTarget.refreshHead();

        lastCriticLoss = loss / b.size;
        lastActorQ = meanQ / b.size;
        lastTdError = absErr / b.size;
        lastQMin = qMin;
        lastQMax = qMax;
        lastActorGradNorm = actorAdam.checkedGradientNorm(); // computed by the finiteness check above
        updates++;
    }

    private void requireFinite(String quantity, double value) {
        DivergedException.requireFinite(steps, quantity, value);
    }

    private void requireFinite(String quantity, double[] values, int n) {
        for (int i = 0; i < n; i++) {
            requireFinite(quantity, values[i]);
        }
    }

    private void requireFinite(String quantity, float[] values, int n) {
        for (int i = 0; i < n; i++) {
            requireFinite(quantity, values[i]);
        }
    }

    private void requireFinite(String quantity, Adam adam) {
        OptionalDouble bad = adam.nonFiniteGradient();
        if (bad.isPresent()) {
            throw new DivergedException(steps, quantity, bad.getAsDouble());
        }
    }

    /** The critic was stepped in this update, the actor's half diverged: the whole update is taken back. */
    private void undoCriticStep() {
        criticAdam.undoStep();
        critic.refreshHead();
    }

    /** The critic targets for given next states, rewards and not-terminal flags (for tests). */
    double[] targets(float[] nextObs, float[] rewards, float[] notTerminal, int size) {
        Batch b = new Batch(size, obsDim, actionDim, criticTarget.hidden2());
        System.arraycopy(nextObs, 0, b.s2, 0, size * obsDim);
        System.arraycopy(rewards, 0, b.r, 0, size);
        System.arraycopy(notTerminal, 0, b.notTerminal, 0, size);
        criticTargets.compute(b, gamma, protoTarget);
        return b.y.clone();
    }

    private Batch batchFor(int size) {
        if (batch == null || batch.size != size) {
            batch = new Batch(size, obsDim, actionDim, criticTarget.hidden2());
        }
        return batch;
    }

    // ---- live parameters (apply between steps, on the training thread) ----

    /** Changes the k ratio; k = max(1, floor(N * kRatio)) for acting and for targets. */
    public void setKRatio(double ratio) {
        if (!(ratio > 0 && ratio <= 1)) {
            throw new IllegalArgumentException("kRatio must be in (0, 1], got " + ratio);
        }
        kRatio = ratio;
        int k = WolpertingerConfig.k(actions.size(), ratio);
        policy.setK(k);
        criticTargets.policy().setK(k);
    }

    /** Changes the soft target update rate. */
    public void setTau(double newTau) {
        if (!(newTau > 0 && newTau <= 1)) {
            throw new IllegalArgumentException("tau must be in (0, 1], got " + newTau);
        }
        tau = newTau;
    }

    /** Changes the discount factor. */
    public void setGamma(double newGamma) {
        if (!(newGamma >= 0 && newGamma <= 1)) {
            throw new IllegalArgumentException("gamma must be in [0, 1], got " + newGamma);
        }
        gamma = newGamma;
    }

    /** Changes the mini-batch size (at least 1). */
    public void setBatchSize(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("batchSize must be >= 1, got " + size);
        }
        batchSize = size;
    }

    /** Changes the critic-target mode: {@code wolpertinger} or {@code proto} (see {@link WolpertingerConfig}). */
    public void setTargetMode(String mode) {
        protoTarget = WolpertingerConfig.TARGET_PROTO.equals(WolpertingerConfig.checkTargetMode(mode));
    }

    /**
     * Switches the neighbour search of acting and of the critic's targets (they always use the
     * same): {@code exact} or {@code approx}. An approximate index is built on first use (seconds
     * to minutes at large N, on the calling thread) and kept by the action set.
     *
     * @throws IllegalArgumentException if {@code mode} is neither
     */
    public void setSearch(String mode) {
        String s = WolpertingerConfig.checkSearch(mode);
        if (s.equals(search)) {
            return;
        }
        int k = policy.k();
        policy = new WolpertingerPolicy(actions, Searches.of(actions, s), k);
        criticTargets.setPolicy(new WolpertingerPolicy(actions, Searches.of(actions, s), k));
        search = s;
    }

    /** The live neighbour search, {@code exact} or {@code approx}. */
    public String search() {
        return search;
    }

    /** The live critic-target mode, {@code wolpertinger} or {@code proto}. */
    public String targetMode() {
        return protoTarget ? WolpertingerConfig.TARGET_PROTO : WolpertingerConfig.TARGET_WOLPERTINGER;
    }

    /** Replaces the noise schedule by a constant multiplier. */
    public void setNoiseScale(double scale) {
        noiseSchedule = new NoiseSchedule(scale, scale, 0);
    }

    /** Changes the actor's learning rate. */
    public void setActorLr(double lr) {
        actorAdam.setLearningRate(lr);
    }

    /** Changes the critic's learning rate. */
    public void setCriticLr(double lr) {
        criticAdam.setLearningRate(lr);
    }

    // ---- snapshots (training thread) ----

    /** The counters, live parameters and random generator states, for a snapshot. */
    public AgentState state() {
        return new AgentState(steps, updates, kRatio, tau, gamma, batchSize, noiseSchedule,
                actorAdam.learningRate(), criticAdam.learningRate(), actionRng.state(), replayRng.state(),
                noise.state(), actorTarget.softUpdateCount(), criticTarget.softUpdateCount(),
                lastCriticLoss, lastActorQ, targetMode(), search);
    }

    /**
     * Continues from {@code state}. Load the tensors first (net parameters, Adam moments, replay
     * rows): this refreshes the critics' cached scoring heads from the loaded weights.
     *
     * @throws IllegalArgumentException if a value is out of range for this agent
     */
    public void restore(AgentState state) {
        if (state.steps() < 0 || state.updates() < 0 || state.actorTargetSoftUpdates() < 0
                || state.criticTargetSoftUpdates() < 0) {
            throw new IllegalArgumentException("agent counters must be >= 0");
        }
        setKRatio(state.kRatio());
        setTau(state.tau());
        setGamma(state.gamma());
        setBatchSize(state.batchSize());
        setActorLr(state.actorLr());
        setCriticLr(state.criticLr());
        setTargetMode(state.targetMode());
        setSearch(state.search());
        noiseSchedule = state.noiseSchedule();
        noise.restore(state.noise());
        actionRng = SplitMix64.of(state.actionRng());
        replayRng = SplitMix64.of(state.replayRng());
        steps = state.steps();
        updates = state.updates();
        actorTarget.setSoftUpdateCount(state.actorTargetSoftUpdates());
        criticTarget.setSoftUpdateCount(state.criticTargetSoftUpdates());
        lastCriticLoss = state.lastCriticLoss();
        lastActorQ = state.lastActorQ();
        critic.refreshHead();
        criticTarget.refreshHead();
    }

    /** The actor's Adam (moments and step count for snapshots). */
    public Adam actorAdam() {
        return actorAdam;
    }

    /** The critic's Adam (moments and step count for snapshots). */
    public Adam criticAdam() {
        return criticAdam;
    }

    /** The current noise multiplier schedule (replaced by {@link #setNoiseScale}). */
    public NoiseSchedule noiseSchedule() {
        return noiseSchedule;
    }

    // ---- read access (training thread) ----

    /** {@value Agent#WOLPERTINGER}. */
    @Override
    public String name() {
        return WOLPERTINGER;
    }

    /** The configuration the agent was created with (live changes are not reflected here). */
    @Override
    public WolpertingerConfig config() {
        return config;
    }

    /** The action set. */
    @Override
    public ActionSet actions() {
        return actions;
    }

    /** Current k. */
    @Override
    public int k() {
        return policy.k();
    }

    /** Current k ratio. */
    public double kRatio() {
        return kRatio;
    }

    /** Current tau. */
    public double tau() {
        return tau;
    }

    /** Current gamma. */
    public double gamma() {
        return gamma;
    }

    /** Current batch size. */
    public int batchSize() {
        return batchSize;
    }

    /** Current noise multiplier. */
    @Override
    public double noiseScale() {
        return noiseSchedule.scale(Math.max(0, steps - config.warmupSteps()));
    }

    /** Env steps observed so far. */
    @Override
    public long steps() {
        return steps;
    }

    /** DDPG updates performed so far. */
    @Override
    public long updates() {
        return updates;
    }

    /** Critic MSE of the last update (NaN before the first). */
    @Override
    public double lastCriticLoss() {
        return lastCriticLoss;
    }

    /** Mean Q(s, mu(s)) of the last update's batch (NaN before the first). */
    @Override
    public double lastActorQ() {
        return lastActorQ;
    }

    /**
     * Mean |delta_i| = mean_i |r_i + gamma (1 - terminated_i) Q'(s'_i, a'_i) - Q(s_i, a_i)| of the
     * last update's batch, Q before that update's critic step (NaN before the first update).
     */
    public double lastTdError() {
        return lastTdError;
    }

    /** Smallest critic value Q(s_i, a_i) over the last update's batch, before its step (NaN before the first). */
    public double lastQMin() {
        return lastQMin;
    }

    /** Largest critic value Q(s_i, a_i) over the last update's batch, before its step (NaN before the first). */
    public double lastQMax() {
        return lastQMax;
    }

    /** ||d(-mean_i Q(s_i, mu(s_i)))/d theta_actor||_2 of the last update, weight decay included (NaN before the first). */
    public double lastActorGradNorm() {
        return lastActorGradNorm;
    }

    /** Proto-action of the last {@link #act} call (scratch, do not keep). */
    public double[] lastProtoAction() {
        return protoAction;
    }

    /** Proto-action after noise and clipping of the last {@link #act} call (scratch). */
    public double[] lastNoisyProtoAction() {
        return noisyProtoAction;
    }

    /** Whether the last {@link #act} explored (warm-up or noise). */
    public boolean lastExplored() {
        return lastExplored;
    }

    /** Critic value of the last chosen action (NaN during warm-up). */
    @Override
    public double lastQ() {
        return lastQ;
    }

    /** The acting policy (its neighbours and Q values describe the last {@link #act}). */
    public WolpertingerPolicy policy() {
        return policy;
    }

    /** The online actor. */
    public ActorNet actor() {
        return actor;
    }

    /** The online critic. */
    public CriticNet critic() {
        return critic;
    }

    /** The target actor. */
    public ActorNet actorTarget() {
        return actorTarget;
    }

    /** The target critic. */
    public CriticNet criticTarget() {
        return criticTarget;
    }

    /** The replay buffer. */
    public ReplayBuffer buffer() {
        return buffer;
    }
}
