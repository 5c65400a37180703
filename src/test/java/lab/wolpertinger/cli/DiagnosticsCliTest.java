package lab.wolpertinger.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import lab.wolpertinger.train.Diagnostics;
import lab.wolpertinger.train.EpisodeRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The diagnostics in train's progress line and in metrics.csv. */
class DiagnosticsCliTest {

    @TempDir
    Path dir;

    private Path preset(double criticLr) throws Exception {
        Path p = dir.resolve("lr" + criticLr + ".json");
        Files.writeString(p, "{\"env\":\"Pendulum-v1\",\"hidden1\":16,\"hidden2\":12,\"batchSize\":16,"
                + "\"warmupSteps\":50,\"bufferCapacity\":2000,\"maxActions\":2001,\"kRatio\":0.01,\"evalEpisodes\":1,"
                + "\"seed\":3,\"criticLr\":" + criticLr + "}", StandardCharsets.UTF_8);
        return p;
    }

    /** metrics.csv's rows split into fields, the warning (last, maybe quoted) kept whole. */
    private static List<String[]> rows(Path csv) throws Exception {
        List<String[]> out = new ArrayList<>();
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        assertEquals(EpisodeRecord.CSV_HEADER, lines.get(0));
        for (String line : lines.subList(1, lines.size())) {
            out.add(line.split(",", 20));
        }
        return out;
    }

    /** Trains {@code steps} steps with critic lr {@code criticLr} into DIR/{@code name}; returns its last progress line. */
    private String train(String name, double criticLr, int steps) throws Exception {
        CliTest.Result r = CliTest.cli("train", "--env", "Pendulum-v1", "--preset", preset(criticLr).toString(),
                "--steps", Integer.toString(steps), "--out", dir.resolve(name).toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(!r.err().contains("Exception"), r.err());
        return r.err().lines().filter(l -> l.startsWith("step " + steps + "/" + steps)).findFirst().orElseThrow();
    }

    @Test
    void thePresetsRunShowsItsDiagnosticsAndNoWarning() throws Exception {
        String last = train("ok", 0.001, 600);
        Path out = dir.resolve("ok");
        assertTrue(last.matches(".*steps/s  td [0-9.e-]+  Q \\[-?[0-9.e-]+, -?[0-9.e-]+\\] of \\[-1630, 0\\]  "
                + "actor grad [0-9.e-]+  not nearest [0-9]+%  chosen-proto [0-9.e-]+  noise [0-9.]+"), last);
        assertTrue(!last.contains("WARNING"), last);
        List<String[]> rows = rows(out.resolve("metrics.csv"));
        assertEquals(3, rows.size());
        String[] third = rows.get(2);
        assertEquals(20, third.length);
        for (int c = 11; c < 19; c++) {
            assertTrue(Double.isFinite(Double.parseDouble(third[c])), "column " + c + " of " + String.join(",", third));
        }
        assertEquals("", third[19], "no warning");
        assertEquals(-1627.36044, Double.parseDouble(third[14]), 1e-5, "q_low_bound = -16.2736044 / (1 - 0.99)");
    }

    @Test
    void anAbsurdCriticLrWarnsInTheProgressLineAndInTheCsv() throws Exception {
        String last = train("wild", 5, 1000);
        Path out = dir.resolve("wild");
        // Q leaves the range in the first episode, then the critic's units die: the actor's gradient stays 0.
        String cause = "; critic lr 5 is far above the default preset pendulum-200k's 0.001";
        assertTrue(last.matches(".*  WARNING: the actor's gradient has been 0 for [0-9]+ updates: the actor no longer "
                + "learns \\(dead critic units or a saturated actor\\)" + cause), last);
        List<String[]> rows = rows(out.resolve("metrics.csv"));
        assertTrue(rows.get(0)[19].matches("\"Q -?[0-9.e]+ is (above|below) the (highest|lowest) return the rewards "
                + "allow, -?[0-9]+" + cause + "\""), rows.get(0)[19]);
        assertTrue(rows.get(4)[19].startsWith("the actor's gradient has been 0"), rows.get(4)[19]);
    }

    @Test
    void resumingIntoAnOlderMetricsFileAddsTheNewColumns() throws Exception {
        Path out = dir.resolve("resume");
        CliTest.Result r = CliTest.cli("train", "--env", "Pendulum-v1", "--preset", preset(0.001).toString(),
                "--steps", "400", "--out", out.toString(), "--save-every", "200");
        assertEquals(0, r.code(), r.err());
        // Make metrics.csv look as an older version wrote it: only the base columns.
        Path csv = out.resolve("metrics.csv");
        List<String> old = new ArrayList<>();
        for (String line : Files.readAllLines(csv, StandardCharsets.UTF_8)) {
            old.add(String.join(",", java.util.Arrays.copyOf(line.split(",", 20), 11)));
        }
        assertEquals(EpisodeRecord.BASE_CSV_HEADER, old.get(0));
        Files.write(csv, old, StandardCharsets.UTF_8);
        CliTest.Result r2 = CliTest.cli("train", "--resume", out.resolve("checkpoint-200.wolp").toString(),
                "--steps", "200", "--out", out.toString());
        assertEquals(0, r2.code(), r2.err());
        List<String[]> rows = rows(csv);
        assertEquals(2, rows.size());
        assertEquals(20, rows.get(0).length, "the old row is padded");
        assertEquals("", rows.get(0)[11]);
        assertTrue(Double.isFinite(Double.parseDouble(rows.get(1)[11])), "the resumed row has its TD error");
        assertEquals(Diagnostics.CSV_HEADER.split(",").length + 11, rows.get(1).length);
    }
}
