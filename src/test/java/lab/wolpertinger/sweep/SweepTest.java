package lab.wolpertinger.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;
import lab.wolpertinger.agent.WolpertingerConfig;
import lab.wolpertinger.train.Presets;
import lab.wolpertinger.train.TrainingRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepTest {

    @TempDir
    Path dir;

    /** Tiny nets and N = 2001 so a trial of 300 steps takes well under a second. */
    static WolpertingerConfig tiny(int steps) {
        return Presets.parse("{\"env\":\"Pendulum-v1\",\"maxActions\":2001,\"hidden1\":16,\"hidden2\":12,"
                + "\"batchSize\":16,\"bufferCapacity\":300,\"warmupSteps\":50,\"evalEpisodes\":1,\"steps\":" + steps + "}",
                "tiny");
    }

    /** Counts the trials a sweep actually runs and the ones it skips. */
    static final class Counter implements Sweep.Listener {
        final List<String> started = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger skipped = new AtomicInteger();

        @Override
        public void started(Sweep.Trial trial) {
            started.add(trial.fileStem());
        }

        @Override
        public void finished(Sweep.Trial trial, SweepTrial result, boolean wasSkipped) {
            if (wasSkipped) {
                skipped.incrementAndGet();
            }
        }
    }

    /** Writes a placeholder instead of a real snapshot (the snapshot package sits above train). */
    private static final Sweep.SnapshotWriter MARKER = (run, file) ->
            Files.writeString(file, "steps " + run.steps(), StandardCharsets.UTF_8);

    private Sweep.Plan plan(int steps) {
        return new Sweep.Plan(tiny(steps), List.of(0.01, 0.001), 2, 1, 2);
    }

    @Test
    void aTinySweepWritesOneRowPerTrialSnapshotsAndThePlot() throws Exception {
        Counter counter = new Counter();
        Sweep sweep = new Sweep(dir, "tiny", counter);
        Sweep.Result result = sweep.train(plan(300), MARKER);
        Sweep.Progress progress = sweep.progress();
        assertEquals(4, progress.done());
        assertEquals(4, progress.total());
        assertEquals(List.of(), progress.running());
        assertEquals(0.0, progress.etaS());

        assertEquals(4, counter.started.size());
        assertEquals(4, result.ran());
        assertEquals(0, result.skipped());
        List<String> lines = Files.readAllLines(dir.resolve(Sweep.CSV));
        assertEquals(SweepTrial.CSV_HEADER, lines.get(0));
        assertEquals(5, lines.size());
        List<SweepTrial> rows = lines.subList(1, 5).stream().map(SweepTrial::parseCsv).toList();
        // Sorted by k ratio, then seed; k = floor(2001 * ratio); seeds 0 .. seeds-1 (the preset's seed is 0).
        assertEquals(List.of(0.001, 0.001, 0.01, 0.01), rows.stream().map(SweepTrial::kRatio).toList());
        assertEquals(List.of(2, 2, 20, 20), rows.stream().map(SweepTrial::k).toList());
        assertEquals(List.of(0L, 1L, 0L, 1L), rows.stream().map(SweepTrial::seed).toList());
        for (SweepTrial r : rows) {
            assertEquals(300, r.steps());
            assertTrue(r.evalMeanReturn() < 0 && r.evalMeanReturn() > -2000, "Pendulum returns are in (-2000, 0]: " + r);
            assertTrue(r.trainStepsPerS() > 0 && r.selectMedianUs() > 0 && r.wallS() > 0, r.toString());
            assertTrue(Files.isRegularFile(dir.resolve("trials").resolve(r.fileStem() + ".wolp")));
        }
        assertTrue(Files.exists(dir.resolve("trials/k0.001-s1.wolp")));
        BufferedImage png = ImageIO.read(dir.resolve(Sweep.PNG).toFile());
        assertEquals(SweepPlot.WIDTH, png.getWidth());
        assertEquals(SweepPlot.HEIGHT, png.getHeight());
        assertEquals(rows, result.trials());
    }

    @Test
    void trialsAreDeterministicWhateverThreadRunsThem() {
        Sweep.Plan two = new Sweep.Plan(tiny(200), List.of(0.01), 2, 1, 2);
        Sweep.Plan one = new Sweep.Plan(tiny(200), List.of(0.01), 2, 1, 1);
        List<SweepTrial> a = new Sweep(dir.resolve("a"), "a", null).train(two, MARKER).trials();
        List<SweepTrial> b = new Sweep(dir.resolve("b"), "b", null).train(one, MARKER).trials();
        assertEquals(a.stream().map(SweepTrial::evalMeanReturn).toList(), b.stream().map(SweepTrial::evalMeanReturn).toList());
    }

    @Test
    void resumeSkipsFinishedTrialsAndRerunsOnlyTheMissingOnes() throws Exception {
        new Sweep(dir, "tiny", null).train(plan(300), MARKER);
        List<String> before = Files.readAllLines(dir.resolve(Sweep.CSV));

        Counter again = new Counter();
        Sweep.Result r = new Sweep(dir, "tiny", again).train(plan(300), MARKER);
        assertEquals(List.of(), again.started);
        assertEquals(4, again.skipped.get());
        assertEquals(0, r.ran());
        assertEquals(4, r.skipped());
        assertEquals(before, Files.readAllLines(dir.resolve(Sweep.CSV)));

        // A trial without its snapshot, and one without its row (killed between the two: no row file, no
        // sweep.csv row), run again.
        Files.delete(dir.resolve("trials/k0.01-s1.wolp"));
        List<String> cut = new ArrayList<>(before);
        cut.removeIf(line -> line.startsWith("0.001,2,0,"));
        Files.write(dir.resolve(Sweep.CSV), cut);
        Files.delete(dir.resolve("trials/k0.001-s0.csv"));
        Counter third = new Counter();
        r = new Sweep(dir, "tiny", third).train(plan(300), MARKER);
        assertEquals(java.util.Set.of("k0.01-s1", "k0.001-s0"), java.util.Set.copyOf(third.started));
        assertEquals(2, r.ran());
        assertEquals(4, r.trials().size());

        // More k ratios on the same settings extend the sweep; the finished trials stay.
        Counter fourth = new Counter();
        r = new Sweep(dir, "tiny", fourth).train(new Sweep.Plan(tiny(300), List.of(0.01, 0.001, 0.0005), 2, 1, 2), MARKER);
        assertEquals(2, fourth.started.size());
        assertEquals(6, r.trials().size());
    }

    @Test
    void aSweepFromBeforeTheStatisticsAndTheTargetModeResumes() throws Exception {
        new Sweep(dir, "tiny", null).train(plan(300), MARKER);
        List<String> now = Files.readAllLines(dir.resolve(Sweep.CSV));
        // The files as an older build wrote them: 10 cells a row, a config without targetMode.
        List<String> old = now.stream().map(line -> String.join(",", java.util.Arrays.copyOf(line.split(",", -1), 10))).toList();
        Files.write(dir.resolve(Sweep.CSV), old);
        try (var rowFiles = Files.newDirectoryStream(dir.resolve(Sweep.TRIALS), "*.csv")) {
            for (Path f : rowFiles) {
                Files.delete(f); // an older build wrote no row files
            }
        }
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        com.fasterxml.jackson.databind.node.ObjectNode settings =
                (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(dir.resolve(Sweep.SETTINGS).toFile());
        ((com.fasterxml.jackson.databind.node.ObjectNode) settings.get("config")).remove("targetMode");
        Files.writeString(dir.resolve(Sweep.SETTINGS), settings.toPrettyString());

        Counter again = new Counter();
        Sweep.Result r = new Sweep(dir, "tiny", again).train(plan(300), MARKER);
        assertEquals(List.of(), again.started, "every trial was finished");
        assertEquals(4, r.skipped());
        assertEquals(now, Files.readAllLines(dir.resolve(Sweep.CSV)), "rewritten with the statistics columns");
        assertTrue(now.get(1).split(",", -1).length == 13 && !now.get(1).endsWith(",,,"), "2 seeds: a CI and a p");

        // A proto-target sweep is another setting.
        WolpertingerConfig proto = Presets.with(tiny(300), java.util.Map.of("targetMode", "proto"));
        assertThrows(IllegalArgumentException.class,
                () -> new Sweep(dir, "tiny", null).train(new Sweep.Plan(proto, List.of(0.01, 0.001), 2, 1, 2), MARKER));
    }

    @Test
    void aDirectoryWithOtherSettingsIsRefused() {
        new Sweep(dir, "tiny", null).train(plan(100), MARKER);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Sweep(dir, "tiny", null).train(plan(150), MARKER));
        assertTrue(e.getMessage().contains("other settings"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new Sweep(dir, "tiny", null).score(() -> new TrainingRun(tiny(100)), tiny(100), "x", List.of(0.1), 1, 1));
    }

    @Test
    void scoringOneRunAtManyKGivesOneRowPerRatio() throws Exception {
        WolpertingerConfig config = tiny(0);
        Counter counter = new Counter();
        Sweep.Result r = new Sweep(dir, "scored", counter)
                .score(() -> new TrainingRun(config), config, "fresh run", List.of(1.0, 0.01, 0.0001), 2, 2);
        assertEquals(3, counter.started.size());
        assertEquals(List.of(0.0001, 0.01, 1.0), r.trials().stream().map(SweepTrial::kRatio).toList());
        assertEquals(List.of(1, 20, 2001), r.trials().stream().map(SweepTrial::k).toList());
        for (SweepTrial t : r.trials()) {
            assertEquals(0, t.steps());
            assertEquals(0, t.seed());
            assertTrue(Double.isNaN(t.trainStepsPerS()));
            assertTrue(t.selectMedianUs() > 0);
        }
        String row = Files.readAllLines(dir.resolve(Sweep.CSV)).get(1);
        assertTrue(row.matches("0\\.0001,1,0,0,[^,]+,[^,]+,,[^,]+,[^,]+,ok,,,"), "one seed: no CI, no p: " + row);
        assertFalse(Files.exists(dir.resolve(Sweep.TRIALS)));
        assertEquals(SweepPlot.WIDTH, ImageIO.read(dir.resolve(Sweep.PNG).toFile()).getWidth());
    }

    @Test
    void badPlansNameTheProblem() {
        WolpertingerConfig c = tiny(100);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Sweep.Plan(c, List.of(0.0), 1, 1, 1))
                .getMessage().contains("outside (0, 1]"));
        assertThrows(IllegalArgumentException.class, () -> new Sweep.Plan(c, List.of(1.5), 1, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new Sweep.Plan(c, List.of(), 1, 1, 1));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Sweep.Plan(c, List.of(0.1), 0, 1, 1))
                .getMessage().contains("seeds"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Sweep.Plan(c, List.of(0.1), 1, 1, 0))
                .getMessage().contains("parallel"));
        assertThrows(IllegalArgumentException.class, () -> new Sweep.Plan(c, List.of(0.1), 1, 0, 1));
        assertEquals(List.of(0.1, 0.2), new Sweep.Plan(c, List.of(0.1, 0.2, 0.1), 1, 1, 1).kRatios());
    }

    @Test
    void anOutputThatIsAFileIsRefused() throws Exception {
        Path file = Files.writeString(dir.resolve("plain"), "x");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Sweep(file, "t", null));
        assertTrue(e.getMessage().startsWith("cannot write to --out"), e.getMessage());
    }

    @Test
    void rowsRoundTripThroughCsv() {
        SweepTrial t = new SweepTrial(1e-4, 20, 3, 20000, -150.25, 80.5, Double.NaN, 95.5, 12.0);
        assertEquals("0.0001,20,3,20000,-150.25,80.5,,95.5,12.0,ok", t.toCsv());
        assertEquals(t, SweepTrial.parseCsv("0.0001,20,3,20000,-150.25,80.5,,95.5,12.0"), "a row from before the status column");
        SweepTrial diverged = SweepTrial.parseCsv("0.01,20,0,65,,,300.5,,1.5,diverged");
        assertTrue(diverged.diverged());
        assertThrows(IllegalArgumentException.class, () -> SweepTrial.parseCsv("0.01,20,0,65,,,300.5,,1.5,maybe"));
        SweepTrial back = SweepTrial.parseCsv(t.toCsv());
        assertEquals(t.toCsv(), back.toCsv());
        assertEquals("k0.0001-s3", back.fileStem());
        assertThrows(IllegalArgumentException.class, () -> SweepTrial.parseCsv("1,2,3"));
        assertThrows(IllegalArgumentException.class, () -> SweepTrial.parseCsv("a,2,3,4,5,6,7,8,9"));
    }

    @Test
    void divergedTrialsAreMarkedAndTheSweepGoesOn() throws Exception {
        WolpertingerConfig wild = Presets.with(tiny(300), java.util.Map.of("criticLr", 1e6));
        Counter counter = new Counter();
        Sweep.Result result = new Sweep(dir, "wild", counter).train(new Sweep.Plan(wild, List.of(0.01, 0.001), 2, 1, 2),
                MARKER);
        assertEquals(4, result.ran(), "every trial ran");
        List<String> lines = Files.readAllLines(dir.resolve(Sweep.CSV));
        assertEquals(5, lines.size());
        for (String line : lines.subList(1, 5)) {
            SweepTrial r = SweepTrial.parseCsv(line);
            assertTrue(line.contains(",diverged,"), line);
            assertTrue(r.steps() > 50 && r.steps() < 300, "stopped at the divergence: " + r);
            assertTrue(Double.isNaN(r.evalMeanReturn()), "no score for a diverged trial");
            assertEquals("steps " + r.steps(), Files.readString(dir.resolve("trials").resolve(r.fileStem() + ".wolp")),
                    "the last finite state is the trial's snapshot");
        }
        assertTrue(Files.isRegularFile(dir.resolve(Sweep.PNG)));
    }

    /** A sweep.csv line without its timing cells (train_steps_per_s, select_median_us, wall_s), which differ run to run. */
    static String withoutTimings(String line) {
        List<String> cells = new ArrayList<>(List.of(line.split(",", -1)));
        cells.subList(6, 9).clear();
        return String.join(",", cells);
    }

    static List<String> tableWithoutTimings(Path csv) throws Exception {
        return Files.readAllLines(csv).stream().map(SweepTest::withoutTimings).toList();
    }

    @Test
    void trialsAreNumberedLargestKFirstWhateverTheOrderOfTheRatiosOrTheParallelism() {
        List<Sweep.Trial> a = new Sweep.Plan(tiny(10), List.of(0.001, 0.01, 0.0001), 2, 1, 1).trials();
        List<Sweep.Trial> b = new Sweep.Plan(tiny(10), List.of(0.01, 0.0001, 0.001), 2, 1, 3).trials();
        assertEquals(a, b);
        assertEquals(List.of("k0.01-s0", "k0.01-s1", "k0.001-s0", "k0.001-s1", "k0.0001-s0", "k0.0001-s1"),
                a.stream().map(Sweep.Trial::fileStem).toList());
        assertEquals(List.of(20, 20, 2, 2, 1, 1), a.stream().map(Sweep.Trial::k).toList());
        // Equal k (floor(2001 * r) = 1 for both): the larger k ratio first.
        List<Sweep.Trial> tie = new Sweep.Plan(tiny(10), List.of(0.0001, 0.0002), 1, 1, 1).trials();
        assertEquals(List.of("k0.0002-s0", "k0.0001-s0"), tie.stream().map(Sweep.Trial::fileStem).toList());
    }

    @Test
    void trialsRunAsIndependentJobsMergeIntoTheSameTableAsTheInProcessSweep() throws Exception {
        Path whole = dir.resolve("whole");
        new Sweep(whole, "tiny", null).train(plan(300), MARKER);
        for (Sweep.Trial t : plan(300).trials()) {
            assertEquals(List.of(SweepTrial.OWN_HEADER), Files.readAllLines(whole.resolve("trials/" + t.fileStem() + ".csv")).subList(0, 1),
                    "the in-process sweep writes the row files too");
        }

        // Three "processes" (separate Sweep objects; two of them at once) run disjoint trials into one directory.
        Path split = dir.resolve("split");
        Sweep.Result first = new Sweep(split, "tiny", null).trainOne(plan(300), 2, MARKER);
        assertEquals(1, first.ran());
        assertEquals(List.of(0, 1, 3), first.missing());
        assertFalse(Files.exists(split.resolve(Sweep.CSV)), "a single trial writes no table");
        assertTrue(Files.isRegularFile(split.resolve("trials/k0.001-s0.csv")));
        Thread other = new Thread(() -> new Sweep(split, "tiny", null).trainOne(plan(300), 0, MARKER));
        other.start();
        new Sweep(split, "tiny", null).trainOne(plan(300), 3, MARKER);
        new Sweep(split, "tiny", null).trainOne(plan(300), 1, MARKER);
        other.join();

        Counter again = new Counter();
        Sweep.Result rerun = new Sweep(split, "tiny", again).trainOne(plan(300), 1, MARKER);
        assertEquals(List.of(), again.started, "a finished trial is not run again");
        assertEquals(1, rerun.skipped());

        Sweep.Result merged = new Sweep(split, "tiny", null).merge(plan(300));
        assertEquals(List.of(), merged.missing());
        assertEquals(4, merged.skipped());
        assertEquals(0, merged.ran());
        assertEquals(tableWithoutTimings(whole.resolve(Sweep.CSV)), tableWithoutTimings(split.resolve(Sweep.CSV)));
        assertEquals(SweepPlot.WIDTH, ImageIO.read(split.resolve(Sweep.PNG).toFile()).getWidth());
        assertEquals(Files.readString(whole.resolve(Sweep.SETTINGS)), Files.readString(split.resolve(Sweep.SETTINGS)));

        // A sweep run again without an index assembles the same table and trains nothing.
        Counter whole2 = new Counter();
        new Sweep(split, "tiny", whole2).train(plan(300), MARKER);
        assertEquals(List.of(), whole2.started);
        assertEquals(tableWithoutTimings(whole.resolve(Sweep.CSV)), tableWithoutTimings(split.resolve(Sweep.CSV)));
    }

    @Test
    void mergeTrainsNothingAndNamesTheMissingTrials() throws Exception {
        new Sweep(dir, "tiny", null).trainOne(plan(300), 1, MARKER);
        Counter counter = new Counter();
        Sweep.Result merged = new Sweep(dir, "tiny", counter).merge(plan(300));
        assertEquals(List.of(), counter.started);
        assertEquals(List.of(0, 2, 3), merged.missing());
        List<String> lines = Files.readAllLines(dir.resolve(Sweep.CSV));
        assertEquals(2, lines.size());
        assertTrue(lines.get(1).startsWith("0.01,20,1,300,"), lines.get(1));
        // A row file without its snapshot is not a finished trial.
        Files.delete(dir.resolve("trials/k0.01-s1.wolp"));
        assertEquals(List.of(0, 1, 2, 3), new Sweep(dir, "tiny", null).merge(plan(300)).missing());
    }

    @Test
    void aTrialIndexOutsideThePlanOrOtherSettingsAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Sweep(dir, "tiny", null).trainOne(plan(300), 4, MARKER));
        assertEquals("--trial-index 4 is outside 0..3 (the plan has 4 trials; sweep --list prints them)", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Sweep(dir, "tiny", null).trainOne(plan(300), -1, MARKER));
        new Sweep(dir, "tiny", null).trainOne(plan(100), 3, MARKER);
        e = assertThrows(IllegalArgumentException.class, () -> new Sweep(dir, "tiny", null).trainOne(plan(150), 0, MARKER));
        assertTrue(e.getMessage().contains("other settings"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Sweep(dir, "tiny", null).merge(plan(150)));
    }
}
