package lab.wolpertinger.snapshot;

import static lab.wolpertinger.snapshot.ManifestFields.bool;
import static lab.wolpertinger.snapshot.ManifestFields.doubles;
import static lab.wolpertinger.snapshot.ManifestFields.finiteArray;
import static lab.wolpertinger.snapshot.ManifestFields.integer;
import static lab.wolpertinger.snapshot.ManifestFields.longValue;
import static lab.wolpertinger.snapshot.ManifestFields.nonNegative;
import static lab.wolpertinger.snapshot.ManifestFields.object;
import static lab.wolpertinger.snapshot.ManifestFields.real;
import static lab.wolpertinger.snapshot.ManifestFields.rng;
import static lab.wolpertinger.snapshot.ManifestFields.rngState;
import static lab.wolpertinger.snapshot.ManifestFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import lab.wolpertinger.agent.WolpertingerConfig;
import lab.wolpertinger.agent.acer.AcerAgent;
import lab.wolpertinger.agent.acer.AcerState;
import lab.wolpertinger.agent.acer.AcerWorkerState;
import lab.wolpertinger.agent.acer.Trajectory;
import lab.wolpertinger.agent.acer.TrajectoryBuffer;
import lab.wolpertinger.env.Env;
import lab.wolpertinger.env.TimeLimit;
import lab.wolpertinger.nn.Nd4jRuntime;
import lab.wolpertinger.nn.PolicyQNet;
import lab.wolpertinger.random.SplitMix64;
import lab.wolpertinger.train.RunState;
import lab.wolpertinger.train.TrainingRun;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * ACER runs in {@code .wolp} snapshots (format version 2, {@code "agent": "acer"}): the same zip and
 * manifest head as Wolpertinger's, with
 * <ul>
 *   <li>{@code weights.safetensors}: {@code net.*} and {@code average.*} (fc1, fc2, policy, q; weight then bias);</li>
 *   <li>{@code optimizer.safetensors}: {@code net.*.exp_avg} and {@code .exp_avg_sq};</li>
 *   <li>{@code trace.safetensors} (when a trace is being recorded): its {@code obs [L, o]},
 *       {@code action [L]}, {@code reward [L]}, {@code mu [L, N]};</li>
 *   <li>{@code replay.safetensors} (optional): the stored trajectories concatenated in ring order,
 *       {@code length [S]}, {@code terminated [S]}, {@code last_obs [S, o]}, {@code obs [T, o]},
 *       {@code action [T]}, {@code reward [T]}, {@code mu [T, N]} with T the sum of the lengths;</li>
 *   <li>with {@code workers} W > 1, the manifest's {@code workers} list (worker i + 1's observation, env state
 *       and elapsed steps, trace length and generators) and {@code workers.safetensors}: each non-empty
 *       trace as {@code <i>.obs}, {@code <i>.action}, {@code <i>.reward}, {@code <i>.mu}.</li>
 * </ul>
 * Actions are stored as float32, exact for indices below 2^24. As for Wolpertinger's, every value is
 * checked against the manifest's validated config before a network is built.
 */
final class AcerSnapshots {
    /** Largest number of parameters of an ACER net a snapshot may ask for (1 GiB of float32). */
    static final long MAX_PARAMETERS = 1L << 28;

    private AcerSnapshots() {
    }

    // ---- writing ----

