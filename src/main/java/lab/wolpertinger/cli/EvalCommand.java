package lab.wolpertinger.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import lab.wolpertinger.agent.WolpertingerAgent;
import lab.wolpertinger.agent.Agent;
import lab.wolpertinger.agent.WolpertingerConfig;
import lab.wolpertinger.snapshot.Manifest;
import lab.wolpertinger.snapshot.Snapshot;
import lab.wolpertinger.snapshot.Snapshots;
import lab.wolpertinger.train.Evaluation;
import lab.wolpertinger.train.GreedyScore;
import lab.wolpertinger.train.Presets;
import lab.wolpertinger.train.TrainingRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code eval}: greedy episodes of a snapshot's actor and critic, one JSON line on stdout.
 * {@code --k-ratio} overrides k, to see how the same trained nets do with another k.
 */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Evaluate a snapshot greedily; prints one JSON line {env, episodes, mean_return, std_return, k, ...}.")
final class EvalCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--snapshot", required = true, description = "The .wolp snapshot file.")
    Path snapshot;

    @Option(names = "--episodes", description = "Evaluation episodes (default: the config's evalEpisodes, at least 1).")
    Integer episodes;

    @Option(names = "--seed", description = "Seed of the evaluation episodes (default: the run seed, as after training).")
    Long seed;

    @Option(names = "--search", paramLabel = "exact|approx", description = "Neighbour search: exact or approx (default: the snapshot's; the same trained nets rescored with another search).")
    String search;

    @Option(names = "--k-ratio", description = "Override k = max(1, floor(N * R)); R in (0, 1].")
    Double kRatio;

    @Option(names = "--agent", paramLabel = "wolpertinger|acer",
            description = "The agent the snapshot must hold (a check: the snapshot says which it is).")
    String agent;

    @Override
    public Integer call() {
        if (episodes != null && episodes < 1) {
            throw new IllegalArgumentException("--episodes must be >= 1, got " + episodes);
        }
        if (kRatio != null && !(kRatio > 0 && kRatio <= 1)) {
            throw new IllegalArgumentException("--k-ratio must be in (0, 1], got " + kRatio);
        }
        if (agent != null) {
            WolpertingerConfig.checkAgent(agent);
        }
        String saved = Snapshots.agentOf(snapshot);
        if (agent != null && !agent.equalsIgnoreCase(saved)) {
            throw new IllegalArgumentException("--agent " + agent + ", but " + snapshot + " holds "
                    + (Agent.ACER.equals(saved) ? "an " : "a ") + saved + " run");
        }
        if (Agent.ACER.equals(saved)) {
            return acer(Snapshots.loadRun(snapshot));
        }
        Snapshot s = Snapshots.load(snapshot);
        if (search != null) {
            Manifest m = s.manifest();
            WolpertingerConfig config = Presets.with(m.config(), java.util.Map.of("search", search));
            s = new Snapshot(new Manifest(m.formatVersion(), m.appVersion(), m.created(), config, m.actionSet(), m.agent(),
                    m.run(), m.actorAdamSteps(), m.criticAdamSteps(), m.replay(), m.json()), s.weights(), s.optimizer(), s.replay(),
                    s.metrics());
        }
        TrainingRun run = s.toTrainingRun();
        WolpertingerAgent agent = run.wolpertinger();
        if (kRatio != null) {
            agent.setKRatio(kRatio);
        }
        int n = episodes != null ? episodes : Math.max(1, s.manifest().config().evalEpisodes());
        long runSeed = seed != null ? seed : s.manifest().config().seed();
        GreedyScore score = GreedyScore.measure(agent, s.manifest().config().env(), n, runSeed);
        Evaluation e = score.evaluation();
        ObjectNode json = new ObjectMapper().createObjectNode();
        json.put("env", s.manifest().config().env());
        json.put("episodes", e.episodes());
        json.put("mean_return", e.meanReturn());
        json.put("std_return", e.stdReturn());
        json.put("k", agent.k());
        json.put("n", agent.actions().size());
        json.put("k_ratio", agent.kRatio());
        json.put("seed", runSeed);
        json.put("search", s.manifest().config().search());
        json.put("steps", s.manifest().run().steps());
        PrintWriter out = spec.commandLine().getOut();
        out.println(json.toString());
        out.flush();
        return 0;
    }

    /** Greedy (argmax pi) episodes of an ACER snapshot; its Wolpertinger options are refused. */
    private int acer(TrainingRun run) {
        if (kRatio != null || search != null) {
            throw new IllegalArgumentException((kRatio != null ? "--k-ratio" : "--search")
                    + " is a Wolpertinger option (ACER scores all N actions); drop it for an ACER snapshot");
        }
        WolpertingerConfig config = run.config();
        int n = episodes != null ? episodes : Math.max(1, config.evalEpisodes());
        long runSeed = seed != null ? seed : config.seed();
        GreedyScore score = GreedyScore.measure(run.agent(), config.env(), n, runSeed);
        Evaluation e = score.evaluation();
        ObjectNode json = new ObjectMapper().createObjectNode();
        json.put("env", config.env());
        json.put("agent", config.agent());
        json.put("episodes", e.episodes());
        json.put("mean_return", e.meanReturn());
        json.put("std_return", e.stdReturn());
        json.put("k", run.agent().k());
        json.put("n", run.agent().actions().size());
        json.put("seed", runSeed);
        json.put("steps", run.steps());
        json.put("select_median_us", score.selectMedianMicros());
        PrintWriter out = spec.commandLine().getOut();
        out.println(json.toString());
        out.flush();
        return 0;
    }
}
