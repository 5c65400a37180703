package lab.wolpertinger.sweep;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.CancellationException;
import java.util.function.LongPredicate;
import lab.wolpertinger.agent.DivergedException;
import lab.wolpertinger.agent.WolpertingerConfig;
import lab.wolpertinger.train.Evaluation;
import lab.wolpertinger.train.GreedyScore;
import lab.wolpertinger.train.TrainingRun;

/**
 * One trial of a training sweep as a self-contained, serialisable job: the run's whole configuration
 * (as preset JSON, k ratio and seed included) and its number of greedy evaluation episodes. It runs
 * wherever its engine puts it (a thread of the sweep's JVM, or a Spark task on another machine) and
 * gives the same row there: the run depends on nothing but this record.
 *
 * @param configJson the trial's configuration as preset JSON (see {@link #config()})
 * @param kRatio the trial's k ratio (also in the configuration)
 * @param seed the trial's run seed (also in the configuration)
 * @param evalEpisodes greedy evaluation episodes after training, at least 1
 */
public record TrialJob(String configJson, double kRatio, long seed, int evalEpisodes) implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Steps between progress reports (and cancellation checks). */
    static final int REPORT_EVERY = 100;

    /** The job of trial {@code t} of {@code plan}: the plan's base configuration with the trial's k ratio and seed. */
    public static TrialJob of(Sweep.Plan plan, Sweep.Trial t) {
        ObjectNode tree = JSON.valueToTree(plan.base());
        tree.put("kRatio", t.kRatio());
        tree.put("seed", t.seed());
        return new TrialJob(tree.toString(), t.kRatio(), t.seed(), plan.evalEpisodes());
    }

    /** The trial's configuration (validated by the record's constructor, as a preset's is). */
    public WolpertingerConfig config() {
        try {
            return JSON.readValue(configJson, WolpertingerConfig.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("trial " + fileStem() + ": bad configuration: " + e.getMessage(), e);
        }
    }

    /** The trial's file name stem, {@code k<ratio>-s<seed>}. */
    public String fileStem() {
        return SweepTrial.fileStem(kRatio, seed);
    }

    /**
     * Trains the trial, saves the trained run to {@code snapshot} (the last finite state, if training
     * diverged), then scores it greedily. Single-threaded; owns every array it makes.
     *
     * @param progress hears the steps done every {@value #REPORT_EVERY} steps and at the end; returning
     *                 false cancels the trial
     * @throws CancellationException if {@code progress} returned false
     */
    public SweepTrial run(Path snapshot, Sweep.SnapshotWriter writer, LongPredicate progress) throws IOException {
        long t0 = System.nanoTime();
        WolpertingerConfig config = config();
        TrainingRun run = new TrainingRun(config);
        long trainStart = System.nanoTime();
        for (int i = 1; i <= config.steps(); i++) {
            try {
                run.step();
            } catch (DivergedException diverged) {
                // Marked in sweep.csv, the last finite state kept as the trial's snapshot; the other trials go on.
                double trainSeconds = (System.nanoTime() - trainStart) / 1e9;
                writer.save(run, snapshot);
                progress.test(config.steps());
                return new SweepTrial(kRatio, run.agent().k(), seed, run.steps(), Double.NaN, Double.NaN,
                        run.steps() / trainSeconds, Double.NaN, (System.nanoTime() - t0) / 1e9, SweepTrial.DIVERGED);
            }
            if ((i % REPORT_EVERY == 0 || i == config.steps()) && !progress.test(i)) {
                throw new CancellationException("sweep cancelled");
            }
        }
        double trainSeconds = (System.nanoTime() - trainStart) / 1e9;
        writer.save(run, snapshot);
        GreedyScore score = GreedyScore.measure(run.agent(), config.env(), evalEpisodes, config.seed());
        Evaluation e = score.evaluation();
        return new SweepTrial(kRatio, score.k(), seed, run.steps(), e.meanReturn(), e.stdReturn(),
                config.steps() / trainSeconds, score.selectMedianMicros(), (System.nanoTime() - t0) / 1e9);
    }

    /** {@link #run}, with I/O failures unchecked (for engines whose task signature allows none). */
    public SweepTrial runUnchecked(Path snapshot, Sweep.SnapshotWriter writer) {
        try {
            return run(snapshot, writer, steps -> true);
        } catch (IOException e) {
            throw new UncheckedIOException(snapshot + ": " + SweepFolder.describe(e), e);
        }
    }
}
