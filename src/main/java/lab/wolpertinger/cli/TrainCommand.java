package lab.wolpertinger.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import lab.wolpertinger.agent.DivergedException;
import lab.wolpertinger.agent.WolpertingerConfig;
import lab.wolpertinger.env.Envs;
import lab.wolpertinger.snapshot.Snapshots;
import lab.wolpertinger.train.BestPolicy;
import lab.wolpertinger.train.Diagnostics;
import lab.wolpertinger.train.Divergence;
import lab.wolpertinger.train.EpisodeRecord;
import lab.wolpertinger.train.Evaluation;
import lab.wolpertinger.train.Presets;
import lab.wolpertinger.train.TrainingRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code train}: trains an agent ({@code --agent wolpertinger}, Wolpertinger-DDPG, or {@code acer}),
 * writes metrics and snapshots, ends with one JSON line. With {@code --out DIR} it writes {@code DIR/metrics.csv} and {@code DIR/final.wolp}
 * (plus {@code DIR/checkpoint-<step>.wolp} every {@code --save-every} steps); the replay buffer
 * goes into these snapshots only with {@code --save-replay}, which makes {@code --resume} exact.
 * {@code --resume F.wolp} continues a snapshot's run for {@code --steps} more steps. A run whose
 * update diverges (a non-finite loss, Q or gradient) stops with one line and exit code 3.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train an agent; progress on stderr, metrics in DIR/metrics.csv, snapshots in DIR, one JSON result line on stdout.")
final class TrainCommand implements Callable<Integer> {

    /** The snapshot of a diverged run's last finite state, in --out DIR. */
    static final String DIVERGED_SNAPSHOT = "diverged-last-finite.wolp";

    @Spec
    CommandSpec spec;

    @Option(names = "--env", description = "Gymnasium env id: Pendulum-v1, CartPole-v1 or Catalog-v0 (required unless --resume).")
    String env;

    @Option(names = "--preset", description = "Preset name (presets/NAME.json) or JSON file; default per env and agent.")
    String preset;

    @Option(names = "--agent", paramLabel = "wolpertinger|acer",
            description = "The algorithm: wolpertinger (default) or acer (overrides the preset's agent).")
    String agent;

    @Option(names = "--max-actions", description = "N, the number of discrete actions (continuous envs).")
    Integer maxActions;

    @Option(names = "--workers", paramLabel = "W",
            description = "ACER: W worker threads, each with its own env, every step stepping all W envs (overrides the preset's workers).")
    Integer workers;

    @Option(names = "--k-ratio", description = "k = max(1, floor(N * R)); R in (0, 1]. With --resume: a live change.")
    Double kRatio;

    @Option(names = "--target-mode", paramLabel = "MODE",
            description = "Critic target at s': wolpertinger (kNN + critic argmax, default) or proto (the raw proto-action, plain DDPG). With --resume: a live change.")
    String targetMode;

    @Option(names = "--steps", description = "Training env steps (with --resume: steps to add; default the rest of the config's steps).")
    Integer steps;

    @Option(names = "--seed", description = "Run seed (default from the preset, 0).")
    Long seed;

    @Option(names = "--search", paramLabel = "exact|approx", description = "Neighbour search: exact or approx (overrides the preset's search).")
    String search;

    @Option(names = "--out", description = "Output directory for metrics.csv and snapshots (created if missing).")
    Path out;

    @Option(names = "--eval-episodes", description = "Greedy evaluation episodes after training.")
    Integer evalEpisodes;

    @Option(names = "--resume", paramLabel = "F.wolp", description = "Continue training from a snapshot.")
    Path resume;

    @Option(names = "--save-every", paramLabel = "S", description = "Write DIR/checkpoint-<step>.wolp every S steps (needs --out).")
    Integer saveEvery;

    @Option(names = "--save-replay", description = "Include the replay buffer in final.wolp and checkpoints (exact resume; larger files).")
    boolean saveReplay;

    @Option(names = "--keep-best", paramLabel = "EVERY",
            description = "Every EVERY steps run greedy validation episodes (seeds of their own) and keep the best policy;"
                    + " the final evaluation then scores it (and DIR/best.wolp holds it).")
    Integer keepBest;

