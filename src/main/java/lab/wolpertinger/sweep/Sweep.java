package lab.wolpertinger.sweep;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import lab.wolpertinger.agent.ActionSets;
import lab.wolpertinger.agent.DivergedException;
import lab.wolpertinger.agent.WolpertingerConfig;
import lab.wolpertinger.env.Envs;
import lab.wolpertinger.nn.Nd4jRuntime;
import lab.wolpertinger.train.Evaluation;
import lab.wolpertinger.train.GreedyScore;
import lab.wolpertinger.train.TrainingRun;

/**
 * The k-versus-quality sweep: trains one run per (k ratio, seed) and scores each greedily, or
 * scores one trained run at many k ratios without retraining. Trials run on a fixed pool of
 * threads, one trial per thread at a time; each trial builds and owns its own run (env, agent,
 * ND4J arrays), so nothing is shared but the result table, which is guarded by this object.
 *
 * <p>Output directory: {@code sweep.csv} (one {@link SweepTrial} row per finished trial, sorted by k
 * ratio then seed, with its k ratio's {@link SweepStats}; rewritten atomically after every trial), {@code sweep.png} (see
 * {@link SweepPlot}), {@code sweep.json} (the sweep's settings) and, when training,
 * {@code trials/k<ratio>-s<seed>.wolp} and the trial's own row {@code trials/k<ratio>-s<seed>.csv}. A trial whose
 * row (in either CSV) and snapshot are both present is finished and is not run again, so an interrupted sweep
 * resumes by running it again.
 *
 * <p>Trials as independent jobs: {@link #trainOne} runs one trial of {@link Plan#trials()} by its index and writes
 * only its snapshot and row file, so several processes (a Slurm job array, a Kubernetes indexed job) can share one
 * directory; {@link #merge} then assembles {@code sweep.csv} and {@code sweep.png} from the finished trials.
 *
 * <p>Seeds: the trials of seed index i use run seed {@code base.seed() + i} at every k ratio
 * (0 .. seeds-1 with the presets' seed 0), so the k ratios are compared on the same network
 * initialisations, warm-up actions and evaluation episodes.
 */
public final class Sweep {
    /** The table of finished trials. */
    public static final String CSV = "sweep.csv";
    /** The plot. */
    public static final String PNG = "sweep.png";
    /** The sweep's settings; a directory holds trials of one setting only. */
    public static final String SETTINGS = "sweep.json";
    /** The folder of the trials' snapshots. */
    public static final String TRIALS = "trials";

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Steps between progress reports and cancellation checks inside a trial. */
    private static final int REPORT_EVERY = TrialJob.REPORT_EVERY;

    /**
     * A training sweep.
     *
     * @param base the configuration every trial starts from (env, N, nets, steps, ...); each trial
     *             replaces its kRatio and seed
     * @param kRatios the k ratios, each in (0, 1]; duplicates are dropped
     * @param seeds the number of seeds per k ratio, at least 1
     * @param evalEpisodes greedy evaluation episodes per trial, at least 1
     * @param parallelism trials running at once, at least 1
     */
    public record Plan(WolpertingerConfig base, List<Double> kRatios, int seeds, int evalEpisodes, int parallelism) {
        /** Validates every field, naming it and its allowed range. */
        public Plan {
            kRatios = checkRatios(kRatios);
            if (seeds < 1) {
                throw new IllegalArgumentException("seeds must be >= 1, got " + seeds);
            }
            if (evalEpisodes < 1) {
                throw new IllegalArgumentException("eval episodes must be >= 1 (a trial is scored by them), got " + evalEpisodes);
            }
            checkParallelism(parallelism);
            if (base.steps() < 1) {
                throw new IllegalArgumentException("steps must be >= 1, got " + base.steps());
            }
        }

        /**
         * The trials in their fixed order, which is the run order and the numbering of {@code --trial-index}
         * (from 0): largest k first (the slow trials start early), equal k by the larger k ratio, then by seed.
         * It depends only on the settings, k ratios and seeds, not on the order the k ratios were given in
         * or on the parallelism, so every process of a split sweep numbers the trials alike.
         */
        public List<Trial> trials() {
            List<Trial> out = new ArrayList<>();
            int n = actionCount(base);
            for (double r : kRatios) {
                for (int i = 0; i < seeds; i++) {
                    out.add(new Trial(r, WolpertingerConfig.k(n, r), base.seed() + i, base.steps()));
                }
            }
            out.sort(Comparator.comparingInt(Trial::k).reversed()
                    .thenComparing(Comparator.comparingDouble(Trial::kRatio).reversed())
                    .thenComparingLong(Trial::seed));
            return out;
        }
    }