    static Map<String, byte[]> entries(TrainingRun run, boolean includeReplay) {
        AcerAgent agent = (AcerAgent) run.agent();
        AcerState a = agent.state();
        RunState r = run.state();
        Trajectory trace = agent.trace();
        TrajectoryBuffer.Contents replay = agent.buffer().contents();
        boolean withReplay = includeReplay && replay.trajectories().length > 0;

        ObjectNode m = ManifestCodec.writeHeader(run, Snapshots.appVersion(), Instant.now().truncatedTo(ChronoUnit.SECONDS));
        ObjectNode live = m.putObject("live");
        live.put("lr", a.lr());
        live.put("replay_ratio", a.replayRatio());
        live.put("entropy_weight", a.entropyWeight());
        live.put("delta", a.delta());
        live.put("c", a.c());
        live.put("gamma", a.gamma());
        ObjectNode counters = m.putObject("counters");
        counters.put("steps", r.steps());
        counters.put("episodes", r.episodes());
        counters.put("agent_steps", a.steps());
        counters.put("updates", a.updates());
        counters.put("average_soft_updates", a.averageSoftUpdates());
        ObjectNode rngs = m.putObject("rng");
        rng(rngs, "actions", a.actionRng());
        rng(rngs, "replay", a.replayRng());
        rng(rngs, "env", r.envRandom());
        ManifestCodec.writeRun(m, r, a.lastCriticLoss(), a.lastActorQ());
        ObjectNode opt = m.putObject("optimizer");
        opt.put("type", "adam");
        opt.put("beta1", 0.9);
        opt.put("beta2", 0.999);
        opt.put("eps", 1e-8);
        ObjectNode on = opt.putObject("net");
        on.put("step", agent.adam().stepCount());
        on.put("lr", agent.adam().learningRate());
        on.put("weight_decay", agent.adam().weightDecay());
        m.putObject("trace").put("length", trace.length());
        ObjectNode rp = m.putObject("replay");
        rp.put("included", withReplay);
        rp.put("capacity", agent.buffer().capacity());
        rp.put("size", withReplay ? replay.trajectories().length : 0);
        rp.put("position", withReplay ? replay.next() : 0);
        rp.put("steps", withReplay ? agent.buffer().steps() : 0);
        int obsDim = agent.net().obsDim();
        int n = agent.net().actions();
        Map<String, Tensor> workerTraces = new LinkedHashMap<>();
        List<AcerWorkerState> workers = agent.workerStates();
        if (!workers.isEmpty()) {
            ArrayNode array = m.putArray("workers");
            for (int i = 0; i < workers.size(); i++) {
                AcerWorkerState w = workers.get(i);
                ObjectNode o = array.addObject();
                doubles(o.putArray("observation"), w.observation());
                doubles(o.putArray("env_state"), w.envState());
                o.put("env_elapsed_steps", w.envElapsedSteps());
                o.put("trace_length", w.trace().length());
                ObjectNode wr = o.putObject("rng");
                rng(wr, "env", w.envRandom());
                rng(wr, "actions", w.actionRng());
                rng(wr, "replay", w.replayRng());
                if (w.trace().length() > 0) {
                    traceTensors(workerTraces, (i + 1) + ".", w.trace(), obsDim, n);
                }
            }
        }

        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put(Snapshots.MANIFEST, (ManifestCodec.pretty(m) + "\n").getBytes(StandardCharsets.UTF_8));
        Map<String, Tensor> weights = new LinkedHashMap<>();
        Snapshots.addNet(weights, "net", agent.net().namedParameters());
        Snapshots.addNet(weights, "average", agent.averageNet().namedParameters());
        entries.put(Snapshots.WEIGHTS, SafeTensors.encode(weights, Map.of("format", "pt")));
        Map<String, Tensor> moments = new LinkedHashMap<>();
        Snapshots.addMoments(moments, "net", agent.net().namedParameters(), agent.adam().firstMoment(),
                agent.adam().secondMoment());
        entries.put(Snapshots.OPTIMIZER, SafeTensors.encode(moments, Map.of("format", "pt")));
        if (trace.length() > 0) {
            Map<String, Tensor> t = new LinkedHashMap<>();
            traceTensors(t, "", trace, obsDim, n);
            entries.put(Snapshots.TRACE, SafeTensors.encode(t, Map.of()));
        }
        if (!workerTraces.isEmpty()) {
            entries.put(Snapshots.WORKERS, SafeTensors.encode(workerTraces, Map.of()));
        }
        if (withReplay) {
            entries.put(Snapshots.REPLAY, SafeTensors.encode(replayTensors(replay.trajectories(), obsDim, n), Map.of()));
        }
        return entries;
    }