    @Option(names = "--keep-best-episodes", paramLabel = "E", description = "Validation episodes per --keep-best check (default 10).")
    int keepBestEpisodes = 10;

    @Override
    public Integer call() {
        if (keepBest != null && keepBest < 1) {
            throw new IllegalArgumentException("--keep-best must be >= 1, got " + keepBest);
        }
        if (keepBestEpisodes < 1) {
            throw new IllegalArgumentException("--keep-best-episodes must be >= 1, got " + keepBestEpisodes);
        }
        if (saveEvery != null && saveEvery < 1) {
            throw new IllegalArgumentException("--save-every must be >= 1, got " + saveEvery);
        }
        if (saveEvery != null && out == null) {
            throw new IllegalArgumentException("--save-every needs --out DIR for the checkpoints");
        }
        if (steps != null && steps < 0) {
            throw new IllegalArgumentException("--steps must be >= 0, got " + steps);
        }
        TrainingRun run;
        WolpertingerConfig config;
        int toTrain;
        int resumedEpisodes = -1;
        if (resume != null) {
            for (Object[] o : new Object[][] {{"--preset", preset}, {"--max-actions", maxActions}, {"--seed", seed}, {"--search", search}, {"--agent", agent}, {"--workers", workers}}) {
                if (o[1] != null) {
                    throw new IllegalArgumentException(o[0] + " cannot be combined with --resume (the snapshot holds the config)");
                }
            }
            run = Snapshots.loadRun(resume);
            config = run.config();
            if (env != null && !env.equals(config.env())) {
                throw new IllegalArgumentException("--env " + env + " differs from the snapshot's " + config.env());
            }
            requireWolpertingerOptions(config);
            if (kRatio != null) {
                run.wolpertinger().setKRatio(kRatio);
            }
            if (targetMode != null) {
                run.wolpertinger().setTargetMode(targetMode);
            }
            resumedEpisodes = run.episodes();
            toTrain = steps != null ? steps : (int) Math.max(0, config.steps() - run.steps());
        } else {
            if (env == null) {
                throw new IllegalArgumentException("--env is required (Pendulum-v1, CartPole-v1 or Catalog-v0), or --resume F.wolp");
            }
            Envs.requireKnown(env);
            Map<String, Object> overrides = new LinkedHashMap<>();
            overrides.put("env", env);
            if (agent != null) {
                overrides.put("agent", WolpertingerConfig.checkAgent(agent));
            }
            if (maxActions != null) {
                overrides.put("maxActions", maxActions);
            }
            if (workers != null) {
                overrides.put("workers", workers);
            }
            if (kRatio != null) {
                overrides.put("kRatio", kRatio);
            }
            if (targetMode != null) {
                overrides.put("targetMode", targetMode);
            }
            if (steps != null) {
                overrides.put("steps", steps);
            }
            if (seed != null) {
                overrides.put("seed", seed);
            }
            if (search != null) {
                overrides.put("search", search);
            }
            config = Presets.load(preset != null ? preset : Presets.defaultFor(env, agent), overrides);
            requireWolpertingerOptions(config);
            run = new TrainingRun(config);
            toTrain = config.steps();
        }
        int evalCount = evalEpisodes != null ? evalEpisodes : config.evalEpisodes();
        if (evalCount < 0) {
            throw new IllegalArgumentException("--eval-episodes must be >= 0, got " + evalCount);
        }
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter stdout = spec.commandLine().getOut();

        BufferedWriter csv = openMetrics(resumedEpisodes);
        double[] recent = new double[10];
        int[] count = {0};
        run.onEpisode(r -> {
            recent[count[0]++ % recent.length] = r.episodeReturn();
            if (csv != null) {
                try {
                    csv.write(r.toCsv());
                    csv.newLine();
                    csv.flush();
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot write metrics.csv: " + e.getMessage(), e);
                }
            }
        });
        long startStep = run.steps();
        err.printf("%s %s %s: N=%d k=%d steps=%d seed=%d%n", resume != null ? "resuming " + resume + " at step " + startStep
                : "training", config.agent(), config.env(), run.agent().actions().size(), run.agent().k(), toTrain,
                config.seed());
        err.flush();
        BestPolicy best = keepBest != null ? new BestPolicy(run.wolpertinger()) : null;
        long t0 = System.nanoTime();
        long lastReport = t0;
        double validationSeconds = 0;
        for (int i = 0; i < toTrain; i++) {
            try {
                run.step();
            } catch (DivergedException e) {
                return diverged(run, config, e, csv, err);
            }
            if (saveEvery != null && run.steps() % saveEvery == 0) {
                save(run, out.resolve("checkpoint-" + run.steps() + ".wolp"));
            }
            if (best != null && (run.steps() % keepBest == 0 || i == toTrain - 1)) {
                long v0 = System.nanoTime();
                Evaluation v = run.validate(keepBestEpisodes);
                if (best.offer(run.wolpertinger(), v, run.steps()) && out != null) {
                    save(run, out.resolve("best.wolp"));
                }
                err.printf("validation at step %d: mean return %.1f (best %.1f at step %d)%n", run.steps(),
                        v.meanReturn(), best.bestMean(), best.bestStep());
                validationSeconds += (System.nanoTime() - v0) / 1e9;
            }
            long now = System.nanoTime();
            if (now - lastReport > 2_000_000_000L || i == toTrain - 1) {
                double secs = (now - t0) / 1e9;
                int n = Math.min(count[0], recent.length);
                double avg = 0;
                for (int j = 0; j < n; j++) {
                    avg += recent[j];
                }
                err.printf("step %d/%d  episode %d  mean return (last %d) %s  %.1f steps/s  %s%n", i + 1,
                        toTrain, run.episodes(), n, n == 0 ? "-" : String.format("%.1f", avg / n),
                        (i + 1) / secs, progress(run.diagnostics()));
                err.flush();
                lastReport = now;
            }
        }
        double trainSeconds = (System.nanoTime() - t0) / 1e9 - validationSeconds;
        closeQuietly(csv);
        if (out != null) {
            save(run, out.resolve("final.wolp"));
        }
        Evaluation finalEval = run.evaluate(evalCount);
        Evaluation eval = best == null ? finalEval : best.withBest(run.wolpertinger(), () -> run.evaluate(evalCount));
        double wall = (System.nanoTime() - t0) / 1e9;

        ObjectNode json = new ObjectMapper().createObjectNode();
        json.put("env", config.env());
        json.put("agent", config.agent());
        json.put("steps", toTrain);
        json.put("k", run.agent().k());
        putFinite(json, "eval_mean_return", eval.meanReturn());
        json.put("eval_episodes", eval.episodes());
        json.put("wall_s", wall);
        json.put("steps_per_s", trainSeconds > 0 ? toTrain / trainSeconds : 0.0);
        json.put("n", run.agent().actions().size());
        if (!isAcer(config)) {
            json.put("k_ratio", run.wolpertinger().kRatio());
            json.put("target_mode", run.wolpertinger().targetMode());
        }
        json.put("seed", config.seed());
        putFinite(json, "eval_std_return", eval.stdReturn());
        json.put("total_steps", run.steps());
        if (best != null) {
            json.put("policy", "best");
            json.put("best_step", best.bestStep());
            putFinite(json, "best_validation_mean_return", best.bestMean());
            putFinite(json, "final_policy_eval_mean_return", finalEval.meanReturn());
        }
        if (resume != null) {
            json.put("resumed_from_step", startStep);
        }
        if (out != null) {
            json.put("snapshot", out.resolve("final.wolp").toString());
        }
        stdout.println(json.toString());
        stdout.flush();
        return 0;
    }

