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
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import lab.wolpertinger.agent.WolpertingerConfig;
import lab.wolpertinger.env.Envs;
import lab.wolpertinger.train.EpisodeRecord;
import lab.wolpertinger.train.Evaluation;
import lab.wolpertinger.train.Presets;
import lab.wolpertinger.train.TrainingRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code train}: trains a Wolpertinger-DDPG agent, writes metrics, ends with one JSON line. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train an agent; progress on stderr, metrics in DIR/metrics.csv, one JSON result line on stdout.")
final class TrainCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--env", required = true, description = "Gymnasium env id: Pendulum-v1 or CartPole-v1.")
    String env;

    @Option(names = "--preset", description = "Preset name (presets/NAME.json) or JSON file; default per env.")
    String preset;

    @Option(names = "--max-actions", description = "N, the number of discrete actions (continuous envs).")
    Integer maxActions;

    @Option(names = "--k-ratio", description = "k = max(1, floor(N * R)); R in (0, 1].")
    Double kRatio;

    @Option(names = "--steps", description = "Training env steps.")
    Integer steps;

    @Option(names = "--seed", description = "Run seed (default from the preset, 0).")
    Long seed;

    @Option(names = "--out", description = "Output directory for metrics.csv (created if missing).")
    Path out;

    @Option(names = "--eval-episodes", description = "Greedy evaluation episodes after training.")
    Integer evalEpisodes;

    @Override
    public Integer call() {
        if (!Envs.ids().contains(env)) {
            throw new IllegalArgumentException("unknown env '" + env + "' (known: " + String.join(", ", Envs.ids()) + ")");
        }
        Map<String, Object> overrides = new LinkedHashMap<>();
        overrides.put("env", env);
        if (maxActions != null) {
            overrides.put("maxActions", maxActions);
        }
        if (kRatio != null) {
            overrides.put("kRatio", kRatio);
        }
        if (steps != null) {
            overrides.put("steps", steps);
        }
        if (seed != null) {
            overrides.put("seed", seed);
        }
        if (evalEpisodes != null) {
            overrides.put("evalEpisodes", evalEpisodes);
        }
        WolpertingerConfig config = Presets.load(preset != null ? preset : Presets.defaultFor(env), overrides);
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter stdout = spec.commandLine().getOut();

        BufferedWriter csv = openMetrics();
        TrainingRun run = new TrainingRun(config);
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
        err.printf("training %s: N=%d k=%d steps=%d seed=%d%n", config.env(), run.agent().actions().size(),
                run.agent().k(), config.steps(), config.seed());
        err.flush();
        long t0 = System.nanoTime();
        long lastReport = t0;
        for (int i = 0; i < config.steps(); i++) {
            run.step();
            long now = System.nanoTime();
            if (now - lastReport > 2_000_000_000L || i == config.steps() - 1) {
                double secs = (now - t0) / 1e9;
                int n = Math.min(count[0], recent.length);
                double avg = 0;
                for (int j = 0; j < n; j++) {
                    avg += recent[j];
                }
                err.printf("step %d/%d  episode %d  mean return (last %d) %s  %.1f steps/s%n", i + 1,
                        config.steps(), run.episodes(), n, n == 0 ? "-" : String.format("%.1f", avg / n),
                        (i + 1) / secs);
                err.flush();
                lastReport = now;
            }
        }
        double trainSeconds = (System.nanoTime() - t0) / 1e9;
        closeQuietly(csv);
        Evaluation eval = run.evaluate(config.evalEpisodes());
        double wall = (System.nanoTime() - t0) / 1e9;

        ObjectNode json = new ObjectMapper().createObjectNode();
        json.put("env", config.env());
        json.put("steps", config.steps());
        json.put("k", run.agent().k());
        putFinite(json, "eval_mean_return", eval.meanReturn());
        json.put("eval_episodes", eval.episodes());
        json.put("wall_s", wall);
        json.put("steps_per_s", trainSeconds > 0 ? config.steps() / trainSeconds : 0.0);
        json.put("n", run.agent().actions().size());
        json.put("k_ratio", config.kRatio());
        json.put("seed", config.seed());
        putFinite(json, "eval_std_return", eval.stdReturn());
        stdout.println(json.toString());
        stdout.flush();
        return 0;
    }

    /** JSON has no NaN: an undefined value (no evaluation episodes) is written as null. */
    static void putFinite(ObjectNode json, String key, double value) {
        if (Double.isFinite(value)) {
            json.put(key, value);
        } else {
            json.putNull(key);
        }
    }

    private BufferedWriter openMetrics() {
        if (out == null) {
            return null;
        }
        try {
            Files.createDirectories(out);
            BufferedWriter w = Files.newBufferedWriter(out.resolve("metrics.csv"), StandardCharsets.UTF_8);
            w.write(EpisodeRecord.CSV_HEADER);
            w.newLine();
            return w;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to --out " + out + ": " + e.getMessage(), e);
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
