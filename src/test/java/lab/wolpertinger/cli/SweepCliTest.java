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
import java.util.List;
import javax.imageio.ImageIO;
import lab.wolpertinger.snapshot.Snapshots;
import lab.wolpertinger.train.SweepPlot;
import lab.wolpertinger.train.SweepTrial;
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
        "--parallel=0", "--steps=0", "--env=MountainCar-v0", "--eval-episodes=0", "--episodes=2"})
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
}
