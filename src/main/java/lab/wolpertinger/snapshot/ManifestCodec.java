package lab.wolpertinger.snapshot;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Set;
import lab.wolpertinger.agent.ActionSets;
import lab.wolpertinger.agent.AgentState;
import lab.wolpertinger.agent.ExplorationNoise;
import lab.wolpertinger.agent.NoiseSchedule;
import lab.wolpertinger.agent.WolpertingerAgent;
import lab.wolpertinger.agent.WolpertingerConfig;
import lab.wolpertinger.env.Env;
import lab.wolpertinger.env.Envs;
import lab.wolpertinger.env.TimeLimit;
import lab.wolpertinger.knn.ActionSet;
import lab.wolpertinger.random.SplitMix64;
import lab.wolpertinger.train.Presets;
import lab.wolpertinger.train.RunState;
import lab.wolpertinger.train.TrainingRun;

import static lab.wolpertinger.snapshot.ManifestFields.anyDouble;
import static lab.wolpertinger.snapshot.ManifestFields.bool;
import static lab.wolpertinger.snapshot.ManifestFields.doubles;
import static lab.wolpertinger.snapshot.ManifestFields.finiteArray;
import static lab.wolpertinger.snapshot.ManifestFields.integer;
import static lab.wolpertinger.snapshot.ManifestFields.longValue;
import static lab.wolpertinger.snapshot.ManifestFields.nonNegative;
import static lab.wolpertinger.snapshot.ManifestFields.number;
import static lab.wolpertinger.snapshot.ManifestFields.object;
import static lab.wolpertinger.snapshot.ManifestFields.real;
import static lab.wolpertinger.snapshot.ManifestFields.rng;
import static lab.wolpertinger.snapshot.ManifestFields.rngState;
import static lab.wolpertinger.snapshot.ManifestFields.text;

/**
 * {@code manifest.json}: written from a run, read back into a validated {@link Manifest}. Every
 * value is checked (presence, type, range, fit with the config's env) before the tensors are
 * read, so the tensor shapes and sizes can be derived from a trusted config.
 */
final class ManifestCodec {
    static final String SOURCE = Snapshots.MANIFEST;
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    /**
     * Config keys added after the first format-1 files were written (the catalog's, then the
     * target mode, then the agent and ACER's options): a snapshot without one ran with its
     * default, which the preset parser fills in.
     */
    private static final Set<String> ADDED_LATER =
            Set.of("actionDim", "catalogSeed", "itemQuality", "search", "targetMode", "agent", "replayRatio",
                    "trustRegion", "delta", "c", "entropyWeight", "averageDecay", "workers", "lr", "maxGradNorm",
                    "traceLength", "trajectoryCapacity", "policyGradient");

    private ManifestCodec() {
    }

    // ---- writing ----

    static String write(TrainingRun run, boolean includeReplay, String appVersion, Instant created) {
        WolpertingerAgent agent = run.wolpertinger();
        WolpertingerConfig config = run.config();
        AgentState a = agent.state();
        RunState r = run.state();
        ObjectNode m = writeHeader(run, appVersion, created);

        ObjectNode live = m.putObject("live");
        live.put("k_ratio", a.kRatio());
        live.put("k", agent.k());
        live.put("tau", a.tau());
        live.put("gamma", a.gamma());
        live.put("batch_size", a.batchSize());
        live.put("actor_lr", a.actorLr());
        live.put("critic_lr", a.criticLr());
        live.put("target_mode", a.targetMode());
        live.put("search", a.search());
        ObjectNode ns = live.putObject("noise_schedule");
        ns.put("initial", a.noiseSchedule().initial());
        ns.put("final", a.noiseSchedule().finalScale());
        ns.put("decay_steps", a.noiseSchedule().decaySteps());

        ObjectNode counters = m.putObject("counters");
        counters.put("steps", r.steps());
        counters.put("episodes", r.episodes());
        counters.put("agent_steps", a.steps());
        counters.put("updates", a.updates());
        counters.put("actor_target_soft_updates", a.actorTargetSoftUpdates());
        counters.put("critic_target_soft_updates", a.criticTargetSoftUpdates());

        ObjectNode rng = m.putObject("rng");
        rng(rng, "warmup_actions", a.actionRng());
        rng(rng, "replay", a.replayRng());
        rng(rng, "noise", a.noise().rng());
        rng(rng, "env", r.envRandom());

        ObjectNode noise = m.putObject("noise");
        noise.put("type", config.noiseType());
        noise.put("has_spare", a.noise().hasSpare());
        number(noise, "spare", a.noise().spare());
        doubles(noise.putArray("x"), a.noise().x());

        writeRun(m, r, a.lastCriticLoss(), a.lastActorQ());

        ObjectNode opt = m.putObject("optimizer");
        opt.put("type", "adam");
        opt.put("beta1", 0.9);
        opt.put("beta2", 0.999);
        opt.put("eps", 1e-8);
        ObjectNode oa = opt.putObject("actor");
        oa.put("step", agent.actorAdam().stepCount());
        oa.put("lr", agent.actorAdam().learningRate());
        oa.put("weight_decay", agent.actorAdam().weightDecay());
        ObjectNode oc = opt.putObject("critic");
        oc.put("step", agent.criticAdam().stepCount());
        oc.put("lr", agent.criticAdam().learningRate());
        oc.put("weight_decay", agent.criticAdam().weightDecay());

        ObjectNode replay = m.putObject("replay");
        replay.put("included", includeReplay);
        replay.put("capacity", agent.buffer().capacity());
        replay.put("size", includeReplay ? agent.buffer().size() : 0);
        replay.put("position", includeReplay ? agent.buffer().contents().next() : 0);
        return pretty(m) + "\n";
    }

