package lab.wolpertinger.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import lab.wolpertinger.agent.Agent;
import lab.wolpertinger.agent.WolpertingerConfig;
import lab.wolpertinger.env.Envs;
import lab.wolpertinger.snapshot.Snapshot;
import lab.wolpertinger.snapshot.Snapshots;
import lab.wolpertinger.sweep.Sweep;
import lab.wolpertinger.sweep.SweepTrial;
import lab.wolpertinger.sweep.spark.SparkEngine;
import lab.wolpertinger.train.Presets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sweep}: trains one run per (k ratio, seed) on a pool of threads and scores each
 * greedily, writing {@code DIR/sweep.csv}, {@code DIR/sweep.png} and
 * {@code DIR/trials/k<ratio>-s<seed>.wolp}; running it again on the same DIR resumes. With
 * {@code --snapshot F.wolp} it scores that one trained run at each k ratio instead. Progress and
 * an ETA go to stderr, one JSON summary line to stdout. For a sweep split into independent jobs,
 * {@code --list} prints the numbered trials, {@code --trial-index I} runs only trial I (many processes
 * may share one DIR) and {@code --merge} assembles sweep.csv and sweep.png from the finished trials.
 * {@code --spark MASTER} runs each trial as one Apache Spark task instead of on this JVM's threads.
 */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = "Train and score every (k ratio, seed), or score one snapshot at many k; writes DIR/sweep.csv, "
                + "DIR/sweep.png, DIR/trials/*.wolp; one JSON summary line on stdout.")
final class SweepCommand implements Callable<Integer> {

    /** Seconds between progress lines on stderr. */
    private static final long PROGRESS_EVERY_S = 20;

    @Spec
    CommandSpec spec;

    @Option(names = "--env", description = "Gymnasium env id: Pendulum-v1, CartPole-v1 or Catalog-v0 (required unless --snapshot).")
    String env;

    @Option(names = "--agent", paramLabel = "wolpertinger|acer",
            description = "The algorithm (default wolpertinger); acer scores all N actions, so its sweep is over seeds with --k-ratios 1.")
    String agent;

    @Option(names = "--preset", description = "Preset name (presets/NAME.json) or JSON file; default per env and agent.")
    String preset;

    @Option(names = "--max-actions", description = "N, the number of discrete actions (continuous envs).")
    Integer maxActions;

    @Option(names = "--k-ratios", required = true, split = ",", paramLabel = "R,R,...",
            description = "k ratios to compare, each in (0, 1]; k = max(1, floor(N * R)).")
    List<Double> kRatios;

    @Option(names = "--target-mode", paramLabel = "MODE",
            description = "Critic target at s': wolpertinger (kNN + critic argmax, default) or proto (the raw proto-action, plain DDPG).")
    String targetMode;

    @Option(names = "--seeds", description = "Seeds per k ratio: run seeds s0 .. s0+seeds-1, s0 the preset's seed (0). Default 3.")
    Integer seeds;

    @Option(names = "--steps", description = "Training env steps per trial (default: the preset's steps).")
    Integer steps;

    @Option(names = "--eval-episodes", description = "Greedy evaluation episodes per trial (default: the preset's, at least 1).")
    Integer evalEpisodes;

    @Option(names = "--parallel", paramLabel = "P",
            description = "Trials running at once, each single-threaded (default: every core).")
    Integer parallel;

    @Option(names = "--search", paramLabel = "exact|approx", description = "Neighbour search: exact or approx (overrides the preset's search).")
    String search;

    @Option(names = "--out", paramLabel = "DIR", description = "Output directory (created if missing; required except with --list).")
    Path out;

    @Option(names = "--list", description = "Print the planned trials (index,k_ratio,k,seed; CSV, in run order) and exit; trains nothing.")
    boolean list;

    @Option(names = "--trial-index", paramLabel = "I",
            description = "Run only trial I of --list (0-based), writing DIR/trials/<stem>.wolp and .csv; processes may share DIR.")
    Integer trialIndex;

    @Option(names = "--merge", description = "Only assemble DIR/sweep.csv and sweep.png from the finished trials (trains nothing); names the missing ones.")
    boolean merge;

    @Option(names = "--spark", paramLabel = "MASTER",
            description = "Run each trial as one Apache Spark task on MASTER: local[N], local[*], spark://host:7077 or yarn; "
                    + "the driver writes DIR as usual. Needs Spark's runtime: " + SparkRuntime.BUILD + ".")
    String spark;

    @Option(names = "--snapshot", paramLabel = "F.wolp", description = "Score this trained snapshot at each k ratio instead of training.")
    Path snapshot;

