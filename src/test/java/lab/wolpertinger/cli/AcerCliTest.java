package lab.wolpertinger.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code train --agent acer}: the ACER preset by default, metrics, the JSON line, and Wolpertinger-only options refused. */
class AcerCliTest {
    @TempDir
    Path dir;

    @Test
    void trainAcerUsesTheEnvsAcerPresetAndEndsWithOneJsonLine() throws Exception {
        Path out = dir.resolve("run");
        CliTest.Result r = CliTest.cli("train", "--agent", "acer", "--env", "CartPole-v1", "--steps", "400",
                "--seed", "2", "--out", out.toString(), "--eval-episodes", "2");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().startsWith("training acer CartPole-v1: N=2 k=2 steps=400 seed=2"), r.err());
        String[] lines = r.out().strip().split("\n");
        JsonNode json = new ObjectMapper().readTree(lines[lines.length - 1]);
        assertEquals("acer", json.get("agent").asText());
        assertEquals(2, json.get("n").asInt());
        assertEquals(2, json.get("k").asInt(), "ACER scores all N");
        assertEquals(400, json.get("total_steps").asInt());
        assertFalse(json.has("k_ratio"));
        assertTrue(Files.readAllLines(out.resolve("metrics.csv")).size() > 2, "one row per episode");
        assertTrue(Files.exists(out.resolve("final.wolp")));
    }

    @Test
    void anAcerSnapshotEvaluatesAndResumes() throws Exception {
        Path out = dir.resolve("run");
        CliTest.Result r = CliTest.cli("train", "--agent", "acer", "--env", "CartPole-v1", "--steps", "300",
                "--seed", "4", "--out", out.toString(), "--eval-episodes", "1", "--save-replay");
        assertEquals(0, r.code(), r.err());
        String snapshot = out.resolve("final.wolp").toString();
        CliTest.Result e = CliTest.cli("eval", "--snapshot", snapshot, "--episodes", "3", "--agent", "acer");
        assertEquals(0, e.code(), e.err());
        JsonNode json = new ObjectMapper().readTree(e.out().strip());
        assertEquals("acer", json.get("agent").asText());
        assertEquals(3, json.get("episodes").asInt());
        assertEquals(300, json.get("steps").asInt());
        assertTrue(json.get("select_median_us").asDouble() > 0);
        CliTest.Result wrong = CliTest.cli("eval", "--snapshot", snapshot, "--agent", "wolpertinger");
        assertEquals(2, wrong.code());
        assertEquals("error: --agent wolpertinger, but " + snapshot + " holds an acer run", wrong.err().strip());
        CliTest.Result resumed = CliTest.cli("train", "--resume", snapshot, "--steps", "100", "--out",
                dir.resolve("more").toString(), "--eval-episodes", "1");
        assertEquals(0, resumed.code(), resumed.err());
        String[] lines = resumed.out().strip().split("\n");
        JsonNode last = new ObjectMapper().readTree(lines[lines.length - 1]);
        assertEquals(400, last.get("total_steps").asInt());
        assertEquals(300, last.get("resumed_from_step").asInt());
        Path policy = dir.resolve("policy.safetensors");
        CliTest.Result x = CliTest.cli("export-actor", "--snapshot", snapshot, "--out", policy.toString());
        assertEquals(0, x.code(), x.err());
        assertEquals("wrote " + policy + " (64-64 ACER policy over 2 actions for CartPole-v1)", x.err().strip());
        java.util.Map<String, String> meta = lab.wolpertinger.snapshot.SafeTensors.metadata(Files.readAllBytes(policy),
                policy.toString());
        assertEquals("Sequential(Linear(4, 64), ReLU(), Linear(64, 64), ReLU(), Linear(64, 2))", meta.get("module"));
    }

    @Test
    void wolpertingerOnlyOptionsAreRefusedInOneLine() {
        CliTest.Result r = CliTest.cli("train", "--agent", "acer", "--env", "CartPole-v1", "--k-ratio", "0.5",
                "--steps", "10");
        assertEquals(2, r.code());
        assertEquals("error: --k-ratio is a Wolpertinger option (ACER scores all N actions, there is no k); drop it "
                + "for --agent acer", r.err().strip());
        CliTest.Result bad = CliTest.cli("train", "--agent", "sarsa", "--env", "CartPole-v1");
        assertEquals(2, bad.code());
        assertEquals("error: agent must be 'wolpertinger' or 'acer', got 'sarsa'", bad.err().strip());
    }

    @Test
    void anAcerSweepRunsOverSeedsAtAllActions() throws Exception {
        Path out = dir.resolve("sweep");
        CliTest.Result r = CliTest.cli("sweep", "--agent", "acer", "--env", "CartPole-v1", "--k-ratios", "1",
                "--seeds", "2", "--steps", "150", "--eval-episodes", "2", "--parallel", "1", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        java.util.List<String> rows = Files.readAllLines(out.resolve("sweep.csv"));
        assertEquals(3, rows.size(), String.join("\n", rows));
        for (String row : rows.subList(1, 3)) {
            assertTrue(row.startsWith("1,2,"), "k ratio 1, k = N = 2: " + row);
        }
        CliTest.Result bad = CliTest.cli("sweep", "--agent", "acer", "--env", "CartPole-v1", "--k-ratios", "0.5,1",
                "--out", out.toString());
        assertEquals(2, bad.code());
        assertEquals("error: ACER scores all N actions, there is no k to vary: give --k-ratios 1 for a sweep over seeds",
                bad.err().strip());
    }
}
