package lab.wolpertinger.agent.acer;

import java.lang.ref.Cleaner;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.Locale;
import lab.wolpertinger.agent.Agent;
import lab.wolpertinger.agent.DivergedException;
import lab.wolpertinger.agent.Seeds;
import lab.wolpertinger.agent.WolpertingerConfig;
import lab.wolpertinger.knn.ActionSet;
import lab.wolpertinger.nn.Adam;
import lab.wolpertinger.nn.Nd4jRuntime;
import lab.wolpertinger.nn.PolicyQNet;
import lab.wolpertinger.random.SplitMix64;

/**
 * ACER for discrete actions (Wang et al. 2017, "Sample Efficient Actor-Critic with Experience
 * Replay"), as REACTOR-torch runs it with one worker: a softmax policy pi(a|x) and Q(x, a) over all
 * N actions, so every step costs O(N), which is what Wolpertinger avoids.
 *
 * <p><b>Network.</b> One {@link PolicyQNet}: a shared two-layer torso (hidden1, hidden2) with a policy
 * head and a Q head, as in the paper and REACTOR-torch. Shared because both heads need the same
 * features of x and the Q head's dense regression signal shapes the torso the policy reads; one
 * optimiser (Adam, lr) steps both. An average policy network theta_avg (same shape; only its policy
 * head's output is used) follows theta_avg = alpha theta_avg + (1 - alpha) theta after every update.
 *
 * <p><b>Learning.</b> The agent acts by sampling pi and records each step with the whole mu(.|x) it
 * sampled from. A trace ends after {@code traceLength} steps or at the episode's end (0: whole
 * episodes, REACTOR-torch's full traces). Then: one on-policy update on it (rho = 1), it is stored in
 * the {@link TrajectoryBuffer}, and K ~ Poisson(replayRatio) off-policy updates each replay one
 * uniformly drawn stored trajectory (Poisson as in REACTOR-torch: the mean is replayRatio, the count
 * random). An update runs {@link Retrace} along the trajectory backwards for the Q targets, then sums
 * every state's {@link AcerGradient} (truncated importance weights with c, bias correction, entropy
 * bonus, trust region), clips the summed gradient to L2 norm maxGradNorm and takes one Adam step.
 *
 * <p>Owned by one thread. Every random source derives from the run seed: the network's
 * initialisation ("acer-net"), the sampled actions ("acer-actions") and replay ("acer-replay": the
 * Poisson counts and the drawn trajectories).
 */
public final class AcerAgent implements Agent {
    private static final int CHUNK = PolicyQNet.CHUNK;
    /** Stops an unreachable agent's worker threads (a lab that resets a run drops its agent). */
    private static final Cleaner CLEANER = Cleaner.create();

    private final WolpertingerConfig config;
    private final ActionSet actions;
    private final int obsDim;
    private final int n;
    private final PolicyQNet net;
    private final PolicyQNet average;
    private final Adam adam;
    private final TrajectoryBuffer buffer;
    private final AcerGradient gradient;
    private SplitMix64 actionRng;
    private SplitMix64 replayRng;
    private double gamma;
    private double replayRatio;
    private double averageDecay;
    private final double maxGradNorm;
    private final int traceLength;

    private long steps;
    private long updates;
    private double lastCriticLoss = Double.NaN;
    private double lastActorQ = Double.NaN;
    private double lastGradNorm = Double.NaN;
    private double lastQ = Double.NaN;

    // worker 0's acting (its last outputs are kept for frames until the next act) and learning
    private final AcerActing acting;
    private final AcerLearner learner;
    private int lastSampled = -1;
    private int lastChosen = -1;

    // the trace being recorded, and the traces (this worker's and the others') that ended in the step observed
    private final TraceRecorder trace;
    private final List<AcerWorkers.Ended> ended = new ArrayList<>();

    // workers 1 .. W-1 (null for one worker), and the shared networks' version: updates applied so far this session
    private final AcerWorkers workers;
    private long version;