    @Option(names = "--episodes", description = "With --snapshot: greedy episodes per k ratio (default: the snapshot config's evalEpisodes, at least 1).")
    Integer episodes;

    @Override
    public Integer call() {
        List<Double> ratios = Sweep.checkRatios(kRatios);
        int threads = parallel != null ? parallel : Sweep.headlessParallelism();
        Sweep.checkParallelism(threads);
        if (seeds != null && seeds < 1) {
            throw new IllegalArgumentException("--seeds must be >= 1, got " + seeds);
        }
        PrintWriter err = spec.commandLine().getErr();
        int modes = (list ? 1 : 0) + (trialIndex != null ? 1 : 0) + (merge ? 1 : 0);
        if (modes > 1) {
            throw new IllegalArgumentException("--list, --trial-index and --merge are alternatives; give one of them");
        }
        if (modes == 1 && snapshot != null) {
            throw new IllegalArgumentException((list ? "--list" : merge ? "--merge" : "--trial-index")
                    + " cannot be combined with --snapshot (it splits a training sweep; give --env and its flags)");
        }
        if (spark != null && (trialIndex != null || merge || snapshot != null)) {
            throw new IllegalArgumentException("--spark runs a whole training sweep; drop "
                    + (trialIndex != null ? "--trial-index" : merge ? "--merge" : "--snapshot")
                    + " (a sweep split into jobs needs no Spark)");
        }
        if (spark != null && !SparkRuntime.isMasterUrl(spark)) {
            throw new IllegalArgumentException("--spark " + spark + " is not a Spark master URL: give local[2], local[*], "
                    + "spark://host:7077 or yarn");
        }
        if (out == null && !list) {
            throw new IllegalArgumentException("--out DIR is required: the directory the sweep writes (only --list needs none)");
        }
        Sweep.Result result;
        if (snapshot != null) {
            for (Object[] o : new Object[][] {{"--env", env}, {"--agent", agent}, {"--preset", preset}, {"--max-actions", maxActions},
                {"--seeds", seeds}, {"--steps", steps}, {"--eval-episodes", evalEpisodes},
                {"--target-mode", targetMode}}) {
                if (o[1] != null) {
                    throw new IllegalArgumentException(o[0] + " cannot be combined with --snapshot (the snapshot holds the "
                            + "trained run; use --episodes for evaluation episodes)");
                }
            }
            if (episodes != null && episodes < 1) {
                throw new IllegalArgumentException("--episodes must be >= 1, got " + episodes);
            }
            Snapshot s = Snapshots.load(snapshot);
            WolpertingerConfig config = s.manifest().config();
            int n = episodes != null ? episodes : Math.max(1, config.evalEpisodes());
            String title = String.format(Locale.ROOT, "%s scored at other k (%s, N = %,d, trained %,d steps at k ratio %s)",
                    snapshot.getFileName(), config.env(), s.manifest().actionSet().n(), s.manifest().run().steps(),
                    SweepTrial.ratioText(s.manifest().agent().kRatio()));
            Sweep sweep = new Sweep(out, title, listener(err));
            err.printf("scoring %s at %d k ratios, %d episodes each, %d in parallel%n", snapshot, ratios.size(), n,
                    Math.min(threads, ratios.size()));
            err.flush();
            result = withProgress(sweep, err, () -> sweep.score(s::toTrainingRun, config,
                    snapshot.toAbsolutePath().normalize().toString(), ratios, n, threads));
        } else {
            if (episodes != null) {
                throw new IllegalArgumentException("--episodes needs --snapshot; a training sweep uses --eval-episodes");
            }
            if (env == null) {
                throw new IllegalArgumentException("--env is required (Pendulum-v1, CartPole-v1 or Catalog-v0), or --snapshot F.wolp");
            }
            Envs.requireKnown(env);
            Map<String, Object> overrides = new LinkedHashMap<>();
            overrides.put("env", env);
            if (agent != null) {
                overrides.put("agent", WolpertingerConfig.checkAgent(agent));
                if (Agent.ACER.equals(overrides.get("agent"))) {
                    if (!ratios.equals(List.of(1.0))) {
                        throw new IllegalArgumentException("ACER scores all N actions, there is no k to vary: give "
                                + "--k-ratios 1 for a sweep over seeds");
                    }
                    if (targetMode != null || search != null) {
                        throw new IllegalArgumentException((targetMode != null ? "--target-mode" : "--search")
                                + " is a Wolpertinger option; drop it for --agent acer");
                    }
                }
            }
            if (maxActions != null) {
                overrides.put("maxActions", maxActions);
            }
            if (steps != null) {
                overrides.put("steps", steps);
            }
            if (search != null) {
                overrides.put("search", search);
            }
            if (targetMode != null) {
                overrides.put("targetMode", targetMode);
            }
            WolpertingerConfig base = Presets.load(preset != null ? preset : Presets.defaultFor(env, agent), overrides);
            int evalCount = evalEpisodes != null ? evalEpisodes : Math.max(1, base.evalEpisodes());
            Sweep.Plan plan = new Sweep.Plan(base, ratios, seeds != null ? seeds : 3, evalCount, threads);
            List<Sweep.Trial> trials = plan.trials();
            if (list) {
                PrintWriter stdout = spec.commandLine().getOut();
                stdout.println("index,k_ratio,k,seed");
                for (int i = 0; i < trials.size(); i++) {
                    Sweep.Trial t = trials.get(i);
                    stdout.println(i + "," + SweepTrial.ratioText(t.kRatio()) + "," + t.k() + "," + t.seed());
                }
                stdout.flush();
                return 0;
            }
            int n = Sweep.actionCount(base);
            String title = String.format(Locale.ROOT, "%s, N = %,d: %,d training steps, %d seed%s per k, %d eval episode%s",
                    base.env(), n, base.steps(), plan.seeds(), plan.seeds() == 1 ? "" : "s", evalCount,
                    evalCount == 1 ? "" : "s");
            Sweep sweep = new Sweep(out, title, spark != null ? listener(err, "sent to Spark:") : listener(err));
            Sweep.SnapshotWriter writer = (run, file) -> Snapshots.save(run, file, false);
            if (merge) {
                result = sweep.merge(plan);
                err.printf("merged %d of %d trials into %s%s%n", trials.size() - result.missing().size(), trials.size(),
                        out.resolve(Sweep.CSV), missingText(trials, result.missing()));
                err.flush();
            } else if (trialIndex != null) {
                Sweep.Trial t = trials.get(Sweep.checkTrialIndex(trialIndex, trials.size()));
                err.printf(Locale.ROOT, "sweep %s: N=%d, trial %d of 0..%d: k=%d (ratio %s) seed %d, %d steps%n", base.env(), n,
                        trialIndex, trials.size() - 1, t.k(), SweepTrial.ratioText(t.kRatio()), t.seed(), base.steps());
                err.flush();
                result = withProgress(sweep, err, () -> sweep.trainOne(plan, trialIndex, writer));
            } else if (spark != null) {
                result = onSpark(sweep, new Sweep.Plan(base, ratios, plan.seeds(), evalCount,
                        parallel != null ? threads : trials.size()), err);
            } else {
                err.printf("sweep %s: N=%d, %d k ratios x %d seeds = %d trials of %d steps, %d in parallel%n", base.env(), n,
                        ratios.size(), plan.seeds(), trials.size(), base.steps(), Math.min(threads, trials.size()));
                err.flush();
                result = withProgress(sweep, err, () -> sweep.train(plan, writer));
            }
        }
        ObjectNode json = new ObjectMapper().createObjectNode();
        json.put("trials", result.trials().size());
        json.put("ran", result.ran());
        json.put("skipped", result.skipped());
        json.put("diverged", result.trials().stream().filter(SweepTrial::diverged).count());
        json.put("wall_s", result.wallS());
        json.put("out", out.toString());
        json.put("csv", out.resolve(Sweep.CSV).toString());
        json.put("png", out.resolve(Sweep.PNG).toString());
        if (snapshot == null) {
            json.set("missing", new ObjectMapper().valueToTree(result.missing()));
        }
        if (trialIndex != null) {
            json.put("trial_index", trialIndex);
            json.remove(List.of("csv", "png")); // this process writes no table; --merge does
        }
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.println(json.toString());
        stdout.flush();
        return 0;
    }