    /**
     * Ends a diverged run: the one-line explanation, the last finite state saved to
     * DIR/diverged-last-finite.wolp (with --out), exit code 3.
     */
    private int diverged(TrainingRun run, WolpertingerConfig config, DivergedException e, BufferedWriter csv,
                         PrintWriter err) {
        closeQuietly(csv);
        err.println("error: " + Divergence.of(e, run.agent(), config).message());
        if (out != null) {
            Path file = out.resolve(DIVERGED_SNAPSHOT);
            save(run, file);
            err.println("the last finite state is in " + file + " (eval --snapshot " + file + ", inspect " + file + ")");
        } else {
            err.println("rerun with --out DIR to keep the last finite state as DIR/" + DIVERGED_SNAPSHOT);
        }
        err.flush();
        return Cli.DIVERGED;
    }

    /**
     * The diagnostics part of the progress line: TD error, the Q range seen in the allowed one,
     * the actor's gradient norm, how often the critic overruled the nearest action and how far it
     * went, the noise, then the warning in force, if any. "-" for what is not measured yet.
     */
    static String progress(Diagnostics d) {
        String notNearest = Double.isNaN(d.chosenNotNearest()) ? "-"
                : String.format(Locale.ROOT, "%.0f%%", 100 * d.chosenNotNearest());
        String line = "td " + Diagnostics.format(d.tdError())
                + "  Q [" + Diagnostics.format(d.qMin()) + ", " + Diagnostics.format(d.qMax()) + "]"
                + " of [" + Diagnostics.format(d.qLowBound()) + ", " + Diagnostics.format(d.qHighBound()) + "]"
                + "  actor grad " + Diagnostics.format(d.actorGradNorm())
                + "  not nearest " + notNearest
                + "  chosen-proto " + Diagnostics.format(d.chosenProtoDistance())
                + "  noise " + Diagnostics.format(d.noiseScale());
        return d.warned() ? line + "  WARNING: " + d.warning() : line;
    }