    /**
     * A manifest's common head: format, version, app version, time, env, agent, action set, the
     * full config and the seed.
     */
    static ObjectNode writeHeader(TrainingRun run, String appVersion, Instant created) {
        WolpertingerConfig config = run.config();
        ObjectNode m = JSON.createObjectNode();
        m.put("format", Snapshots.FORMAT);
        m.put("format_version", Snapshots.FORMAT_VERSION);
        m.put("app_version", appVersion);
        m.put("created", created.toString());
        m.put("env", config.env());
        m.put("agent", config.agent());
        Manifest.ActionSetInfo info = actionSetInfo(run.env(), run.agent().actions());
        ObjectNode as = m.putObject("action_set");
        as.put("kind", info.kind());
        as.put("n", info.n());
        as.put("d", info.d());
        doubles(as.putArray("low"), info.low());
        doubles(as.putArray("high"), info.high());
        try {
            m.set("config", JSON.readTree(Presets.toJson(config)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        m.put("seed", config.seed());
        return m;
    }

    /** The run's part (observation, env, episode sums) and the agent's last losses, as {@code run}. */
    static void writeRun(ObjectNode m, RunState r, double lastCriticLoss, double lastActorQ) {
        ObjectNode runNode = m.putObject("run");
        doubles(runNode.putArray("observation"), r.observation());
        doubles(runNode.putArray("env_state"), r.envState());
        runNode.put("env_elapsed_steps", r.envElapsedSteps());
        number(runNode, "episode_return", r.episodeReturn());
        runNode.put("episode_length", r.episodeLength());
        number(runNode, "loss_sum", r.lossSum());
        number(runNode, "actor_q_sum", r.actorQSum());
        runNode.put("updates_in_episode", r.updatesInEpisode());
        number(runNode, "wall_seconds", r.wallSeconds());
        number(runNode, "last_critic_loss", lastCriticLoss);
        number(runNode, "last_actor_q", lastActorQ);
    }

    static String pretty(JsonNode m) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(m);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static Manifest.ActionSetInfo actionSetInfo(Env env, ActionSet actions) {
        if (env.actionSpace() instanceof lab.wolpertinger.env.Box box) {
            return new Manifest.ActionSetInfo("grid", actions.size(), actions.dim(), box.low(), box.high());
        }
        if (env.actionSpace() instanceof lab.wolpertinger.env.Embedded) {
            // the items themselves are rebuilt from the config's catalogSeed, never stored
            double[] low = new double[actions.dim()];
            java.util.Arrays.fill(low, -1.0);
            double[] high = new double[actions.dim()];
            java.util.Arrays.fill(high, 1.0);
            return new Manifest.ActionSetInfo("embedded", actions.size(), actions.dim(), low, high);
        }
        return new Manifest.ActionSetInfo("discrete", actions.size(), actions.dim(), new double[] {0},
                new double[] {actions.size() - 1});
    }

    // ---- reading ----

    /**
     * The manifest's JSON, checked to be a snapshot manifest of a version this app reads.
     */
    static JsonNode parse(byte[] bytes) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new SnapshotException(SOURCE + " is not UTF-8 text");
        }
        JsonNode m;
        try {
            m = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new SnapshotException(SOURCE + " is not valid JSON (" + e.getOriginalMessage() + ")");
        }
        if (m == null || !m.isObject()) {
            throw new SnapshotException(SOURCE + " is not a JSON object");
        }
        JsonNode format = m.get("format");
        if (format == null || !Snapshots.FORMAT.equals(format.asText())) {
            throw new SnapshotException(SOURCE + " is not a Wolpertinger snapshot manifest (format is "
                    + (format == null ? "missing" : format) + ")");
        }
        int version = integer(m, "format_version", 0, Integer.MAX_VALUE);
        if (version > Snapshots.FORMAT_VERSION) {
            throw new SnapshotException("snapshot format " + version + " is newer than this app supports ("
                    + Snapshots.FORMAT_VERSION + "); upgrade");
        }
        if (version < 1) {
            throw new SnapshotException("snapshot format " + version + " is not a valid version (1.."
                    + Snapshots.FORMAT_VERSION + ")");
        }
        return m;
    }

    /**
     * The agent a manifest saved: version 1 files are Wolpertinger's; from version 2 the
     * {@code agent} key, which must agree with the config's.
     */
    static String agent(JsonNode m) {
        if (integer(m, "format_version", 1, Snapshots.FORMAT_VERSION) < 2) {
            return lab.wolpertinger.agent.Agent.WOLPERTINGER;
        }
        String agent = text(m, "agent");
        try {
            return WolpertingerConfig.checkAgent(agent);
        } catch (IllegalArgumentException e) {
            throw new SnapshotException(SOURCE + ": " + e.getMessage());
        }
    }

    /**
     * The validated head of a manifest (see {@link #writeHeader}).
     *
     * @param version format version
     * @param appVersion the writing app's version
     * @param created ISO-8601 time of the save
     * @param config the config, validated
     * @param env the env it builds
     * @param actions the action set it builds, matched against the manifest's
     * @param actionSet the manifest's description of it
     */
    record Header(int version, String appVersion, String created, WolpertingerConfig config, Env env,
                  ActionSet actions, Manifest.ActionSetInfo actionSet) {
    }

    static Header header(JsonNode m) {
        int version = integer(m, "format_version", 1, Snapshots.FORMAT_VERSION);
        String appVersion = text(m, "app_version");
        String created = text(m, "created");
        try {
            Instant.parse(created);
        } catch (DateTimeParseException e) {
            throw new SnapshotException(SOURCE + ": created '" + created + "' is not an ISO-8601 instant");
        }

        WolpertingerConfig config = config(m);
        String env = text(m, "env");
        if (!env.equals(config.env())) {
            throw new SnapshotException(SOURCE + ": env " + env + " differs from the config's " + config.env());
        }
        Env e = Envs.make(config.env(), config.envOptions());
        int obsDim = e.observationSpace().dim();
        ActionSet actions = ActionSets.forSpace(e.actionSpace(), config.maxActions());
        Manifest.ActionSetInfo want = actionSetInfo(e, actions);
        Manifest.ActionSetInfo got = actionSet(m);
        if (!got.kind().equals(want.kind()) || got.n() != want.n() || got.d() != want.d()
                || !Arrays.equals(got.low(), want.low()) || !Arrays.equals(got.high(), want.high())) {
            throw new SnapshotException(SOURCE + ": action set " + describe(got) + " does not match the one "
                    + config.env() + " with maxActions " + config.maxActions() + " gives (" + describe(want) + ")");
        }
        String agent = agent(m);
        if (!agent.equals(config.agent())) {
            throw new SnapshotException(SOURCE + ": agent " + agent + " differs from the config's " + config.agent());
        }
        long seed = longValue(m, "seed", Long.MIN_VALUE, Long.MAX_VALUE);
        if (seed != config.seed()) {
            throw new SnapshotException(SOURCE + ": seed " + seed + " differs from the config's " + config.seed());
        }
        return new Header(version, appVersion, created, config, e, actions, got);
    }

    /** A Wolpertinger manifest (any version), validated. */
    static Manifest read(JsonNode m) {
        Header h = header(m);
        WolpertingerConfig config = h.config();
        Env e = h.env();
        int obsDim = e.observationSpace().dim();
        ActionSet actions = h.actions();
        int d = actions.dim();
        Limits.check(config, obsDim, d, actions.size());
        JsonNode live = object(m, "live");
        double kRatio = real(live, "live.k_ratio", "k_ratio");
        if (!(kRatio > 0 && kRatio <= 1)) {
            throw new SnapshotException(SOURCE + ": live.k_ratio must be in (0, 1], got " + kRatio);
        }
        Limits.checkK(WolpertingerConfig.k(actions.size(), kRatio), "live.k_ratio");
        double tau = real(live, "live.tau", "tau");
        if (!(tau > 0 && tau <= 1)) {
            throw new SnapshotException(SOURCE + ": live.tau must be in (0, 1], got " + tau);
        }
        double gamma = real(live, "live.gamma", "gamma");
        if (!(gamma >= 0 && gamma <= 1)) {
            throw new SnapshotException(SOURCE + ": live.gamma must be in [0, 1], got " + gamma);
        }
        int batch = integer(live, "batch_size", 1, Limits.MAX_BATCH);
        Limits.checkBatch(batch, config, "live.batch_size");
        double actorLr = nonNegative(live, "live.actor_lr", "actor_lr");
        double criticLr = nonNegative(live, "live.critic_lr", "critic_lr");
        String targetMode = config.targetMode(); // snapshots from before the target mode carry neither key
        if (live.has("target_mode")) {
            try {
                targetMode = WolpertingerConfig.checkTargetMode(text(live, "target_mode"));
            } catch (IllegalArgumentException ex) {
                throw new SnapshotException(SOURCE + ": live.target_mode: " + ex.getMessage());
            }
        }
        String search = config.search(); // snapshots from before the lab's search toggle carry no live.search
        if (live.has("search")) {
            try {
                search = WolpertingerConfig.checkSearch(text(live, "search"));
            } catch (IllegalArgumentException ex) {
                throw new SnapshotException(SOURCE + ": live.search: " + ex.getMessage());
            }
        }
        JsonNode ns = object(live, "noise_schedule");
        NoiseSchedule schedule;
        try {
            schedule = new NoiseSchedule(nonNegative(ns, "live.noise_schedule.initial", "initial"),
                    nonNegative(ns, "live.noise_schedule.final", "final"),
                    integer(ns, "decay_steps", 0, Integer.MAX_VALUE));
        } catch (IllegalArgumentException ex) {
            throw new SnapshotException(SOURCE + ": live.noise_schedule: " + ex.getMessage());
        }

        JsonNode counters = object(m, "counters");
        long steps = longValue(counters, "steps", 0, Long.MAX_VALUE);
        int episodes = integer(counters, "episodes", 0, Integer.MAX_VALUE);
        long agentSteps = longValue(counters, "agent_steps", 0, Long.MAX_VALUE);
        long updates = longValue(counters, "updates", 0, Long.MAX_VALUE);
        long actorSoft = longValue(counters, "actor_target_soft_updates", 0, Long.MAX_VALUE);
        long criticSoft = longValue(counters, "critic_target_soft_updates", 0, Long.MAX_VALUE);

        JsonNode rng = object(m, "rng");
        SplitMix64.State actionRng = rngState(rng, "warmup_actions");
        SplitMix64.State replayRng = rngState(rng, "replay");
        SplitMix64.State noiseRng = rngState(rng, "noise");
        SplitMix64.State envRng = rngState(rng, "env");

        JsonNode noise = object(m, "noise");
        String noiseType = text(noise, "type");
        if (!noiseType.equals(config.noiseType())) {
            throw new SnapshotException(SOURCE + ": noise.type " + noiseType + " differs from the config's "
                    + config.noiseType());
        }
        boolean hasSpare = bool(noise, "has_spare");
        double spare = real(noise, "noise.spare", "spare");
        double[] x = finiteArray(noise, "noise.x", "x", WolpertingerConfig.OU.equals(noiseType) ? d : 0);

        RunPart runPart = readRun(m, e, steps, episodes, envRng);
        double lastLoss = runPart.lastCriticLoss();
        double lastQ = runPart.lastActorQ();

        JsonNode opt = object(m, "optimizer");
        if (!"adam".equals(text(opt, "type"))) {
            throw new SnapshotException(SOURCE + ": optimizer.type must be adam");
        }
        JsonNode oa = object(opt, "actor");
        JsonNode oc = object(opt, "critic");
        long actorAdamSteps = longValue(oa, "step", 0, Long.MAX_VALUE);
        long criticAdamSteps = longValue(oc, "step", 0, Long.MAX_VALUE);

        JsonNode replay = object(m, "replay");
        boolean included = bool(replay, "included");
        int capacity = integer(replay, "capacity", 1, Integer.MAX_VALUE);
        if (capacity != config.bufferCapacity()) {
            throw new SnapshotException(SOURCE + ": replay.capacity " + capacity + " differs from the config's "
                    + config.bufferCapacity());
        }
        int size = integer(replay, "size", 0, capacity);
        int position = integer(replay, "position", 0, capacity - 1 < 0 ? 0 : capacity - 1);
        if (!included && (size != 0 || position != 0)) {
            throw new SnapshotException(SOURCE + ": replay.size and position must be 0 without a replay buffer");
        }
        if (included && size < capacity && position != size) {
            throw new SnapshotException(SOURCE + ": replay.position " + position + " must equal replay.size " + size
                    + " while the buffer is not full");
        }

        AgentState agent;
        try {
            agent = new AgentState(agentSteps, updates, kRatio, tau, gamma, batch, schedule, actorLr, criticLr,
                    actionRng, replayRng, new ExplorationNoise.State(noiseRng, hasSpare, hasSpare ? spare : 0.0, x),
                    actorSoft, criticSoft, lastLoss, lastQ, targetMode, search);
        } catch (IllegalArgumentException ex) {
            throw new SnapshotException(SOURCE + ": " + ex.getMessage());
        }
        return new Manifest(h.version(), h.appVersion(), h.created(), config, h.actionSet(), agent, runPart.state(),
                actorAdamSteps, criticAdamSteps, new Manifest.ReplayInfo(included, capacity, size, position), pretty(m));
    }

    /**
     * The run's state read from {@code run} (see {@link #writeRun}) with the counters and the env's
     * generator read elsewhere, and the agent's last losses.
     */
    record RunPart(RunState state, double lastCriticLoss, double lastActorQ) {
    }

    static RunPart readRun(JsonNode m, Env e, long steps, int episodes, SplitMix64.State envRng) {
        JsonNode run = object(m, "run");
        double[] observation = finiteArray(run, "run.observation", "observation", e.observationSpace().dim());
        double[] envState = finiteArray(run, "run.env_state", "env_state", e.stateNames().length);
        int maxEpisode = e instanceof TimeLimit t ? t.maxEpisodeSteps() : Integer.MAX_VALUE;
        int elapsed = integer(run, "env_elapsed_steps", 0, maxEpisode - 1);
        double episodeReturn = anyDouble(run, "run.episode_return", "episode_return");
        int episodeLength = integer(run, "episode_length", 0, Integer.MAX_VALUE);
        double lossSum = anyDouble(run, "run.loss_sum", "loss_sum");
        double actorQSum = anyDouble(run, "run.actor_q_sum", "actor_q_sum");
        int updatesInEpisode = integer(run, "updates_in_episode", 0, Integer.MAX_VALUE);
        double wall = anyDouble(run, "run.wall_seconds", "wall_seconds");
        double lastLoss = anyDouble(run, "run.last_critic_loss", "last_critic_loss");
        double lastQ = anyDouble(run, "run.last_actor_q", "last_actor_q");
        return new RunPart(new RunState(steps, episodes, observation, episodeReturn, episodeLength, lossSum, actorQSum,
                updatesInEpisode, envState, elapsed, envRng, wall), lastLoss, lastQ);
    }

    private static String describe(Manifest.ActionSetInfo a) {
        return a.kind() + " N=" + a.n() + " d=" + a.d() + " low=" + Arrays.toString(a.low()) + " high="
                + Arrays.toString(a.high());
    }

    private static WolpertingerConfig config(JsonNode m) {
        JsonNode c = object(m, "config");
        for (String key : Presets.knownKeys()) {
            if (!c.has(key) && !ADDED_LATER.contains(key)) {
                throw new SnapshotException(SOURCE + ": config lacks '" + key + "'");
            }
        }
        WolpertingerConfig config;
        try {
            config = Presets.parse(c.toString(), SOURCE + " config");
        } catch (IllegalArgumentException e) {
            throw new SnapshotException(e.getMessage());
        }
        if (!Envs.ids().contains(config.env())) {
            throw new SnapshotException(SOURCE + ": config env '" + config.env() + "' is unknown (known: "
                    + String.join(", ", Envs.ids()) + ")");
        }
        return config;
    }

    private static Manifest.ActionSetInfo actionSet(JsonNode m) {
        JsonNode as = object(m, "action_set");
        int n = integer(as, "n", 1, Integer.MAX_VALUE);
        int d = integer(as, "d", 1, 64);
        return new Manifest.ActionSetInfo(text(as, "kind"), n, d, finiteArray(as, "action_set.low", "low", -1),
                finiteArray(as, "action_set.high", "high", -1));
    }

}
