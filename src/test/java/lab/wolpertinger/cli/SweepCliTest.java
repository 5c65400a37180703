package lab.wolpertinger.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import lab.wolpertinger.snapshot.Snapshots;
import lab.wolpertinger.sweep.SweepPlot;
import lab.wolpertinger.sweep.SweepTrial;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SweepCliTest {

    @TempDir
    Path dir;

    private Path preset() throws Exception {
        Path p = dir.resolve("tiny.json");
        Files.writeString(p, "{\"env\":\"Pendulum-v1\",\"hidden1\":16,\"hidden2\":12,\"batchSize\":16,"
                + "\"warmupSteps\":50,\"bufferCapacity\":300,\"maxActions\":2001,\"evalEpisodes\":1}", StandardCharsets.UTF_8);
        return p;
    }

    private static JsonNode lastJson(CliTest.Result r) throws Exception {
        String[] lines = r.out().strip().split("\n");
        return new ObjectMapper().readTree(lines[lines.length - 1]);
    }

    private static List<SweepTrial> rows(Path csv) throws Exception {
        List<String> lines = Files.readAllLines(csv);
        assertEquals(SweepTrial.CSV_HEADER, lines.get(0));
        return lines.subList(1, lines.size()).stream().map(SweepTrial::parseCsv).toList();
    }

    @Test
    void sweepTrainsEveryTrialThenResumesWithoutRerunningThem() throws Exception {
        Path out = dir.resolve("sweep");
        String[] args = {"sweep", "--env", "Pendulum-v1", "--preset", preset().toString(), "--k-ratios", "0.01,0.001",
            "--seeds", "2", "--steps", "300", "--out", out.toString(), "--parallel", "2"};
        CliTest.Result r = CliTest.cli(args);
        assertEquals(0, r.code(), r.err());
        JsonNode json = lastJson(r);
        assertEquals(4, json.get("trials").asInt());
        assertEquals(4, json.get("ran").asInt());
        assertEquals(out.toString(), json.get("out").asText());
        assertTrue(json.get("wall_s").asDouble() > 0);
        assertTrue(r.err().contains("done: k=20 (ratio 0.01) seed 1"), r.err());

        List<SweepTrial> rows = rows(out.resolve("sweep.csv"));
        assertEquals(4, rows.size());
        assertEquals(List.of("k0.001-s0", "k0.001-s1", "k0.01-s0", "k0.01-s1"), rows.stream().map(SweepTrial::fileStem).toList());
        for (SweepTrial t : rows) {
            Path snap = out.resolve("trials").resolve(t.fileStem() + ".wolp");
            assertEquals(300, Snapshots.load(snap).manifest().run().steps());
            assertEquals(t.kRatio(), Snapshots.load(snap).manifest().agent().kRatio());
        }
        BufferedImage png = ImageIO.read(out.resolve("sweep.png").toFile());
        assertEquals(SweepPlot.WIDTH, png.getWidth());
        assertEquals(SweepPlot.HEIGHT, png.getHeight());

        // A sweep row agrees with eval of its snapshot: the same scoring path and episode seeds.
        SweepTrial first = rows.get(0);
        CliTest.Result e = CliTest.cli("eval", "--snapshot", out.resolve("trials/k0.001-s0.wolp").toString(), "--episodes", "1");
        assertEquals(first.evalMeanReturn(), new ObjectMapper().readTree(e.out().strip()).get("mean_return").asDouble());

        // Run again: nothing is trained, no snapshot is rewritten, the rows stay.
        FileTime old = FileTime.fromMillis(1_000_000L);
        for (SweepTrial t : rows) {
            Files.setLastModifiedTime(out.resolve("trials").resolve(t.fileStem() + ".wolp"), old);
        }
        CliTest.Result again = CliTest.cli(args);
        assertEquals(0, again.code(), again.err());
        assertEquals(0, lastJson(again).get("ran").asInt());
        assertEquals(4, lastJson(again).get("skipped").asInt());
        assertFalse(again.err().contains("start:"), again.err());
        for (SweepTrial t : rows) {
            assertEquals(old, Files.getLastModifiedTime(out.resolve("trials").resolve(t.fileStem() + ".wolp")));
        }
        assertEquals(rows, rows(out.resolve("sweep.csv")));
    }

    @Test
    void snapshotModeScoresOneTrainedRunAtEachK() throws Exception {
        Path run = dir.resolve("run");
        CliTest.Result t = CliTest.cli("train", "--env", "Pendulum-v1", "--preset", preset().toString(), "--steps", "300",
                "--seed", "5", "--out", run.toString(), "--eval-episodes", "1");
        assertEquals(0, t.code(), t.err());
        Path out = dir.resolve("scored");
        CliTest.Result r = CliTest.cli("sweep", "--snapshot", run.resolve("final.wolp").toString(),
                "--k-ratios", "0.0001,0.01,1", "--episodes", "2", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(3, lastJson(r).get("trials").asInt());
        List<SweepTrial> rows = rows(out.resolve("sweep.csv"));
        assertEquals(List.of(1, 20, 2001), rows.stream().map(SweepTrial::k).toList());
        for (SweepTrial row : rows) {
            assertEquals(5, row.seed());
            assertEquals(300, row.steps());
            assertTrue(Double.isNaN(row.trainStepsPerS()));
            assertTrue(row.selectMedianUs() > 0);
            CliTest.Result e = CliTest.cli("eval", "--snapshot", run.resolve("final.wolp").toString(), "--episodes", "2",
                    "--k-ratio", SweepTrial.ratioText(row.kRatio()));
            assertEquals(row.evalMeanReturn(), new ObjectMapper().readTree(e.out().strip()).get("mean_return").asDouble());
        }
        assertTrue(Files.readAllLines(out.resolve("sweep.csv")).get(1).contains(",,"), "train_steps_per_s is empty");
        assertEquals(SweepPlot.WIDTH, ImageIO.read(out.resolve("sweep.png").toFile()).getWidth());
    }

    @ParameterizedTest
    @ValueSource(strings = {"--k-ratios=0", "--k-ratios=1.5", "--k-ratios=0.1,-0.2", "--k-ratios=abc", "--seeds=0",
        "--parallel=0", "--steps=0", "--env=MountainCar-v0", "--eval-episodes=0", "--episodes=2", "--trial-index=1",
        "--trial-index=-1"})
    void badInputIsOneLineAndExitCode2(String bad) throws Exception {
        String key = bad.substring(0, bad.indexOf('='));
        String[] base = {"--env=Pendulum-v1", "--preset=" + preset(), "--k-ratios=0.01", "--seeds=1", "--steps=10",
            "--out=" + dir.resolve("o")};
        java.util.List<String> args = new java.util.ArrayList<>(List.of("sweep"));
        for (String a : base) {
            if (!a.startsWith(key + "=")) {
                args.add(a);
            }
        }
        args.add(bad);
        CliTest.Result r = CliTest.cli(args.toArray(String[]::new));
        assertEquals(2, r.code(), r.err());
        assertEquals(1, r.err().strip().split("\n").length, r.err());
        assertTrue(r.err().startsWith("error: "), r.err());
        assertEquals("", r.out());
    }

    @Test
    void anUnwritableOutIsOneLineAndExitCode2() throws Exception {
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        CliTest.Result r = CliTest.cli("sweep", "--env", "Pendulum-v1", "--preset", preset().toString(), "--k-ratios", "0.01",
                "--seeds", "1", "--steps", "10", "--out", file.resolve("sub").toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().startsWith("error: cannot write to --out"), r.err());
        assertEquals(1, r.err().strip().split("\n").length, r.err());
    }

    @Test
    void snapshotModeRefusesTrainingFlags() throws Exception {
        CliTest.Result r = CliTest.cli("sweep", "--snapshot", dir.resolve("x.wolp").toString(), "--k-ratios", "0.01",
                "--seeds", "2", "--out", dir.resolve("o").toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("--seeds cannot be combined with --snapshot"), r.err());
    }

    /** The training flags of a 4-trial sweep (k ratios 0.01 and 0.001, 2 seeds, 300 steps) into {@code out}, then {@code more}. */
    private String[] sweepArgs(Path out, String... more) throws Exception {
        List<String> args = new ArrayList<>(List.of("sweep", "--env", "Pendulum-v1", "--preset", preset().toString(),
                "--k-ratios", "0.01,0.001", "--seeds", "2", "--steps", "300", "--out", out.toString()));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    /** sweep.csv without the timing columns (train_steps_per_s, select_median_us, wall_s). */
    private static List<String> withoutTimings(Path csv) throws Exception {
        List<String> lines = new ArrayList<>();
        for (String line : Files.readAllLines(csv)) {
            List<String> cells = new ArrayList<>(List.of(line.split(",", -1)));
            cells.subList(6, 9).clear();
            lines.add(String.join(",", cells));
        }
        return lines;
    }

    /** Starts {@code sweep args} in a separate JVM with this JVM's classpath, as a job scheduler would. */
    private static Process childJvm(Path log, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (arg.startsWith("-D") || arg.startsWith("--add-opens")) {
                cmd.add(arg);
            }
        }
        cmd.addAll(List.of("-Xmx512m", "-cp", System.getProperty("java.class.path"), "lab.wolpertinger.Launcher"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("OMP_NUM_THREADS", "1");
        return pb.start();
    }

    @Test
    void listPrintsTheNumberedPlanAndTrainsNothing() throws Exception {
        Path out = dir.resolve("never");
        CliTest.Result r = CliTest.cli(sweepArgs(out, "--list", "--parallel", "3"));
        assertEquals(0, r.code(), r.err());
        assertEquals("index,k_ratio,k,seed\n0,0.01,20,0\n1,0.01,20,1\n2,0.001,2,0\n3,0.001,2,1\n",
                r.out().replace(System.lineSeparator(), "\n"));
        assertFalse(Files.exists(out), "--list writes nothing");
        // Without --out, and with the k ratios in another order: the same plan.
        CliTest.Result other = CliTest.cli("sweep", "--env", "Pendulum-v1", "--preset", preset().toString(),
                "--k-ratios", "0.001,0.01", "--seeds", "2", "--steps", "300", "--list");
        assertEquals(0, other.code(), other.err());
        assertEquals(r.out(), other.out());
    }

    @Test
    void aTrialIndexSweepSplitAcrossThreeProcessesMergesIntoTheSameSweepCsv() throws Exception {
        Path whole = dir.resolve("whole");
        CliTest.Result inProcess = CliTest.cli(sweepArgs(whole, "--parallel", "2"));
        assertEquals(0, inProcess.code(), inProcess.err());

        // Process 1: a separate JVM running trial 0; processes 2 (trials 1, 2) and 3 (trial 3) meanwhile, in this JVM.
        Path split = dir.resolve("split");
        Path log = dir.resolve("child.log");
        Process child = childJvm(log, sweepArgs(split, "--trial-index", "0"));
        try {
            for (String i : new String[] {"1", "2", "3"}) {
                CliTest.Result r = CliTest.cli(sweepArgs(split, "--trial-index", i));
                assertEquals(0, r.code(), r.err());
                assertEquals(Integer.parseInt(i), lastJson(r).get("trial_index").asInt());
                assertEquals(1, lastJson(r).get("ran").asInt());
            }
            assertEquals(0, child.waitFor(), () -> readLog(log));
        } finally {
            child.destroy();
        }
        assertTrue(readLog(log).contains("\"trial_index\":0"), readLog(log));
        assertFalse(Files.exists(split.resolve("sweep.csv")), "the trials write their own rows, not the table");

        CliTest.Result merged = CliTest.cli(sweepArgs(split, "--merge"));
        assertEquals(0, merged.code(), merged.err());
        assertEquals(0, lastJson(merged).get("ran").asInt());
        assertEquals(0, lastJson(merged).get("missing").size());
        assertTrue(merged.err().contains("merged 4 of 4 trials"), merged.err());
        assertEquals(withoutTimings(whole.resolve("sweep.csv")), withoutTimings(split.resolve("sweep.csv")));
        assertEquals(SweepPlot.WIDTH, ImageIO.read(split.resolve("sweep.png").toFile()).getWidth());
        for (SweepTrial t : rows(split.resolve("sweep.csv"))) {
            assertEquals(300, Snapshots.load(split.resolve("trials").resolve(t.fileStem() + ".wolp")).manifest().run().steps());
        }
    }

    private static String readLog(Path log) {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Test
    void mergeWithAMissingTrialNamesItAndTrainsNothing() throws Exception {
        Path out = dir.resolve("part");
        assertEquals(0, CliTest.cli(sweepArgs(out, "--trial-index", "1")).code());
        CliTest.Result r = CliTest.cli(sweepArgs(out, "--merge"));
        assertEquals(0, r.code(), r.err());
        assertFalse(r.err().contains("start:"), r.err());
        assertTrue(r.err().contains("merged 1 of 4 trials into " + out.resolve("sweep.csv") + "; missing 3: "
                + "0 (k=20, ratio 0.01, seed 0) 2 (k=2, ratio 0.001, seed 0) 3 (k=2, ratio 0.001, seed 1); "
                + "run them with --trial-index I, or run the sweep without it"), r.err());
        assertEquals("[0,2,3]", lastJson(r).get("missing").toString());
        assertEquals(List.of("k0.01-s1"), rows(out.resolve("sweep.csv")).stream().map(SweepTrial::fileStem).toList());
    }

    @Test
    void aBadTrialIndexOrTwoModesAreOneLineAndExitCode2() throws Exception {
        CliTest.Result r = CliTest.cli(sweepArgs(dir.resolve("o"), "--trial-index", "4"));
        assertEquals(2, r.code(), r.err());
        assertEquals("error: --trial-index 4 is outside 0..3 (the plan has 4 trials; sweep --list prints them)", r.err().strip());
        r = CliTest.cli(sweepArgs(dir.resolve("o"), "--merge", "--trial-index", "0"));
        assertEquals(2, r.code(), r.err());
        assertEquals("error: --list, --trial-index and --merge are alternatives; give one of them", r.err().strip());
        r = CliTest.cli("sweep", "--snapshot", dir.resolve("x.wolp").toString(), "--k-ratios", "0.01", "--merge",
                "--out", dir.resolve("o").toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().startsWith("error: --merge cannot be combined with --snapshot"), r.err());
        r = CliTest.cli("sweep", "--env", "Pendulum-v1", "--k-ratios", "0.01");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().startsWith("error: --out DIR is required"), r.err());
    }

    @Test
    void aSweepOnSparkLocalWritesTheSameTableAsOneOnThreads() throws Exception {
        CliTest.Result threads = CliTest.cli(sweepArgs(dir.resolve("threads"), "--parallel", "2"));
        assertEquals(0, threads.code(), threads.err());
        CliTest.Result spark = CliTest.cli(sweepArgs(dir.resolve("spark"), "--spark", "local[2]"));
        assertEquals(0, spark.code(), spark.err());
        assertTrue(spark.err().contains("on Spark local[2] (2 cores now): 2 k ratios x 2 seeds = 4 trials"), spark.err());
        assertTrue(spark.err().contains("sent to Spark: k=20 (ratio 0.01) seed 0"), spark.err());
        assertEquals(4, lastJson(spark).get("ran").asInt());
        assertEquals(withoutTimings(dir.resolve("threads/sweep.csv")), withoutTimings(dir.resolve("spark/sweep.csv")));
        for (SweepTrial t : rows(dir.resolve("spark/sweep.csv"))) {
            assertEquals(300, Snapshots.load(dir.resolve("spark/trials").resolve(t.fileStem() + ".wolp")).manifest().run().steps());
        }
    }

    @Test
    void badSparkUsesAreOneLineAndExitCode2() throws Exception {
        CliTest.Result r = CliTest.cli(sweepArgs(dir.resolve("o"), "--spark", "nonsense"));
        assertEquals(2, r.code(), r.err());
        assertEquals("error: --spark nonsense is not a Spark master URL: give local[2], local[*], spark://host:7077 or yarn",
                r.err().strip());
        r = CliTest.cli(sweepArgs(dir.resolve("o"), "--spark", "local[2]", "--merge"));
        assertEquals(2, r.code(), r.err());
        assertEquals("error: --spark runs a whole training sweep; drop --merge (a sweep split into jobs needs no Spark)",
                r.err().strip());
        assertFalse(Files.exists(dir.resolve("o")));
    }

    @Test
    void sparkMasterUrlsAreRecognised() {
        for (String ok : List.of("local", "local[2]", "local[*]", "local[4,2]", "spark://host:7077", "spark://a:7077,b:7077",
            "yarn", "k8s://https://api:6443")) {
            assertTrue(SparkRuntime.isMasterUrl(ok), ok);
        }
        for (String bad : List.of("", "nonsense", "local[x]", "spark://", "spark://host:port", "yarn-client")) {
            assertFalse(SparkRuntime.isMasterUrl(bad), bad);
        }
        assertTrue(SparkRuntime.wanted(new String[] {"sweep", "--env", "Pendulum-v1", "--spark", "local[2]"}));
        assertTrue(SparkRuntime.wanted(new String[] {"sweep", "--spark=yarn"}));
        assertFalse(SparkRuntime.wanted(new String[] {"train", "--spark", "local[2]"}));
        assertTrue(SparkRuntime.missing().contains("mvn -B -Pspark -DskipTests package"), SparkRuntime.missing());
    }
}