    private static boolean isAcer(WolpertingerConfig config) {
        return lab.wolpertinger.agent.Agent.ACER.equals(config.agent());
    }

    /**
     * Refuses, for an ACER run, the options only Wolpertinger has (one line naming the option).
     */
    private void requireWolpertingerOptions(WolpertingerConfig config) {
        if (!isAcer(config)) {
            return;
        }
        Object[][] options = {{"--k-ratio", kRatio, "ACER scores all N actions, there is no k"},
                {"--target-mode", targetMode, "ACER's targets are Retrace's"},
                {"--keep-best", keepBest, "it keeps Wolpertinger's actor and critic"}};
        for (Object[] o : options) {
            if (o[1] != null) {
                throw new IllegalArgumentException(o[0] + " is a Wolpertinger option (" + o[2] + "); drop it for --agent acer");
            }
        }
    }

    /** JSON has no NaN: an undefined value (no evaluation episodes) is written as null. */
    static void putFinite(ObjectNode json, String key, double value) {
        if (Double.isFinite(value)) {
            json.put(key, value);
        } else {
            json.putNull(key);
        }
    }

    private void save(TrainingRun run, Path file) {
        try {
            Snapshots.save(run, file, saveReplay);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write snapshot " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Opens DIR/metrics.csv: a new file with a header, or, when resuming, the existing file
     * with rows after the snapshot's last finished episode dropped (they belong to the run
     * the snapshot was cut from) so the resumed rows continue it.
     */
    private BufferedWriter openMetrics(int resumedEpisodes) {
        if (out == null) {
            return null;
        }
        Path file = out.resolve("metrics.csv");
        try {
            Files.createDirectories(out);
            if (resumedEpisodes >= 0 && Files.isRegularFile(file) && Files.size(file) > 0) {
                List<String> keep = new ArrayList<>();
                List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                // A file from before the diagnostics columns: new header, old rows padded with empty fields.
                boolean older = !lines.isEmpty() && lines.get(0).equals(EpisodeRecord.BASE_CSV_HEADER);
                String padding = older ? ",".repeat(Diagnostics.CSV_HEADER.split(",").length) : "";
                for (String line : lines) {
                    if (keep.isEmpty()) {
                        keep.add(older ? EpisodeRecord.CSV_HEADER : line);
                    } else if (!isRowAfter(line, resumedEpisodes)) {
                        keep.add(line + padding);
                    }
                }
                Files.write(file, keep, StandardCharsets.UTF_8);
                return Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
            }
            BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
            w.write(EpisodeRecord.CSV_HEADER);
            w.newLine();
            return w;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to --out " + out + ": " + e.getMessage(), e);
        }
    }

    private static boolean isRowAfter(String line, int episodes) {
        int comma = line.indexOf(',');
        try {
            return comma > 0 && Integer.parseInt(line.substring(0, comma)) > episodes;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static void closeQuietly(BufferedWriter w) {
        if (w != null) {
            try {
                w.close();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot close metrics.csv: " + e.getMessage(), e);
            }
        }
    }
}