    /**
     * One planned trial.
     *
     * @param kRatio its k ratio
     * @param k its k
     * @param seed its run seed
     * @param work its amount of work: training steps (or evaluation episodes when scoring a snapshot)
     */
    public record Trial(double kRatio, int k, long seed, long work) {
        /** {@code k<ratio>-s<seed>}, the trial's file name stem. */
        public String fileStem() {
            return SweepTrial.fileStem(kRatio, seed);
        }
    }

    /**
     * How far a sweep is.
     *
     * @param done trials finished (including those finished by an earlier, resumed sweep)
     * @param total trials in the sweep
     * @param running the trials running now, each with its work done so far (steps, or episodes when scoring)
     * @param elapsedS seconds since the sweep started
     * @param etaS estimated seconds to the end (NaN until there is something to estimate from)
     */
    public record Progress(int done, int total, List<TrialProgress> running, double elapsedS, double etaS) {
        /** Copies the list. */
        public Progress {
            running = List.copyOf(running);
        }
    }

    /**
     * A running trial and its work done so far.
     *
     * @param trial the trial
     * @param work steps done (episodes when scoring) out of {@code trial.work()}
     */
    public record TrialProgress(Trial trial, long work) {
    }

    /**
     * The outcome of a sweep.
     *
     * @param trials every finished trial in the directory, sorted by k ratio then seed
     * @param ran trials run by this call
     * @param skipped trials found finished and not run again
     * @param wallS seconds this call took
     * @param out the output directory
     * @param missing the indices in {@link Plan#trials()} of the planned trials not finished in the directory
     *                (empty when scoring a snapshot)
     */
    public record Result(List<SweepTrial> trials, int ran, int skipped, double wallS, Path out, List<Integer> missing) {
        /** Copies the lists. */
        public Result {
            trials = List.copyOf(trials);
            missing = List.copyOf(missing);
        }
    }

    /** Hears about trials; called on the trial threads (and the caller's, for skipped trials). */
    public interface Listener {
        /** A trial starts on the calling thread. */
        default void started(Trial trial) {
        }

        /** A running trial has done {@code work} of {@code trial.work()}. */
        default void progress(Trial trial, long work) {
        }

        /** A trial finished ({@code skipped}: it was found finished and not run again). */
        default void finished(Trial trial, SweepTrial result, boolean skipped) {
        }
    }

    /** Writes a trial's snapshot (the snapshot package does; the engine does not depend on it). */
    @FunctionalInterface
    public interface SnapshotWriter {
        /** Saves {@code run} to {@code file} atomically. */
        void save(TrainingRun run, Path file) throws IOException;
    }

    /**
     * Where trials train: on the sweep's own threads ({@link #local}), or elsewhere, e.g. one Spark task
     * per trial ({@code sweep.spark.SparkEngine}). The sweep keeps the bookkeeping either way: which trials
     * are finished, their row files, sweep.csv and the plot after every trial, progress and resume.
     */
    public interface Engine {
        /**
         * Trains and scores {@code job}, leaving the trained run's snapshot at {@code snapshot} (written
         * atomically) when it returns; called on one of the sweep's threads, one call per trial.
         *
         * @param progress hears the steps done, if the engine can tell; returning false asks it to stop
         */
        SweepTrial train(TrialJob job, Path snapshot, java.util.function.LongPredicate progress) throws IOException;

        /** Training on the calling thread, saving snapshots with {@code snapshots}. */
        static Engine local(SnapshotWriter snapshots) {
            return (job, snapshot, progress) -> job.run(snapshot, snapshots, progress);
        }
    }

    private final Path out;
    private final Listener listener;
    private final String title;
    private volatile boolean cancelled;
    private final Map<String, SweepTrial> rows = new TreeMap<>();
    private final SweepClock clock = new SweepClock();

    /**
     * A sweep writing into {@code out} (created if missing).
     *
     * @param title the plot's title
     * @throws IllegalArgumentException if {@code out} cannot be created or written
     */
    public Sweep(Path out, String title, Listener listener) {
        this.out = out;
        this.title = title;
        this.listener = listener == null ? new Listener() { } : listener;
        try {
            Files.createDirectories(out);
            Path probe = Files.createTempFile(out, ".sweep-probe", ".tmp");
            Files.delete(probe);
        } catch (IOException | UnsupportedOperationException e) {
            throw new IllegalArgumentException("cannot write to --out " + out + ": " + SweepFolder.describe(e));
        }
    }