    /**
     * Runs {@code plan} with one Spark task per trial ({@code plan.parallelism()} trials handed to Spark at
     * once; Spark's executors' cores decide how many run).
     */
    private Sweep.Result onSpark(Sweep sweep, Sweep.Plan plan, PrintWriter err) {
        if (!SparkRuntime.onClassPath()) {
            throw new IllegalArgumentException(SparkRuntime.missing());
        }
        SparkEngine engine;
        try {
            engine = SparkEngine.start(spark, Map.of());
        } catch (Exception e) { // Spark throws its checked SparkException undeclared
            throw new IllegalArgumentException("--spark " + spark + ": Spark did not start (" + e.getMessage()
                    + "); check that the master is up and reachable from here");
        }
        try (engine) {
            err.printf("sweep %s on Spark %s (%d cores now): %d k ratios x %d seeds = %d trials of %d steps%n",
                    plan.base().env(), spark, engine.cores(), plan.kRatios().size(), plan.seeds(), plan.trials().size(),
                    plan.base().steps());
            err.flush();
            return withProgress(sweep, err, () -> sweep.train(plan, engine));
        }
    }

    /** "; missing: 3 (k=20, ratio 0.01, seed 1), ..." with how to finish them, or nothing. */
    private static String missingText(List<Sweep.Trial> trials, List<Integer> missing) {
        if (missing.isEmpty()) {
            return "";
        }
        StringBuilder s = new StringBuilder("; missing ").append(missing.size()).append(':');
        for (int i : missing) {
            Sweep.Trial t = trials.get(i);
            s.append(String.format(Locale.ROOT, " %d (k=%d, ratio %s, seed %d)", i, t.k(), SweepTrial.ratioText(t.kRatio()),
                    t.seed()));
        }
        return s.append("; run them with --trial-index I, or run the sweep without it").toString();
    }

