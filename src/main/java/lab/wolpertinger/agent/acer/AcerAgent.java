package lab.wolpertinger.agent.acer;

import java.util.Arrays;
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

    // acting: the last act's outputs (kept for frames until the next act), and learning's single-state scratch
    private final float[] obs1;
    private final float[] actLogits;
    private final float[] actQ;
    private final double[] actPi;
    private final float[] logits1;
    private final float[] q1;
    private final double[] pi1;
    private final double[] logPi1;
    private final float[] lastMu;
    private int lastSampled = -1;
    private int lastChosen = -1;

    // the trace being recorded
    private final TraceRecorder trace;

    // update scratch: one chunk of rows, and per-step values of one trajectory (grown as needed)
    private final float[] chunkObs;
    private final float[] logits;
    private final float[] q;
    private final float[] avgLogits;
    private final float[] gradLogits;
    private final float[] gradQ;
    private double[] rewards = new double[0];
    private double[] qTaken = new double[0];
    private double[] values = new double[0];
    private double[] rhoTaken = new double[0];
    private double[] targets = new double[0];

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
        gradient = new AcerGradient(n, config.c(), config.entropyWeight(), config.trustRegion(), config.delta());
        actionRng = new SplitMix64(Seeds.derive(seed, "acer-actions"));
        replayRng = new SplitMix64(Seeds.derive(seed, "acer-replay"));
        gamma = config.gamma();
        replayRatio = config.replayRatio();
        averageDecay = config.averageDecay();
        maxGradNorm = config.maxGradNorm();
        traceLength = config.traceLength();

        obs1 = new float[obsDim];
        actLogits = new float[n];
        actQ = new float[n];
        actPi = new double[n];
        logits1 = new float[n];
        q1 = new float[n];
        pi1 = new double[n];
        logPi1 = new double[n];
        lastMu = new float[n];
        trace = new TraceRecorder(obsDim, n);
        chunkObs = new float[CHUNK * obsDim];
        logits = new float[CHUNK * n];
        q = new float[CHUNK * n];
        avgLogits = new float[CHUNK * n];
        gradLogits = new float[CHUNK * n];
        gradQ = new float[CHUNK * n];
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
        double bytes = (6 * params + 24.0 * CHUNK * n) * Float.BYTES;
        if (physicalBytes > 0 && bytes > physicalBytes / 2.0) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "ACER with N = %,d, hidden1 = %d, hidden2 = %d needs about %.1f GB (%,.0f parameters, six float32 "
                            + "copies); this machine has %.1f GB. Use fewer actions or smaller layers.",
                    n, c.hidden1(), c.hidden2(), bytes / 1e9, params, physicalBytes / 1e9));
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
        for (int j = 0; j < obsDim; j++) {
            obs1[j] = (float) obs[j];
        }
        net.forward(obs1, 1, true);
        net.logits(1, actLogits);
        net.q(1, actQ);
        AcerGradient.softmax(actLogits, 0, n, actPi, logPi1);
        int chosen;
        if (explore) {
            double u = actionRng.nextDouble();
            double cumulative = 0;
            chosen = n - 1; // u beyond the rounded total falls to the last action
            for (int a = 0; a < n; a++) {
                cumulative += actPi[a];
                if (u < cumulative) {
                    chosen = a;
                    break;
                }
            }
            for (int a = 0; a < n; a++) {
                lastMu[a] = (float) actPi[a];
            }
            lastSampled = chosen;
        } else {
            chosen = 0;
            for (int a = 1; a < n; a++) {
                if (actLogits[a] > actLogits[chosen]) {
                    chosen = a;
                }
            }
        }
        lastQ = actQ[chosen];
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
        trace.add(obs, action, reward, lastMu);
        lastSampled = -1;
        steps++;
        if (terminated || truncated || (traceLength > 0 && trace.length() >= traceLength)) {
            Trajectory t = trace.finish(nextObs, terminated);
            learn(t, true);
            buffer.add(t);
            int replays = poisson(replayRatio);
            for (int i = 0; i < replays; i++) {
                learn(buffer.sample(replayRng), false);
            }
        }
    }

    /** An episode starts: the previous one's trace was finished at its last step. */
    @Override
    public void episodeStart() {
        trace.clear();
    }

    /** Knuth's method: count uniform draws until their product falls below e^-lambda. */
    private int poisson(double lambda) {
        if (lambda <= 0) {
            return 0;
        }
        double limit = Math.exp(-lambda);
        int k = 0;
        double p = replayRng.nextDouble();
        while (p > limit) {
            k++;
            p *= replayRng.nextDouble();
        }
        return k;
    }

    /**
     * One ACER update on trajectory {@code t}: Retrace targets, the summed per-state gradient,
     * clipping, an Adam step and the average network's update.
     *
     * @throws DivergedException if a target, the loss or the gradient is not finite (nothing was stepped)
     */
    void learn(Trajectory t, boolean onPolicy) {
        int len = t.length();
        growTo(len);
        // the bootstrap V(x_T) first, so that a trace of one chunk leaves its forward pass in the net for backward
        double bootstrap = 0;
        if (!t.terminated()) {
            net.forward(t.lastObs(), 1, true);
            net.logits(1, logits1);
            net.q(1, q1);
            AcerGradient.softmax(logits1, 0, n, pi1, logPi1);
            for (int a = 0; a < n; a++) {
                bootstrap += pi1[a] * q1[a];
            }
        }
        // pass 1: V, Q(x_t, a_t) and rho_t of every state under the current network
        for (int start = 0; start < len; start += CHUNK) {
            int rows = forwardChunk(t, start);
            for (int r = 0; r < rows; r++) {
                int s = start + r;
                int a = t.actions()[s];
                AcerGradient.softmax(logits, r * n, n, pi1, logPi1);
                double v = 0;
                for (int b = 0; b < n; b++) {
                    v += pi1[b] * q[r * n + b];
                }
                values[s] = v;
                qTaken[s] = q[r * n + a];
                rhoTaken[s] = onPolicy ? 1.0 : pi1[a] / t.mu()[s * n + a];
                rewards[s] = t.rewards()[s];
            }
        }
        Retrace.targets(rewards, qTaken, values, rhoTaken, bootstrap, gamma, len, targets);
        for (int s = 0; s < len; s++) {
            requireFinite("Retrace target", targets[s]);
        }
        // pass 2: every state's output gradients, back-propagated chunk by chunk into one summed gradient
        double squaredError = 0;
        double valueSum = 0;
        for (int start = 0; start < len; start += CHUNK) {
            int rows = len <= CHUNK ? Math.min(len, CHUNK) : forwardChunk(t, start);
            if (config.trustRegion()) {
                average.forward(chunkObs, rows, false);
                average.logits(rows, avgLogits);
            }
            for (int r = 0; r < rows; r++) {
                int s = start + r;
                squaredError += gradient.state(logits, q, r * n, onPolicy ? null : t.mu(), s * n,
                        config.trustRegion() ? avgLogits : null, t.actions()[s], targets[s], gradLogits, gradQ);
                valueSum += gradient.lastValue();
            }
            net.backward(gradLogits, gradQ, rows, start > 0);
        }
        requireFinite("Q loss", squaredError);
        double norm = net.clipGradientNorm(maxGradNorm);
        requireFinite("gradient norm", norm);
        adam.step();
        average.softUpdateFrom(net, 1.0 - averageDecay);
        lastCriticLoss = squaredError / len;
        lastActorQ = valueSum / len;
        lastGradNorm = norm;
        updates++;
    }

    /** Forward pass over states [start, start + CHUNK) of {@code t}; returns the rows. */
    private int forwardChunk(Trajectory t, int start) {
        int rows = Math.min(CHUNK, t.length() - start);
        System.arraycopy(t.obs(), start * obsDim, chunkObs, 0, rows * obsDim);
        net.forward(chunkObs, rows, true);
        net.logits(rows, logits);
        net.q(rows, q);
        return rows;
    }

    private void growTo(int len) {
        if (targets.length < len) {
            int size = Math.max(len, 2 * targets.length);
            rewards = new double[size];
            qTaken = new double[size];
            values = new double[size];
            rhoTaken = new double[size];
            targets = new double[size];
        }
    }

    private void requireFinite(String quantity, double value) {
        if (!Double.isFinite(value)) {
            throw new DivergedException(steps, quantity, value);
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
    }

    /** Changes the trust region's delta. */
    public void setDelta(double delta) {
        gradient.setDelta(delta);
    }

    /** Changes the importance-weight truncation c. */
    public void setC(double c) {
        gradient.setC(c);
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
        return actPi;
    }

    /** The action the last {@link #act} chose (-1 before the first). */
    public int lastChosen() {
        return lastChosen;
    }

    /** Q(x, .) over all N of the last {@link #act}'s state (scratch, do not keep). */
    public float[] lastQValues() {
        return actQ;
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

    /** A growable record of the current trace, turned into an immutable {@link Trajectory} at its end. */
    private static final class TraceRecorder {
        private final int obsDim;
        private final int n;
        private float[] obs = new float[0];
        private int[] acts = new int[0];
        private float[] rews = new float[0];
        private float[] mu = new float[0];
        private int length;

        TraceRecorder(int obsDim, int n) {
            this.obsDim = obsDim;
            this.n = n;
        }

        void add(double[] x, int action, double reward, float[] policy) {
            if (length == acts.length) {
                int cap = Math.max(16, 2 * length);
                obs = Arrays.copyOf(obs, cap * obsDim);
                acts = Arrays.copyOf(acts, cap);
                rews = Arrays.copyOf(rews, cap);
                mu = Arrays.copyOf(mu, cap * n);
            }
            for (int j = 0; j < obsDim; j++) {
                obs[length * obsDim + j] = (float) x[j];
            }
            acts[length] = action;
            rews[length] = (float) reward;
            System.arraycopy(policy, 0, mu, length * n, n);
            length++;
        }

        Trajectory finish(double[] lastObs, boolean terminated) {
            float[] last = new float[obsDim];
            for (int j = 0; j < obsDim; j++) {
                last[j] = (float) lastObs[j];
            }
            Trajectory t = new Trajectory(length, Arrays.copyOf(obs, length * obsDim), Arrays.copyOf(acts, length),
                    Arrays.copyOf(rews, length), Arrays.copyOf(mu, length * n), last, terminated);
            length = 0;
            return t;
        }

        void clear() {
            length = 0;
        }

        Trajectory snapshot() {
            return new Trajectory(length, Arrays.copyOf(obs, length * obsDim), Arrays.copyOf(acts, length),
                    Arrays.copyOf(rews, length), Arrays.copyOf(mu, length * n), new float[0], false);
        }

        void restore(Trajectory t) {
            int len = t.length();
            int cap = Math.max(16, len);
            obs = Arrays.copyOf(t.obs(), cap * obsDim);
            acts = Arrays.copyOf(t.actions(), cap);
            rews = Arrays.copyOf(t.rewards(), cap);
            mu = Arrays.copyOf(t.mu(), cap * n);
            length = len;
        }

        int length() {
            return length;
        }
    }
}