    /** A trace's {@code obs [L, o]}, {@code action [L]}, {@code reward [L]} and {@code mu [L, N]}, names prefixed. */
    private static void traceTensors(Map<String, Tensor> out, String prefix, Trajectory trace, int obsDim, int n) {
        int len = trace.length();
        out.put(prefix + "obs", new Tensor(new int[] {len, obsDim}, trace.obs()));
        out.put(prefix + "action", new Tensor(new int[] {len}, asFloats(trace.actions())));
        out.put(prefix + "reward", new Tensor(new int[] {len}, trace.rewards()));
        out.put(prefix + "mu", new Tensor(new int[] {len, n}, trace.mu()));
    }

    private static void traceShapes(Map<String, int[]> out, String prefix, int len, int obsDim, int n) {
        out.put(prefix + "obs", new int[] {len, obsDim});
        out.put(prefix + "action", new int[] {len});
        out.put(prefix + "reward", new int[] {len});
        out.put(prefix + "mu", new int[] {len, n});
    }

    private static Trajectory traceFrom(Map<String, Tensor> t, String prefix, int len, int n, String source) {
        return new Trajectory(len, t.get(prefix + "obs").data(), actions(t.get(prefix + "action"), n, source),
                t.get(prefix + "reward").data(), probabilities(t.get(prefix + "mu"), source), new float[0], false);
    }

    private static Map<String, Tensor> replayTensors(Trajectory[] all, int obsDim, int n) {
        int s = all.length;
        int total = 0;
        for (Trajectory t : all) {
            total += t.length();
        }
        float[] lengths = new float[s];
        float[] terminated = new float[s];
        float[] lastObs = new float[s * obsDim];
        float[] obs = new float[total * obsDim];
        float[] action = new float[total];
        float[] reward = new float[total];
        float[] mu = new float[(int) ((long) total * n)];
        int at = 0;
        for (int i = 0; i < s; i++) {
            Trajectory t = all[i];
            lengths[i] = t.length();
            terminated[i] = t.terminated() ? 1f : 0f;
            System.arraycopy(t.lastObs(), 0, lastObs, i * obsDim, obsDim);
            System.arraycopy(t.obs(), 0, obs, at * obsDim, t.length() * obsDim);
            for (int j = 0; j < t.length(); j++) {
                action[at + j] = t.actions()[j];
            }
            System.arraycopy(t.rewards(), 0, reward, at, t.length());
            System.arraycopy(t.mu(), 0, mu, at * n, t.length() * n);
            at += t.length();
        }
        Map<String, Tensor> out = new LinkedHashMap<>();
        out.put("length", new Tensor(new int[] {s}, lengths));
        out.put("terminated", new Tensor(new int[] {s}, terminated));
        out.put("last_obs", new Tensor(new int[] {s, obsDim}, lastObs));
        out.put("obs", new Tensor(new int[] {total, obsDim}, obs));
        out.put("action", new Tensor(new int[] {total}, action));
        out.put("reward", new Tensor(new int[] {total}, reward));
        out.put("mu", new Tensor(new int[] {total, n}, mu));
        return out;
    }

