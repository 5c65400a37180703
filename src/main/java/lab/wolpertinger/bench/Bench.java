package lab.wolpertinger.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import lab.wolpertinger.agent.ActionSets;
import lab.wolpertinger.agent.Agent;
import lab.wolpertinger.agent.WolpertingerConfig;
import lab.wolpertinger.agent.WolpertingerPolicy;
import lab.wolpertinger.env.CatalogItems;
import lab.wolpertinger.env.Env;
import lab.wolpertinger.env.Envs;
import lab.wolpertinger.env.TimeLimit;
import lab.wolpertinger.knn.ActionSet;
import lab.wolpertinger.knn.EmbeddedActionSet;
import lab.wolpertinger.knn.GridActionSet;
import lab.wolpertinger.knn.NeighbourSearch;
import lab.wolpertinger.knn.Recall;
import lab.wolpertinger.knn.Searches;
import lab.wolpertinger.nn.ActorNet;
import lab.wolpertinger.nn.CriticNet;
import lab.wolpertinger.nn.Nd4jRuntime;
import lab.wolpertinger.train.Presets;
import lab.wolpertinger.train.TrainingRun;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The measured cases of the {@code bench} command, each returning one JSON object.
 *
 * <ul>
 * <li>{@link #select}: one greedy action selection as the agent does it (actor forward, critic
 * split base, Wolpertinger step), timed per call; {@code path} is {@code fast} (the policy as
 * shipped), {@code split} (every candidate scored with the split critic) or {@code naive} (the
 * k x (h1 + d) concatenation through ND4J, allocating, the reference implementation's way).</li>
 * <li>{@link #train}: env steps per second of a {@link TrainingRun} after warm-up, one DDPG
 * update (batch 64, targets through the Wolpertinger step) per step.</li>
 * <li>{@link #trainAcer}: env steps per second of an ACER run (the env's ACER preset at N
 * actions), its updates at the ends of traces included, beside Wolpertinger's at the same N.</li>
 * </ul>
 *
 * <p>Peak memory ({@code peak_rss_mb}) is the process's VmHWM, so a case reports its own peak
 * only when it runs in a fresh JVM (the command starts one per train and scale case).
 */
public final class Bench {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Bench() {
    }

    /** Latency percentiles of a sample in microseconds. */
    public record Latency(double medianUs, double p90Us, int samples) {

        /** Percentiles of {@code nanos} (sorted in place). */
        static Latency of(long[] nanos) {
            Arrays.sort(nanos);
            return new Latency(nanos[nanos.length / 2] / 1e3, nanos[(int) (nanos.length * 0.9)] / 1e3,
                nanos.length);
        }
    }

    /**
     * Times greedy selections on {@code actions} with an actor/critic of the Pendulum shape
     * ({@code obsDim} inputs, 256/128 hidden), critic output weights scaled as after training.
     *
     * @param path {@code fast}, {@code split} or {@code naive}
     * @param reps timed selections (after as many untimed ones for the JIT, at most 200)
     */
    public static ObjectNode select(String env, ActionSet actions, int obsDim, int k, String path, int reps,
                                    long seed) {
        Nd4jRuntime.init();
        int d = actions.dim();
        ActorNet actor = new ActorNet(obsDim, d, 256, 128, seed);
        CriticNet critic = new CriticNet(obsDim, d, 256, 128, seed + 1);
        critic.namedParameters().get("fc3.weight").muli(300); // Q in the hundreds, as after training
        critic.refreshHead();
        WolpertingerPolicy policy = switch (path) {
            case "fast" -> new WolpertingerPolicy(actions, k);
            case "split", "naive" -> new WolpertingerPolicy(actions, k, Integer.MAX_VALUE);
            default -> throw new IllegalArgumentException("unknown path '" + path + "' (fast, split, naive)");
        };
        boolean naive = path.equals("naive");
        SplittableRandom rng = new SplittableRandom(seed);
        int states = 64;
        double[][] obs = new double[states][obsDim];
        for (double[] o : obs) {
            for (int j = 0; j < obsDim; j++) {
                o[j] = rng.nextDouble(-2, 2);
            }
        }
        INDArray obs1 = Nd4j.create(DataType.FLOAT, 1, obsDim);
        float[] obsF = new float[obsDim];
        float[] base = new float[128];
        double[] proto = new double[d];
        NeighbourSearch search = actions.search();
        int[] nb = naive ? new int[k] : null;
        float[] cand = naive ? new float[k * d] : null;
        double[] q = naive ? new double[k] : null;
        int warm = Math.min(200, reps);
        long[] nanos = new long[reps];
        long[] scored = new long[reps];
        long sink = 0;
        for (int r = -warm; r < reps; r++) {
            double[] o = obs[Math.floorMod(r, states)];
            long t0 = System.nanoTime();
            actor.act(o, proto);
            for (int j = 0; j < obsDim; j++) {
                obsF[j] = (float) o[j];
            }
            Nd4jRuntime.copyInto(obsF, obs1);
            int chosen;
            if (naive) {
                search.nearest(proto, k, nb);
                for (int i = 0; i < k; i++) {
                    for (int j = 0; j < d; j++) {
                        cand[i * d + j] = (float) actions.coordinate(nb[i], j);
                    }
                }
                critic.naiveScores(obs1, cand, k, q);
                int best = 0;
                for (int i = 1; i < k; i++) {
                    if (q[i] > q[best]) {
                        best = i;
                    }
                }
                chosen = nb[best];
            } else {
                critic.splitBase(obs1, base);
                chosen = policy.select(critic, base, 0, proto);
            }
            long t = System.nanoTime() - t0;
            sink += chosen;
            if (r >= 0) {
                nanos[r] = t;
                scored[r] = naive ? k : policy.lastScored();
            }
        }
        Latency lat = Latency.of(nanos);
        ObjectNode json = JSON.createObjectNode();
        json.put("case", "select");
        json.put("env", env);
        json.put("n", actions.size());
        json.put("d", d);
        json.put("k", k);
        json.put("path", path);
        json.put("median_us", round(lat.medianUs()));
        json.put("p90_us", round(lat.p90Us()));
        json.put("samples", lat.samples());
        Arrays.sort(scored);
        json.put("scored_median", scored[reps / 2]);
        json.put("checksum", sink % 1000);
        return json;
    }

    /**
     * The neighbour step of one greedy selection on Catalog-v0's items (the part {@code search}
     * changes; the critic's cost over k is the same for both): median wall time of
     * {@code nearest(protoAction, k)} over {@code reps} proto-action-like queries
     * ({@link Recall#sampleQueries}), for the exact search and then the approximate one, with the
     * approximate one's recall@k against exact on the same queries. Two JSON lines, one run, so
     * their ratio is meaningful on a noisy machine. {@code build_s} is each index's build time.
     */
    public static List<ObjectNode> catalogSelect(int n, int d, int k, int reps) {
        Nd4jRuntime.init();
        CatalogItems items = CatalogItems.of(n, d, 0);
        EmbeddedActionSet set = new EmbeddedActionSet(n, d, items.embeddings());
        double[][] queries = Recall.sampleQueries(set, reps, 11);
        List<ObjectNode> lines = new ArrayList<>();
        NeighbourSearch exact = null;
        int[] exactOut = new int[k];
        for (String kind : new String[] {Searches.EXACT, Searches.APPROX}) {
            long b0 = System.nanoTime();
            NeighbourSearch search = Searches.of(set, kind);
            search.nearest(queries[0], k, exactOut); // builds the shared index
            double buildS = (System.nanoTime() - b0) / 1e9;
            int[] out = new int[k];
            // JIT warm-up: until C2 has compiled the search's loops (five queries left the
            // approximate search's first timed ones in the interpreter: p90 5x the median)
            long w0 = System.nanoTime();
            for (int r = 0; r < 200 && (r < 5 || System.nanoTime() - w0 < 2_000_000_000L); r++) {
                search.nearest(queries[r % reps], k, out);
            }
            long[] nanos = new long[reps];
            for (int r = 0; r < reps; r++) {
                long t0 = System.nanoTime();
                search.nearest(queries[r], k, out);
                nanos[r] = System.nanoTime() - t0;
            }
            double recall = exact == null ? 1.0 : Recall.measure(search, exact, queries, k).recall();
            if (exact == null) {
                exact = search;
            }
            Latency lat = Latency.of(nanos);
            ObjectNode json = JSON.createObjectNode();
            json.put("case", "select");
            json.put("env", "Catalog-v0");
            json.put("n", n);
            json.put("d", d);
            json.put("k", k);
            json.put("search", kind);
            json.put("median_us", round(lat.medianUs()));
            json.put("recall", Math.round(recall * 10000) / 10000.0);
            json.put("p90_us", round(lat.p90Us()));
            json.put("samples", lat.samples());
            json.put("build_s", Math.round(buildS * 100) / 100.0);
            json.put("scope", "knn");
            lines.add(json);
        }
        return lines;
    }

    /** A select case on the env's own action set (Pendulum: N actions on [-2, 2]). */
    public static ObjectNode selectOnEnv(String envId, int n, int k, String path, int reps) {
        Env env = Envs.make(envId);
        ActionSet actions = ActionSets.forSpace(env.actionSpace(), n);
        return select(envId, actions, env.observationSpace().dim(), k, path, reps, 7);
    }

    /**
     * A scale case: N actions on a d-dimensional grid over [-1, 1]^d, k = floor(N * kRatio),
     * Pendulum-shaped networks; adds the peak RSS and the Java heap in use after the runs.
     */
    public static ObjectNode scale(int n, int d, double kRatio, int reps) {
        double[] low = new double[d];
        double[] high = new double[d];
        Arrays.fill(low, -1);
        Arrays.fill(high, 1);
        GridActionSet grid = new GridActionSet(n, d, low, high);
        int k = WolpertingerConfig.k(grid.size(), kRatio);
        ObjectNode json = select("grid", grid, 3, k, "fast", reps, 11);
        json.put("case", "scale");
        json.put("k_ratio", kRatio);
        Runtime rt = Runtime.getRuntime();
        json.put("heap_used_mb", round((rt.totalMemory() - rt.freeMemory()) / 1048576.0));
        json.put("peak_rss_mb", peakRssMb());
        return json;
    }

    /**
     * Training throughput: a {@link TrainingRun} of the env's default preset with {@code kRatio}
     * (null keeps the preset's) at batch 64 (the batch the targets and the reference's
     * figures are stated at), run through warm-up and {@code untimed} more steps, then
     * {@code timed} steps measured.
     */
    public static ObjectNode train(String envId, Double kRatio, int untimed, int timed) {
        return train(envId, kRatio, 0, untimed, timed);
    }

    /** Like {@link #train(String, Double, int, int)} with N = {@code n} actions (0 keeps the preset's). */
    public static ObjectNode train(String envId, Double kRatio, int n, int untimed, int timed) {
        Map<String, Object> overrides = new LinkedHashMap<>();
        overrides.put("env", envId);
        overrides.put("batchSize", 64);
        if (kRatio != null) {
            overrides.put("kRatio", kRatio);
        }
        if (n > 0) {
            overrides.put("maxActions", n);
        }
        WolpertingerConfig config = Presets.load(Presets.defaultFor(envId), overrides);
        ObjectNode json = timedRun(config, config.warmupSteps() + untimed, timed);
        json.put("batch", config.batchSize());
        return json;
    }

    /**
     * ACER's training throughput: the env's ACER preset at {@code n} actions, {@code untimed} steps
     * (at least one trace, so replay has begun) then {@code timed} steps measured, the on-policy
     * and replayed updates at the traces' ends included. The trajectory capacity is lowered, if
     * need be, so that the stored behaviour policies (N floats per step) fit in half the heap.
     */
    public static ObjectNode trainAcer(String envId, int n, int untimed, int timed) {
        WolpertingerConfig preset = Presets.load(Presets.defaultFor(envId, Agent.ACER), Map.of("env", envId,
                "maxActions", n));
        Env env = Envs.make(envId, preset.envOptions());
        int traceSteps = preset.traceLength() > 0 ? preset.traceLength()
                : env instanceof TimeLimit limit ? limit.maxEpisodeSteps() : 1000;
        long perTrajectory = (long) traceSteps * n * Float.BYTES;
        int fits = (int) Math.max(1, Math.min(preset.trajectoryCapacity(),
                Runtime.getRuntime().maxMemory() / 2 / perTrajectory));
        WolpertingerConfig config = Presets.with(preset, Map.of("trajectoryCapacity", fits));
        ObjectNode json = timedRun(config, untimed, timed);
        json.put("trace_length", config.traceLength());
        json.put("trajectory_capacity", config.trajectoryCapacity());
        return json;
    }

    private static ObjectNode timedRun(WolpertingerConfig config, int untimed, int timed) {
        TrainingRun run = new TrainingRun(config);
        for (int i = 0; i < untimed; i++) {
            run.step();
        }
        long updatesBefore = run.agent().updates();
        // Wolpertinger: the dense layers' speed limit at this run's shapes, in this JVM, interleaved
        // with the timed steps in 10 rounds so that both see the same machine load (DenseCost models
        // the actor-critic nets; ACER's are not modelled)
        boolean dense = lab.wolpertinger.agent.Agent.WOLPERTINGER.equals(config.agent());
        List<DenseCost.Gemm> gemms = dense ? DenseCost.step(run.env().observationSpace().dim(),
                run.agent().actions().dim(), config.hidden1(), config.hidden2(), config.batchSize(),
                WolpertingerConfig.TARGET_PROTO.equals(config.targetMode())) : List.of();
        Roofline roof = dense ? new Roofline(gemms) : null;
        long flops = DenseCost.flops(gemms);
        long trainNanos = 0;
        long roofNanos = 0;
        long roofPasses = 0;
        int rounds = Math.min(10, timed);
        for (int r = 0; r < rounds; r++) {
            int n = timed / rounds + (r < timed % rounds ? 1 : 0);
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                run.step();
            }
            trainNanos += System.nanoTime() - t0;
            if (roof != null) {
                int passes = Math.max(1, n / 2);
                roofNanos += roof.time(passes);
                roofPasses += passes;
            }
        }
        double seconds = trainNanos / 1e9;
        double roofline = roof == null ? Double.NaN : roofPasses * (double) flops / roofNanos; // GFLOP/s
        double stepsPerSecond = timed / seconds;
        ObjectNode json = JSON.createObjectNode();
        json.put("case", "train");
        json.put("agent", config.agent());
        json.put("env", config.env());
        json.put("n", run.agent().actions().size());
        json.put("k", run.agent().k());
        json.put("steps_per_s", round(stepsPerSecond));
        json.put("timed_steps", timed);
        json.put("timed_updates", run.agent().updates() - updatesBefore);
        if (roof != null) {
            json.put("flops_per_step", flops);
            json.put("roofline_gflops", round(roofline));
            // achieved dense-layer GFLOP/s over the roofline: 1 = every step only its sgemms at full speed
            json.put("efficiency", Math.round(1000 * stepsPerSecond * flops / (roofline * 1e9)) / 1000.0);
        }
        json.put("peak_rss_mb", peakRssMb());
        return json;
    }

    /**
     * The {@code roofline} case: single-thread sgemm GFLOP/s over one training step's products
     * ({@link DenseCost#step}) of the env's default preset at batch 64, via the engine's OpenBLAS.
     */
    public static ObjectNode roofline(String envId, double secondsEach) {
        WolpertingerConfig config = Presets.load(Presets.defaultFor(envId), Map.of("env", envId, "batchSize", 64));
        lab.wolpertinger.env.Env env = lab.wolpertinger.env.Envs.make(envId, config.envOptions());
        int actionDim = ActionSets.forSpace(env.actionSpace(), config.maxActions()).dim();
        List<DenseCost.Gemm> gemms = DenseCost.step(env.observationSpace().dim(), actionDim, config.hidden1(),
                config.hidden2(), config.batchSize(), WolpertingerConfig.TARGET_PROTO.equals(config.targetMode()));
        ObjectNode json = JSON.createObjectNode();
        json.put("case", "roofline");
        json.put("env", envId);
        json.put("batch", config.batchSize());
        json.put("gemms_per_step", gemms.size());
        json.put("flops_per_step", DenseCost.flops(gemms));
        json.put("gflops", round(Roofline.gflops(gemms, secondsEach, 5)));
        json.put("threads", 1);
        return json;
    }

    /** The process's peak resident set (VmHWM) in MiB, or -1 where /proc is not available. */
    public static double peakRssMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"), StandardCharsets.UTF_8)) {
                if (line.startsWith("VmHWM:")) {
                    String[] parts = line.trim().split("\\s+");
                    return round(Long.parseLong(parts[1]) / 1024.0);
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