    /** Asks the running sweep to stop; running trials stop within {@value #REPORT_EVERY} steps. */
    public void cancel() {
        cancelled = true;
    }

    /**
     * Runs the trials of {@code plan} not yet finished in the directory, in plan order on the plan's
     * parallelism; {@code snapshots} saves each trained run to {@code trials/<stem>.wolp} before it is
     * scored, its row goes to {@code trials/<stem>.csv}, and sweep.csv and sweep.png are rewritten after
     * every trial (with the rows of every finished trial, including those other processes ran).
     *
     * @throws IllegalArgumentException if the directory holds a sweep with other settings
     * @throws CancellationException if {@link #cancel()} was called (finished trials are kept)
     */
    public Result train(Plan plan, SnapshotWriter snapshots) {
        return train(plan, Engine.local(snapshots));
    }

    /**
     * {@link #train(Plan, SnapshotWriter)} with the trials trained by {@code engine}; the plan's parallelism
     * is the number of trials handed to it at once.
     */
    public Result train(Plan plan, Engine engine) {
        return run(plan, plan.trials(), true, engine);
    }

    /**
     * Runs only trial {@code index} of {@code plan.trials()}, unless it is finished, writing its snapshot and
     * row file ({@code trials/<stem>.wolp}, {@code trials/<stem>.csv}) but not {@code sweep.csv}: several
     * processes may run different trials of the same plan into the same directory at once.
     *
     * @throws IllegalArgumentException if {@code index} is not a trial's, or the directory holds a sweep with
     *                                  other settings
     */
    public Result trainOne(Plan plan, int index, SnapshotWriter snapshots) {
        List<Trial> all = plan.trials();
        return run(plan, List.of(all.get(checkTrialIndex(index, all.size()))), false, Engine.local(snapshots));
    }

    /**
     * {@code index}, if it numbers one of {@code count} trials.
     *
     * @throws IllegalArgumentException naming the valid range otherwise
     */
    public static int checkTrialIndex(int index, int count) {
        if (index < 0 || index >= count) {
            throw new IllegalArgumentException("--trial-index " + index + " is outside 0.." + (count - 1) + " (the plan has "
                    + count + " trials; sweep --list prints them)");
        }
        return index;
    }

    /**
     * Assembles {@code sweep.csv} and {@code sweep.png} from the finished trials in the directory (their row
     * files and the existing {@code sweep.csv}), recomputing the statistics; trains nothing. The result's
     * {@code missing} lists the planned trials not finished yet.
     *
     * @throws IllegalArgumentException if the directory holds a sweep with other settings
     */
    public Result merge(Plan plan) {
        long t0 = begin();
        loadFinished(plan);
        List<Trial> planned = plan.trials();
        clock.total(planned.size());
        int found = 0;
        for (Trial t : planned) {
            synchronized (this) {
                found += rows.containsKey(t.fileStem()) ? 1 : 0;
            }
        }
        clock.done(found);
        writeTable();
        return new Result(finishedRows(), 0, found, (System.nanoTime() - t0) / 1e9, out, missing(planned));
    }

    /** Runs {@code trials} of {@code plan} not finished yet; {@code table}: rewrite sweep.csv and sweep.png as they finish. */
    private Result run(Plan plan, List<Trial> trials, boolean table, Engine engine) {
        long t0 = begin();
        loadFinished(plan);
        List<Trial> todo = new ArrayList<>();
        int skipped = 0;
        for (Trial t : trials) {
            SweepTrial row;
            synchronized (this) {
                row = rows.get(t.fileStem());
            }
            if (row == null) {
                todo.add(t);
            } else {
                skipped++;
                clock.finished(t, row.wallS() / Math.max(1, row.steps()));
                listener.finished(t, row, true);
            }
        }
        clock.total(trials.size());
        if (table) {
            writeTable();
        }
        // In plan order: the slowest (largest k) first, so the long trials start early and the short ones fill in.
        runAll(todo, plan.parallelism(), table, t -> trainTrial(plan, t, engine));
        return new Result(finishedRows(), todo.size(), skipped, (System.nanoTime() - t0) / 1e9, out,
                missing(plan.trials()));
    }