    private static float[] asFloats(int[] values) {
        float[] f = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            f[i] = values[i];
        }
        return f;
    }

    // ---- reading ----

    /**
     * A validated ACER snapshot, held in plain arrays until {@link #toTrainingRun()} builds the run.
     */
    record Loaded(WolpertingerConfig config, RunState run, AcerState agent, long adamSteps, Map<String, Tensor> weights,
                  Map<String, Tensor> moments, Trajectory trace, TrajectoryBuffer.Contents replay,
                  List<AcerWorkerState> workers) {

        /** The run, continuing exactly where the saved one stopped (with an empty replay when none was saved). */
        TrainingRun toTrainingRun() {
            try {
                TrainingRun restored = TrainingRun.resume(config, run);
                AcerAgent a = (AcerAgent) restored.agent();
                load(a.net(), weights, "net");
                load(a.averageNet(), weights, "average");
                INDArray m = Nd4j.createFromArray(flat(a.net(), moments, "net", ".exp_avg"));
                INDArray v = Nd4j.createFromArray(flat(a.net(), moments, "net", ".exp_avg_sq"));
                a.adam().restore(m, v, adamSteps);
                a.restoreTrace(trace);
                if (replay != null) {
                    a.buffer().restore(replay);
                }
                a.restore(agent);
                a.restoreWorkers(workers);
                return restored;
            } catch (IllegalArgumentException | IllegalStateException e) {
                throw new SnapshotException("snapshot does not fit its config: " + e.getMessage(), e);
            }
        }

        private static float[] flat(PolicyQNet net, Map<String, Tensor> source, String prefix, String suffix) {
            float[] out = new float[(int) net.params().length()];
            int at = 0;
            for (String name : net.namedParameters().keySet()) {
                float[] data = source.get(prefix + "." + name + suffix).data();
                System.arraycopy(data, 0, out, at, data.length);
                at += data.length;
            }
            return out;
        }

        private static void load(PolicyQNet net, Map<String, Tensor> source, String prefix) {
            Nd4jRuntime.copyInto(flat(net, source, prefix, ""), net.params());
        }
    }

    static Loaded read(ZipFile zip, Map<String, ZipEntry> entries, JsonNode m) throws IOException {
        ManifestCodec.Header h = ManifestCodec.header(m);
        WolpertingerConfig config = h.config();
        Env env = h.env();
        int obsDim = env.observationSpace().dim();
        int n = h.actions().size();
        String where = Snapshots.MANIFEST + ": ";
        if (config.hidden1() > Limits.MAX_HIDDEN || config.hidden2() > Limits.MAX_HIDDEN
                || PolicyQNet.parameterCount(obsDim, n, config.hidden1(), config.hidden2()) > MAX_PARAMETERS) {
            throw new SnapshotException(where + "config hidden1 " + config.hidden1() + " / hidden2 " + config.hidden2()
                    + " with N = " + n + " exceed the largest ACER net a snapshot may hold (" + MAX_PARAMETERS
                    + " parameters, layers up to " + Limits.MAX_HIDDEN + ")");
        }
        if (n >= 1 << 24) {
            throw new SnapshotException(where + "N = " + n + " is beyond the 2^24 actions an ACER snapshot can index");
        }

        JsonNode live = object(m, "live");
        double lr = real(live, "live.lr", "lr");
        double replayRatio = nonNegative(live, "live.replay_ratio", "replay_ratio");
        double entropyWeight = nonNegative(live, "live.entropy_weight", "entropy_weight");
        double delta = real(live, "live.delta", "delta");
        double c = real(live, "live.c", "c");
        double gamma = real(live, "live.gamma", "gamma");
        JsonNode counters = object(m, "counters");
        long steps = longValue(counters, "steps", 0, Long.MAX_VALUE);
        int episodes = integer(counters, "episodes", 0, Integer.MAX_VALUE);
        long agentSteps = longValue(counters, "agent_steps", 0, Long.MAX_VALUE);
        long updates = longValue(counters, "updates", 0, Long.MAX_VALUE);
        long averageSoft = longValue(counters, "average_soft_updates", 0, Long.MAX_VALUE);
        JsonNode rngs = object(m, "rng");
        SplitMix64.State actionRng = rngState(rngs, "actions");
        SplitMix64.State replayRng = rngState(rngs, "replay");
        SplitMix64.State envRng = rngState(rngs, "env");
        ManifestCodec.RunPart runPart = ManifestCodec.readRun(m, env, steps, episodes, envRng);
        JsonNode opt = object(m, "optimizer");
        if (!"adam".equals(text(opt, "type"))) {
            throw new SnapshotException(where + "optimizer.type must be adam");
        }
        long adamSteps = longValue(object(opt, "net"), "step", 0, Long.MAX_VALUE);

        int maxTrace = config.traceLength() > 0 ? config.traceLength()
                : env instanceof TimeLimit t ? t.maxEpisodeSteps() : Integer.MAX_VALUE;
        int traceLength = integer(object(m, "trace"), "length", 0, maxTrace - 1);
        int episodeLength = runPart.state().episodeLength();
        int expected = config.traceLength() > 0 ? episodeLength % config.traceLength() : episodeLength;
        if (traceLength != expected) {
            throw new SnapshotException(where + "trace.length " + traceLength + " does not fit run.episode_length "
                    + episodeLength + " (a trace " + (config.traceLength() > 0 ? "is cut every " + config.traceLength()
                    + " steps" : "is the whole episode so far") + ", so it must be " + expected + ")");
        }
        JsonNode rp = object(m, "replay");
        boolean included = bool(rp, "included");
        int capacity = integer(rp, "capacity", 1, Integer.MAX_VALUE);
        if (capacity != config.trajectoryCapacity()) {
            throw new SnapshotException(where + "replay.capacity " + capacity + " differs from the config's "
                    + config.trajectoryCapacity());
        }
        int size = integer(rp, "size", included ? 1 : 0, included ? capacity : 0);
        int position = integer(rp, "position", 0, included ? capacity - 1 : 0);
        if (included && size < capacity && position != size) {
            throw new SnapshotException(where + "replay.position " + position + " must equal replay.size " + size
                    + " while the replay is not full");
        }
        long replaySteps = longValue(rp, "steps", included ? size : 0, included ? (long) size * maxTrace : 0);
        if (replaySteps * Math.max(n, obsDim) > Integer.MAX_VALUE - 8L) {
            throw new SnapshotException(where + "replay.steps " + replaySteps + " with N = " + n
                    + " is more than one replay tensor can hold");
        }

        Map<String, int[]> weightShapes = new LinkedHashMap<>();
        netShapes(weightShapes, "net", "", obsDim, n, config);
        netShapes(weightShapes, "average", "", obsDim, n, config);
        Map<String, Tensor> weights = decode(zip, entries, Snapshots.WEIGHTS, weightShapes);
        Map<String, int[]> momentShapes = new LinkedHashMap<>();
        Map<String, int[]> net = new LinkedHashMap<>();
        netShapes(net, "net", "", obsDim, n, config);
        net.forEach((k, v) -> {
            momentShapes.put(k + ".exp_avg", v);
            momentShapes.put(k + ".exp_avg_sq", v);
        });
        Map<String, Tensor> moments = decode(zip, entries, Snapshots.OPTIMIZER, momentShapes);
        Snapshots.requireNonNegativeSecondMoments(moments);

        Trajectory trace = new Trajectory(0, new float[0], new int[0], new float[0], new float[0], new float[0], false);
        if (traceLength > 0) {
            Map<String, int[]> shapes = new LinkedHashMap<>();
            traceShapes(shapes, "", traceLength, obsDim, n);
            trace = traceFrom(decode(zip, entries, Snapshots.TRACE, shapes), "", traceLength, n, Snapshots.TRACE);
        } else if (entries.containsKey(Snapshots.TRACE)) {
            throw new SnapshotException("unexpected entry " + Snapshots.TRACE + " (the manifest's trace is empty)");
        }

        TrajectoryBuffer.Contents replay = null;
        if (included) {
            int total = (int) replaySteps;
            Map<String, int[]> shapes = new LinkedHashMap<>();
            shapes.put("length", new int[] {size});
            shapes.put("terminated", new int[] {size});
            shapes.put("last_obs", new int[] {size, obsDim});
            shapes.put("obs", new int[] {total, obsDim});
            shapes.put("action", new int[] {total});
            shapes.put("reward", new int[] {total});
            shapes.put("mu", new int[] {total, n});
            Map<String, Tensor> t = decode(zip, entries, Snapshots.REPLAY, shapes);
            replay = new TrajectoryBuffer.Contents(position, trajectories(t, size, total, maxTrace, obsDim, n));
        } else if (entries.containsKey(Snapshots.REPLAY)) {
            throw new SnapshotException("unexpected entry " + Snapshots.REPLAY
                    + " (the manifest says the replay is not included)");
        }
        List<AcerWorkerState> workers = readWorkers(zip, entries, m, config, env, n, maxTrace);
        AcerState agent = new AcerState(agentSteps, updates, lr, replayRatio, entropyWeight, delta, c, gamma, actionRng,
                replayRng, averageSoft, runPart.lastCriticLoss(), runPart.lastActorQ());
        return new Loaded(config, runPart.state(), agent, adamSteps, weights, moments, trace, replay, workers);
    }

    /** The {@code workers} array (one entry per worker after the first) and their traces, validated. */
    private static List<AcerWorkerState> readWorkers(ZipFile zip, Map<String, ZipEntry> entries, JsonNode m,
                                                     WolpertingerConfig config, Env env, int n, int maxTrace)
            throws IOException {
        String where = Snapshots.MANIFEST + ": ";
        int extra = config.workers() - 1;
        JsonNode array = m.get("workers");
        int count = array == null ? 0 : array.size();
        if ((array != null && !array.isArray()) || count != extra) {
            throw new SnapshotException(where + "workers must list " + extra + " extra workers for config.workers "
                    + config.workers() + ", found " + (array == null ? "none" : array.isArray() ? count : "no list"));
        }
        int obsDim = env.observationSpace().dim();
        int maxEpisode = env instanceof TimeLimit t ? t.maxEpisodeSteps() : Integer.MAX_VALUE;
        int[] lengths = new int[count];
        Map<String, int[]> shapes = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            JsonNode w = array.get(i);
            String path = "workers[" + i + "]";
            int elapsed = integer(w, "env_elapsed_steps", 0, maxEpisode - 1);
            lengths[i] = integer(w, "trace_length", 0, maxTrace - 1);
            int expected = config.traceLength() > 0 ? elapsed % config.traceLength() : elapsed;
            if (lengths[i] != expected) {
                throw new SnapshotException(where + path + ".trace_length " + lengths[i] + " does not fit its "
                        + "env_elapsed_steps " + elapsed + " (it must be " + expected + ")");
            }
            if (lengths[i] > 0) {
                traceShapes(shapes, (i + 1) + ".", lengths[i], obsDim, n);
            }
        }
        Map<String, Tensor> tensors = Map.of();
        if (!shapes.isEmpty()) {
            tensors = decode(zip, entries, Snapshots.WORKERS, shapes);
        } else if (entries.containsKey(Snapshots.WORKERS)) {
            throw new SnapshotException("unexpected entry " + Snapshots.WORKERS + " (no worker's trace is recorded)");
        }
        List<AcerWorkerState> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            JsonNode w = array.get(i);
            String path = "workers[" + i + "]";
            JsonNode rngs = object(w, "rng");
            Trajectory trace = lengths[i] > 0 ? traceFrom(tensors, (i + 1) + ".", lengths[i], n, Snapshots.WORKERS)
                    : new Trajectory(0, new float[0], new int[0], new float[0], new float[0], new float[0], false);
            out.add(new AcerWorkerState(finiteArray(w, path + ".env_state", "env_state", env.stateNames().length),
                    integer(w, "env_elapsed_steps", 0, maxEpisode - 1), rngState(rngs, "env"),
                    finiteArray(w, path + ".observation", "observation", obsDim), trace, rngState(rngs, "actions"),
                    rngState(rngs, "replay")));
        }
        return out;
    }

    private static Map<String, Tensor> decode(ZipFile zip, Map<String, ZipEntry> entries, String name,
                                              Map<String, int[]> shapes) throws IOException {
        ZipEntry e = entries.get(name);
        if (e == null) {
            throw new SnapshotException("entry " + name + " is missing");
        }
        return SafeTensors.decode(Snapshots.readEntry(zip, e, SafeTensors.maxEncodedSize(shapes)), name, shapes);
    }

    private static void netShapes(Map<String, int[]> out, String prefix, String suffix, int obsDim, int n,
                                  WolpertingerConfig c) {
        out.put(prefix + ".fc1.weight" + suffix, new int[] {c.hidden1(), obsDim});
        out.put(prefix + ".fc1.bias" + suffix, new int[] {c.hidden1()});
        out.put(prefix + ".fc2.weight" + suffix, new int[] {c.hidden2(), c.hidden1()});
        out.put(prefix + ".fc2.bias" + suffix, new int[] {c.hidden2()});
        out.put(prefix + ".policy.weight" + suffix, new int[] {n, c.hidden2()});
        out.put(prefix + ".policy.bias" + suffix, new int[] {n});
        out.put(prefix + ".q.weight" + suffix, new int[] {n, c.hidden2()});
        out.put(prefix + ".q.bias" + suffix, new int[] {n});
    }

    /** Action indices stored as floats: whole numbers in [0, n). */
    private static int[] actions(Tensor t, int n, String source) {
        float[] f = t.data();
        int[] out = new int[f.length];
        for (int i = 0; i < f.length; i++) {
            if (f[i] != Math.rint(f[i]) || f[i] < 0 || f[i] >= n) {
                throw new SnapshotException(source + ": action[" + i + "] is " + f[i] + ", not an index in [0, " + n + ")");
            }
            out[i] = (int) f[i];
        }
        return out;
    }

    /** Behaviour probabilities: each in [0, 1]. */
    private static float[] probabilities(Tensor t, String source) {
        for (float v : t.data()) {
            if (v < 0 || v > 1) {
                throw new SnapshotException(source + ": mu holds " + v + "; probabilities are in [0, 1]");
            }
        }
        return t.data();
    }

    private static Trajectory[] trajectories(Map<String, Tensor> t, int size, int total, int maxTrace, int obsDim,
                                             int n) {
        String source = Snapshots.REPLAY;
        float[] lengths = t.get("length").data();
        float[] term = t.get("terminated").data();
        int[] actions = actions(t.get("action"), n, source);
        float[] mu = probabilities(t.get("mu"), source);
        long sum = 0;
        for (int i = 0; i < size; i++) {
            if (lengths[i] != Math.rint(lengths[i]) || lengths[i] < 1 || lengths[i] > maxTrace) {
                throw new SnapshotException(source + ": length[" + i + "] is " + lengths[i] + ", not a whole number in [1, "
                        + maxTrace + "]");
            }
            if (term[i] != 0f && term[i] != 1f) {
                throw new SnapshotException(source + ": terminated[" + i + "] is " + term[i] + ", not 0 or 1");
            }
            sum += (long) lengths[i];
        }
        if (sum != total) {
            throw new SnapshotException(source + ": the lengths add up to " + sum + ", the manifest's replay.steps is "
                    + total);
        }
        Trajectory[] out = new Trajectory[size];
        float[] obs = t.get("obs").data();
        float[] reward = t.get("reward").data();
        float[] lastObs = t.get("last_obs").data();
        int at = 0;
        for (int i = 0; i < size; i++) {
            int len = (int) lengths[i];
            out[i] = new Trajectory(len, java.util.Arrays.copyOfRange(obs, at * obsDim, (at + len) * obsDim),
                    java.util.Arrays.copyOfRange(actions, at, at + len), java.util.Arrays.copyOfRange(reward, at, at + len),
                    java.util.Arrays.copyOfRange(mu, at * n, (at + len) * n),
                    java.util.Arrays.copyOfRange(lastObs, i * obsDim, (i + 1) * obsDim), term[i] == 1f);
            at += len;
        }
        return out;
    }
}