    /** Runs {@code body}, printing the sweep's progress and ETA on stderr every few seconds meanwhile. */
    private static Sweep.Result withProgress(Sweep sweep, PrintWriter err, java.util.function.Supplier<Sweep.Result> body) {
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sweep-progress");
            t.setDaemon(true);
            return t;
        });
        ticker.scheduleAtFixedRate(() -> {
            Sweep.Progress p = sweep.progress();
            synchronized (err) {
                StringBuilder running = new StringBuilder();
                for (Sweep.TrialProgress tp : p.running()) {
                    running.append(String.format(Locale.ROOT, "  k=%d s%d %d/%d", tp.trial().k(), tp.trial().seed(),
                            tp.work(), tp.trial().work()));
                }
                err.printf("sweep: %d/%d trials done, %s elapsed, ETA %s;%s%n", p.done(), p.total(),
                        duration(p.elapsedS()), Double.isNaN(p.etaS()) ? "-" : "~" + duration(p.etaS()),
                        running.length() == 0 ? " none running" : running);
                err.flush();
            }
        }, PROGRESS_EVERY_S, PROGRESS_EVERY_S, TimeUnit.SECONDS);
        try {
            return body.get();
        } finally {
            ticker.shutdownNow();
        }
    }

    private static Sweep.Listener listener(PrintWriter err) {
        return listener(err, "start:");
    }

    /** The listener's lines on {@code err}; {@code startWord} opens a trial's first line. */
    private static Sweep.Listener listener(PrintWriter err, String startWord) {
        return new Sweep.Listener() {
            @Override
            public void finished(Sweep.Trial trial, SweepTrial r, boolean skipped) {
                synchronized (err) {
                    if (r.diverged()) {
                        err.printf(Locale.ROOT, "%s k=%d (ratio %s) seed %d: diverged at step %,d (marked in %s; "
                                + "the trial's snapshot holds the last finite state)%n", skipped ? "already done:" : "done:",
                                r.k(), SweepTrial.ratioText(r.kRatio()), r.seed(), r.steps(), Sweep.CSV);
                        err.flush();
                        return;
                    }
                    err.printf(Locale.ROOT, "%s k=%d (ratio %s) seed %d: return %.1f +- %.1f, %s, select %.0f us, %.1f s%n",
                            skipped ? "already done:" : "done:", r.k(), SweepTrial.ratioText(r.kRatio()), r.seed(),
                            r.evalMeanReturn(), r.evalStd(),
                            Double.isNaN(r.trainStepsPerS()) ? "not trained here"
                                    : String.format(Locale.ROOT, "%.1f steps/s", r.trainStepsPerS()),
                            r.selectMedianUs(), r.wallS());
                    err.flush();
                }
            }

            @Override
            public void started(Sweep.Trial trial) {
                synchronized (err) {
                    err.printf(Locale.ROOT, "%s k=%d (ratio %s) seed %d%n", startWord, trial.k(), SweepTrial.ratioText(trial.kRatio()),
                            trial.seed());
                    err.flush();
                }
            }
        };
    }

    private static String duration(double seconds) {
        long s = Math.round(seconds);
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return (s / 60) + "m" + String.format(Locale.ROOT, "%02d", s % 60) + "s";
        }
        return (s / 3600) + "h" + String.format(Locale.ROOT, "%02d", (s % 3600) / 60) + "m";
    }
}