    /**
     * Claims the directory for {@code plan}'s settings, creates {@code trials/} and reads the finished trials:
     * a row (from a row file, else from {@code sweep.csv}) of the plan's steps (fewer if it diverged) whose
     * snapshot is present.
     */
    private void loadFinished(Plan plan) {
        ObjectNode settings = JSON.createObjectNode();
        settings.put("mode", "train");
        ObjectNode config = JSON.valueToTree(plan.base());
        config.remove("kRatio");
        config.remove("seed");
        settings.set("config", config);
        settings.put("eval_episodes", plan.evalEpisodes());
        SweepFolder.claim(out, settings, true);
        try {
            Files.createDirectories(out.resolve(TRIALS));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot write to --out " + out + ": " + SweepFolder.describe(e));
        }
        synchronized (this) {
            rows.clear();
            for (SweepTrial row : SweepFolder.readRows(out)) {
                boolean complete = row.steps() == plan.base().steps() || row.diverged() && row.steps() < plan.base().steps();
                if (complete && Files.isRegularFile(snapshot(row.fileStem()))) {
                    rows.put(row.fileStem(), row);
                }
            }
        }
    }

    /** The indices in {@code planned} of the trials without a finished row. */
    private synchronized List<Integer> missing(List<Trial> planned) {
        List<Integer> list = new ArrayList<>();
        for (int i = 0; i < planned.size(); i++) {
            if (!rows.containsKey(planned.get(i).fileStem())) {
                list.add(i);
            }
        }
        return list;
    }

    /**
     * Scores one trained run at each of {@code kRatios} without retraining: {@code newRun} builds
     * a fresh copy of the run (e.g. from a snapshot) whose configuration is {@code config} on each
     * trial's thread. Every k ratio is
     * scored again (no resume); rows keep the run's seed and steps, train_steps_per_s is empty.
     *
     * @param source names the scored run in {@code sweep.json}
     * @throws IllegalArgumentException if the directory holds a training sweep
     */
    public Result score(Supplier<TrainingRun> newRun, WolpertingerConfig config, String source, List<Double> kRatios,
                        int episodes, int parallel) {
        kRatios = checkRatios(kRatios);
        if (episodes < 1) {
            throw new IllegalArgumentException("--episodes must be >= 1, got " + episodes);
        }
        checkParallelism(parallel);
        long t0 = begin();
        ObjectNode settings = JSON.createObjectNode();
        settings.put("mode", "snapshot");
        settings.put("snapshot", source);
        settings.put("episodes", episodes);
        SweepFolder.claim(out, settings, false);
        int n = actionCount(config);
        long seed = config.seed();
        List<Trial> todo = new ArrayList<>();
        for (double r : kRatios) {
            todo.add(new Trial(r, WolpertingerConfig.k(n, r), seed, episodes));
        }
        synchronized (this) {
            rows.clear();
        }
        clock.total(todo.size());
        todo.sort(Comparator.comparingInt(Trial::k).reversed());
        runAll(todo, parallel, true, t -> scoreTrial(newRun.get(), t));
        return new Result(finishedRows(), todo.size(), 0, (System.nanoTime() - t0) / 1e9, out, List.of());
    }

    /** Resets the counters for a new call of {@link #train} or {@link #score}; returns its start time. */
    private long begin() {
        cancelled = false;
        return clock.begin();
    }

    /** How far the sweep is, with an estimate of the time left. Safe from any thread. */
    public Progress progress() {
        return clock.progress();
    }

    /** The finished trials so far, sorted by k ratio then seed. */
    public synchronized List<SweepTrial> finishedRows() {
        List<SweepTrial> list = new ArrayList<>(rows.values());
        list.sort(Comparator.comparingDouble(SweepTrial::kRatio).thenComparingLong(SweepTrial::seed));
        return list;
    }

    /** The snapshot file of the trial with file stem {@code stem}. */
    public Path snapshot(String stem) {
        return out.resolve(TRIALS).resolve(stem + ".wolp");
    }

    /** The row file of the trial with file stem {@code stem}: its own columns of {@code sweep.csv}, with a header. */
    public Path rowFile(String stem) {
        return out.resolve(TRIALS).resolve(stem + ".csv");
    }

    // ---- trials ----

    private interface TrialBody {
        SweepTrial run(Trial trial) throws IOException;
    }