    /** A fresh agent for {@code obsDim}-dimensional observations choosing among {@code actions}. */
    public AcerAgent(WolpertingerConfig config, int obsDim, ActionSet actions) {
        checkMemory(config, obsDim, actions.size(), Nd4jRuntime.physicalMemoryBytes());
        Nd4jRuntime.init();
        this.config = config;
        this.actions = actions;
        this.obsDim = obsDim;
        this.n = actions.size();
        long seed = config.seed();
        net = new PolicyQNet(obsDim, n, config.hidden1(), config.hidden2(), Seeds.derive(seed, "acer-net"));
        average = new PolicyQNet(obsDim, n, config.hidden1(), config.hidden2(), Seeds.derive(seed, "acer-net"));
        average.copyParamsFrom(net);
        adam = new Adam(net.params(), net.gradients(), config.lr(), 0.0);
        buffer = new TrajectoryBuffer(config.trajectoryCapacity(), (long) (0.8 * Runtime.getRuntime().maxMemory()));
        gradient = new AcerGradient(n, config.c(), config.entropyWeight(), config.trustRegion(), config.delta(),
                WolpertingerConfig.BETA_LOO.equals(config.policyGradient()));
        actionRng = new SplitMix64(Seeds.derive(seed, "acer-actions"));
        replayRng = new SplitMix64(Seeds.derive(seed, "acer-replay"));
        gamma = config.gamma();
        replayRatio = config.replayRatio();
        averageDecay = config.averageDecay();
        maxGradNorm = config.maxGradNorm();
        traceLength = config.traceLength();

        acting = new AcerActing(obsDim, n);
        learner = new AcerLearner(net, average, gradient, config.trustRegion(), maxGradNorm);
        trace = new TraceRecorder(obsDim, n);
        if (config.workers() > 1) {
            workers = new AcerWorkers(config, actions, net, average);
            CLEANER.register(this, AcerWorkers.shutdownOf(workers));
        } else {
            workers = null;
        }
    }