    private void runAll(List<Trial> todo, int threads, boolean table, TrialBody body) {
        if (todo.isEmpty()) {
            return;
        }
        // Load ND4J's native libraries here, on one thread, before the pool starts (see Nd4jRuntime#init).
        Nd4jRuntime.init();
        int p = Math.min(threads, todo.size());
        clock.parallelism(p);
        AtomicInteger names = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(p, r -> {
            Thread t = new Thread(r, "sweep-trial-" + names.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        CompletionService<SweepTrial> results = new ExecutorCompletionService<>(pool);
        try {
            for (Trial t : todo) {
                results.submit(() -> {
                    if (cancelled) {
                        throw new CancellationException("sweep cancelled");
                    }
                    clock.start(t);
                    listener.started(t);
                    try {
                        SweepTrial row = body.run(t);
                        synchronized (this) {
                            rows.put(row.fileStem(), row);
                            if (table) {
                                writeTable();
                            }
                        }
                        clock.finished(t, row.wallS() / Math.max(1, t.work()));
                        listener.finished(t, row, false);
                        return row;
                    } finally {
                        clock.ended(t);
                    }
                });
            }
            for (int i = 0; i < todo.size(); i++) {
                try {
                    results.take().get();
                } catch (ExecutionException e) {
                    cancelled = true;
                    Throwable c = e.getCause();
                    if (c instanceof RuntimeException re) {
                        throw re;
                    }
                    if (c instanceof IOException io) {
                        throw new UncheckedIOException(out + ": " + SweepFolder.describe(io), io);
                    }
                    if (c instanceof Error err) {
                        throw err;
                    }
                    throw new IllegalStateException(c);
                }
            }
        } catch (InterruptedException e) {
            cancelled = true;
            Thread.currentThread().interrupt();
            throw new CancellationException("sweep interrupted");
        } finally {
            pool.shutdownNow();
            try {
                pool.awaitTermination(1, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Trains and scores one trial on {@code engine}, then writes its row file (after its snapshot: a row file means a finished trial). */
    private SweepTrial trainTrial(Plan plan, Trial t, Engine engine) throws IOException {
        AtomicLong work = clock.work(t);
        SweepTrial row = engine.train(TrialJob.of(plan, t), snapshot(t.fileStem()), steps -> {
            work.set(steps);
            listener.progress(t, steps);
            return !cancelled;
        });
        work.set(t.work());
        SweepFolder.writeAtomically(rowFile(row.fileStem()), SweepTrial.OWN_HEADER + "\n" + row.toCsv() + "\n");
        return row;
    }

    private SweepTrial scoreTrial(TrainingRun run, Trial t) {
        long t0 = System.nanoTime();
        run.wolpertinger().setKRatio(t.kRatio());
        GreedyScore score = GreedyScore.measure(run.wolpertinger(), run.config().env(), (int) t.work(), run.config().seed());
        Evaluation e = score.evaluation();
        clock.work(t).set(t.work());
        return new SweepTrial(t.kRatio(), score.k(), t.seed(), run.steps(), e.meanReturn(), e.stdReturn(),
                Double.NaN, score.selectMedianMicros(), (System.nanoTime() - t0) / 1e9);
    }

    /** N, the number of discrete actions of {@code config}'s env (the grid may round maxActions). */
    public static int actionCount(WolpertingerConfig config) {
        return ActionSets.forSpace(Envs.make(config.env(), config.envOptions()).actionSpace(), config.maxActions()).size();
    }

    /** Rewrites sweep.csv and sweep.png from the finished rows. */
    private synchronized void writeTable() {
        SweepFolder.writeTable(out, finishedRows(), title);
    }

    /**
     * The k ratios without duplicates, in the given order.
     *
     * @throws IllegalArgumentException if there are none or one is outside (0, 1]
     */
    public static List<Double> checkRatios(List<Double> kRatios) {
        if (kRatios == null || kRatios.isEmpty()) {
            throw new IllegalArgumentException("k ratios: give at least one, each in (0, 1]");
        }
        for (Double r : kRatios) {
            if (r == null || !(r > 0 && r <= 1)) {
                throw new IllegalArgumentException("k ratio " + r + " is outside (0, 1]");
            }
        }
        return List.copyOf(new LinkedHashSet<>(kRatios));
    }

    /** @throws IllegalArgumentException if {@code parallel < 1} */
    public static void checkParallelism(int parallel) {
        if (parallel < 1) {
            throw new IllegalArgumentException("parallel must be >= 1, got " + parallel);
        }
    }

    /** Trials running at once beside a window (the lab's Sweep tab): the cores but one, at least one. */
    public static int defaultParallelism() {
        return Math.max(1, Runtime.getRuntime().availableProcessors() - 1);
    }

    /** Trials running at once in a headless sweep: every core, each trial single-threaded. */
    public static int headlessParallelism() {
        return Math.max(1, Runtime.getRuntime().availableProcessors());
    }
}