    /**
     * Refuses, before allocating, a network that cannot fit: six float32 copies of the parameters
     * (online and average params and gradients, Adam's two moments; the heads are 2 N hidden2) and
     * about 24 chunks of N floats of work (the nets' batch arrays at every row count and the
     * agent's chunk copies), at most half the machine's memory.
     *
     * @throws IllegalArgumentException naming the settings that do not fit
     */
    static void checkMemory(WolpertingerConfig c, int obsDim, int n, long physicalBytes) {
        double params = PolicyQNet.parameterCount(obsDim, n, c.hidden1(), c.hidden2());
        // each extra worker adds its copies of both networks (params and gradients) and its own work arrays
        int extra = Math.max(0, c.workers() - 1);
        double bytes = ((6 + 4.0 * extra) * params + 24.0 * CHUNK * n * (1 + extra)) * Float.BYTES;
        if (physicalBytes > 0 && bytes > physicalBytes / 2.0) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "ACER with N = %,d, hidden1 = %d, hidden2 = %d, %d worker(s) needs about %.1f GB (%,.0f parameters, "
                            + "%d float32 copies); this machine has %.1f GB. Use fewer actions, workers or smaller layers.",
                    n, c.hidden1(), c.hidden2(), c.workers(), bytes / 1e9, params, 6 + 4 * extra,
                    physicalBytes / 1e9));
        }
    }

    /** {@value Agent#ACER}. */
    @Override
    public String name() {
        return ACER;
    }

    /**
     * Exploring: a sample from pi(.|obs), remembered with pi as the behaviour policy mu for
     * {@link #observe}. Greedy: argmax pi (the largest logit, ties to the lowest index).
     */
    @Override
    public int act(double[] obs, boolean explore) {
        if (explore && workers != null) {
            workers.startStep(version); // the other workers act and step their envs while this thread does
        }
        int chosen = acting.act(net, obs, explore, actionRng);
        if (explore) {
            lastSampled = chosen;
        }
        lastQ = acting.q[chosen];
        lastChosen = chosen;
        return chosen;
    }

    /**
     * Records the step; at the end of a trace (traceLength steps, or the episode's end) learns:
     * an on-policy update on the trace, then it is stored and Poisson(replayRatio) stored
     * trajectories are replayed.
     *
     * @throws IllegalStateException if {@code action} is not the last exploring {@link #act}'s sample
     */
    @Override
    public void observe(double[] obs, int action, double reward, double[] nextObs, boolean terminated,
                        boolean truncated) {
        if (action != lastSampled) {
            throw new IllegalStateException("ACER observes only the action its last exploring act sampled ("
                    + lastSampled + "), got " + action);
        }
        trace.add(obs, action, reward, acting.mu);
        lastSampled = -1;
        steps++;
        ended.clear(); // reused: most steps end no trace, and a step allocates nothing then
        if (terminated || truncated || (traceLength > 0 && trace.length() >= traceLength)) {
            ended.add(new AcerWorkers.Ended(0, trace.finish(nextObs, terminated)));
        }
        if (workers != null) {
            workers.finishStep(ended);
        }
        if (ended.isEmpty()) {
            return;
        }
        List<Trajectory> finished = new ArrayList<>(ended.size());
        for (AcerWorkers.Ended e : ended) {
            finished.add(e.trajectory());
        }
        learnInRounds(finished, true);
        finished.forEach(buffer::add);
        // each finished trace brings Poisson(replayRatio) replays, drawn with its worker's generator
        List<Trajectory> replays = new ArrayList<>();
        for (AcerWorkers.Ended e : ended) {
            SplitMix64 rng = replayRng(e.worker());
            for (int i = poisson(replayRatio, rng); i > 0; i--) {
                replays.add(buffer.sample(rng));
            }
        }
        learnInRounds(replays, false);
    }

    private SplitMix64 replayRng(int worker) {
        return worker == 0 ? replayRng : workers.replayRng(worker);
    }

    /** An episode starts: the previous one's trace was finished at its last step. */
    @Override
    public void episodeStart() {
        trace.clear();
    }

    /** Knuth's method: count uniform draws until their product falls below e^-lambda. */
    private static int poisson(double lambda, SplitMix64 rng) {
        if (lambda <= 0) {
            return 0;
        }
        double limit = Math.exp(-lambda);
        int k = 0;
        double p = rng.nextDouble();
        while (p > limit) {
            k++;
            p *= rng.nextDouble();
        }
        return k;
    }

    /**
     * One ACER update on trajectory {@code t} by worker 0: Retrace targets, the summed per-state
     * gradient, clipping, an Adam step and the average network's update.
     *
     * @throws DivergedException if a target, the loss or the gradient is not finite (nothing was stepped)
     */
    void learn(Trajectory t, boolean onPolicy) {
        learnRound(List.of(t), onPolicy);
    }

    /** Updates from {@code all}, in order, W at a time (one round per W: see {@link #learnRound}). */
    private void learnInRounds(List<Trajectory> all, boolean onPolicy) {
        int w = workers();
        for (int start = 0; start < all.size(); start += w) {
            learnRound(all.subList(start, Math.min(all.size(), start + w)), onPolicy);
        }
    }

    /**
     * One update per trajectory of {@code round} (at most W): every gradient computed from the same
     * shared parameters, the i-th by worker i on its own thread (worker 0 on this one, on the shared
     * networks), then applied one after the other in that order (the Adam step on the shared
     * network, the average network's update). Nothing is applied if one of them diverged.
     */
    private void learnRound(List<Trajectory> round, boolean onPolicy) {
        List<Future<AcerLearner.Update>> others = new ArrayList<>();
        for (int i = 1; i < round.size(); i++) {
            others.add(workers.compute(i, round.get(i), onPolicy, gamma, steps, version));
        }
        AcerLearner.Update own = null;
        RuntimeException failure = null;
        try {
            own = learner.compute(round.get(0), onPolicy, gamma, steps);
        } catch (RuntimeException e) {
            failure = e;
        }
        List<AcerLearner.Update> computed = new ArrayList<>();
        computed.add(own);
        for (Future<AcerLearner.Update> f : others) {
            try {
                computed.add(AcerWorkers.join(f)); // every worker is joined before the shared parameters change
            } catch (RuntimeException e) {
                failure = failure == null ? e : failure;
            }
        }
        if (failure != null) {
            throw failure;
        }
        for (int i = 0; i < computed.size(); i++) {
            if (i > 0) {
                net.copyGradientsFrom(workers.learner(i).net());
            }
            adam.step();
            average.softUpdateFrom(net, 1.0 - averageDecay);
            version++;
            AcerLearner.Update u = computed.get(i);
            lastCriticLoss = u.criticLoss();
            lastActorQ = u.actorQ();
            lastGradNorm = u.gradNorm();
            updates++;
        }
    }

    // ---- live parameters (training thread, between steps) ----

    /** Changes Adam's learning rate. */
    public void setLr(double lr) {
        if (!(lr > 0) || Double.isInfinite(lr)) {
            throw new IllegalArgumentException("lr must be a finite number > 0, got " + lr);
        }
        adam.setLearningRate(lr);
    }

    /** Changes the mean number of replays per on-policy update. */
    public void setReplayRatio(double ratio) {
        if (!(ratio >= 0) || Double.isInfinite(ratio)) {
            throw new IllegalArgumentException("replayRatio must be a finite number >= 0, got " + ratio);
        }
        replayRatio = ratio;
    }

    /** Changes the entropy weight. */
    public void setEntropyWeight(double weight) {
        gradient.setEntropyWeight(weight);
        if (workers != null) {
            workers.gradients().forEach(g -> g.setEntropyWeight(weight));
        }
    }

    /** Changes the trust region's delta. */
    public void setDelta(double delta) {
        gradient.setDelta(delta);
        if (workers != null) {
            workers.gradients().forEach(g -> g.setDelta(delta));
        }
    }

    /** Changes the importance-weight truncation c. */
    public void setC(double c) {
        gradient.setC(c);
        if (workers != null) {
            workers.gradients().forEach(g -> g.setC(c));
        }
    }

    /** Changes the discount factor. */
    public void setGamma(double newGamma) {
        if (!(newGamma >= 0 && newGamma <= 1)) {
            throw new IllegalArgumentException("gamma must be in [0, 1], got " + newGamma);
        }
        gamma = newGamma;
    }

    // ---- read access (training thread) ----

    @Override
    public WolpertingerConfig config() {
        return config;
    }

    @Override
    public ActionSet actions() {
        return actions;
    }

    @Override
    public long steps() {
        return steps;
    }

    @Override
    public long updates() {
        return updates;
    }

    /** Mean (Q^ret - Q(x_t, a_t))^2 over the last update's trajectory (NaN before the first). */
    @Override
    public double lastCriticLoss() {
        return lastCriticLoss;
    }

    /** Mean V(x_t) over the last update's trajectory (NaN before the first). */
    @Override
    public double lastActorQ() {
        return lastActorQ;
    }

    /** Q(x, a) of the last {@link #act}'s state and action. */
    @Override
    public double lastQ() {
        return lastQ;
    }

    /** N: every action is scored at every step. */
    @Override
    public int k() {
        return n;
    }

    /** 0: ACER explores by sampling its policy, not by noise. */
    @Override
    public double noiseScale() {
        return 0;
    }

    /** The gradient's L2 norm before clipping in the last update (NaN before the first). */
    public double lastGradNorm() {
        return lastGradNorm;
    }

    /** pi(.|x) over all N of the last {@link #act}'s state (scratch, do not keep). */
    public double[] lastPolicy() {
        return acting.pi;
    }

    /** The action the last {@link #act} chose (-1 before the first). */
    public int lastChosen() {
        return lastChosen;
    }

    /** Q(x, .) over all N of the last {@link #act}'s state (scratch, do not keep). */
    public float[] lastQValues() {
        return acting.q;
    }

    /** The online network. */
    public PolicyQNet net() {
        return net;
    }

    /** The average policy network. */
    public PolicyQNet averageNet() {
        return average;
    }

    /** Adam over the online network. */
    public Adam adam() {
        return adam;
    }

    /** The trajectory replay. */
    public TrajectoryBuffer buffer() {
        return buffer;
    }

    /** Live replay ratio. */
    public double replayRatio() {
        return replayRatio;
    }

    /** Live entropy weight. */
    public double entropyWeight() {
        return gradient.entropyWeight();
    }

    /** Live delta. */
    public double delta() {
        return gradient.delta();
    }

    /** Live c. */
    public double c() {
        return gradient.c();
    }

    /** Live gamma. */
    public double gamma() {
        return gamma;
    }

    /** The steps of the trace being recorded. */
    int traceSteps() {
        return trace.length();
    }

    // ---- snapshots (training thread) ----

    /** The counters, live parameters and random generator states, for a snapshot. */
    public AcerState state() {
        return new AcerState(steps, updates, adam.learningRate(), replayRatio, gradient.entropyWeight(),
                gradient.delta(), gradient.c(), gamma, actionRng.state(), replayRng.state(), average.softUpdateCount(),
                lastCriticLoss, lastActorQ);
    }

    /**
     * Continues from {@code state}. Load the tensors too (networks, Adam's moments, trace, replay).
     *
     * @throws IllegalArgumentException if a value is out of range
     */
    public void restore(AcerState state) {
        if (state.steps() < 0 || state.updates() < 0 || state.averageSoftUpdates() < 0) {
            throw new IllegalArgumentException("ACER counters must be >= 0");
        }
        setLr(state.lr());
        setReplayRatio(state.replayRatio());
        setEntropyWeight(state.entropyWeight());
        setDelta(state.delta());
        setC(state.c());
        setGamma(state.gamma());
        actionRng = SplitMix64.of(state.actionRng());
        replayRng = SplitMix64.of(state.replayRng());
        average.setSoftUpdateCount(state.averageSoftUpdates());
        steps = state.steps();
        updates = state.updates();
        lastCriticLoss = state.lastCriticLoss();
        lastActorQ = state.lastActorQ();
        lastSampled = -1;
    }

    /** Every worker's gradient settings, worker 0's first (the live parameters must reach them all). */
    List<AcerGradient> allGradients() {
        List<AcerGradient> all = new ArrayList<>(List.of(gradient));
        if (workers != null) {
            all.addAll(workers.gradients());
        }
        return all;
    }

    /** The number of workers (1: the training loop's thread alone). */
    public int workers() {
        return workers == null ? 1 : workers.size() + 1;
    }

    /** Workers 1 .. W-1's own states, in worker order (empty for one worker), for a snapshot. */
    public List<AcerWorkerState> workerStates() {
        return workers == null ? List.of() : workers.states();
    }

    /**
     * Continues workers 1 .. W-1 from {@code states} (from {@link #workerStates()}). Their network
     * copies follow the shared networks at their next step.
     *
     * @throws IllegalArgumentException if the count or a worker's arrays do not fit this run
     */
    public void restoreWorkers(List<AcerWorkerState> states) {
        if (workers == null) {
            if (!states.isEmpty()) {
                throw new IllegalArgumentException("the snapshot holds " + states.size() + " extra ACER workers, the run has none");
            }
            return;
        }
        workers.restore(states);
        version++; // the shared networks were just loaded: every copy syncs again
    }

    /**
     * The trace being recorded as a trajectory of its steps so far ({@code lastObs} empty, not
     * terminated), for a snapshot.
     */
    public Trajectory trace() {
        return trace.snapshot();
    }

    /**
     * Replaces the trace being recorded by {@code partial} (from {@link #trace()}).
     *
     * @throws IllegalArgumentException if its arrays do not fit this agent or it is not shorter than traceLength
     */
    public void restoreTrace(Trajectory partial) {
        int len = partial.length();
        if (len < 0 || partial.obs().length != len * obsDim || partial.actions().length != len
                || partial.rewards().length != len || partial.mu().length != (long) len * n) {
            throw new IllegalArgumentException("the trace's arrays do not hold " + len + " steps of obs " + obsDim
                    + " and " + n + " actions");
        }
        if (traceLength > 0 && len >= traceLength) {
            throw new IllegalArgumentException("a trace of " + len + " steps would have ended at traceLength "
                    + traceLength);
        }
        for (int a : partial.actions()) {
            if (a < 0 || a >= n) {
                throw new IllegalArgumentException("trace action " + a + " is not in [0, " + n + ")");
            }
        }
        trace.restore(partial);
    }
}
