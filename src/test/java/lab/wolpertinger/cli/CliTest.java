package lab.wolpertinger.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import lab.wolpertinger.env.CartPole;
import lab.wolpertinger.env.Pendulum;
import lab.wolpertinger.env.Step;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CliTest {

    @TempDir
    Path dir;

    record Result(int code, String out, String err) {
    }

    static Result cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Cli.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Result(code, out.toString(), err.toString());
    }

    private Path smallPreset(String env) throws Exception {
        Path p = dir.resolve("small-" + env + ".json");
        Files.writeString(p, "{\"env\":\"" + env + "\",\"hidden1\":16,\"hidden2\":12,\"batchSize\":16,"
                + "\"warmupSteps\":50,\"bufferCapacity\":1000,\"maxActions\":2001}", StandardCharsets.UTF_8);
        return p;
    }

    @Test
    void trainWritesMetricsAndEndsWithOneJsonLine() throws Exception {
        Path out = dir.resolve("run");
        Result r = cli("train", "--env", "CartPole-v1", "--preset", smallPreset("CartPole-v1").toString(),
                "--steps", "300", "--seed", "3", "--out", out.toString(), "--eval-episodes", "2");
        assertEquals(0, r.code(), r.err());
        String[] lines = r.out().strip().split("\n");
        JsonNode json = new ObjectMapper().readTree(lines[lines.length - 1]);
        assertEquals("CartPole-v1", json.get("env").asText());
        assertEquals(300, json.get("steps").asInt());
        assertEquals(1, json.get("k").asInt());
        assertEquals(2, json.get("eval_episodes").asInt());
        double mean = json.get("eval_mean_return").asDouble();
        assertTrue(mean >= 1 && mean <= 500, "CartPole returns lie in [1, 500]: " + mean);
        assertTrue(json.get("steps_per_s").asDouble() > 0);
        assertTrue(json.get("wall_s").asDouble() > 0);
        List<String> csv = Files.readAllLines(out.resolve("metrics.csv"));
        assertTrue(csv.get(0).startsWith("episode,step,return,length,"), csv.get(0));
        assertTrue(csv.size() > 2, "at least two CartPole episodes in 300 steps");
        String[] last = csv.get(csv.size() - 1).split(",");
        assertTrue(Long.parseLong(last[1]) <= 300);
        assertTrue(r.err().contains("step 300/300"), r.err());
    }

    @Test
    void noEvaluationEpisodesGiveNullNotNaN() throws Exception {
        Result r = cli("train", "--env", "CartPole-v1", "--preset", smallPreset("CartPole-v1").toString(),
                "--steps", "20", "--eval-episodes", "0");
        assertEquals(0, r.code(), r.err());
        String[] lines = r.out().strip().split("\n");
        JsonNode json = new ObjectMapper().readTree(lines[lines.length - 1]);
        assertTrue(json.get("eval_mean_return").isNull(), lines[lines.length - 1]);
        assertEquals(0, json.get("eval_episodes").asInt());
    }

    @Test
    void keepBestValidatesAndScoresTheBestPolicy() throws Exception {
        Path out = dir.resolve("best");
        Result r = cli("train", "--env", "CartPole-v1", "--preset", smallPreset("CartPole-v1").toString(),
                "--steps", "200", "--keep-best", "100", "--keep-best-episodes", "2", "--eval-episodes", "2",
                "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        String[] lines = r.out().strip().split("\n");
        JsonNode json = new ObjectMapper().readTree(lines[lines.length - 1]);
        assertEquals("best", json.get("policy").asText());
        long bestStep = json.get("best_step").asLong();
        assertTrue(bestStep == 100 || bestStep == 200, "validated at steps 100 and 200: " + bestStep);
        assertTrue(json.has("final_policy_eval_mean_return"));
        assertTrue(Files.isRegularFile(out.resolve("best.wolp")));
        assertTrue(r.err().contains("validation at step 100"), r.err());
        assertEquals(2, cli("train", "--env", "CartPole-v1", "--keep-best", "0").code());
    }

    @Test
    void sameSeedSameMetrics() throws Exception {
        String preset = smallPreset("Pendulum-v1").toString();
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        assertEquals(0, cli("train", "--env", "Pendulum-v1", "--preset", preset, "--steps", "450", "--seed", "9",
                "--out", a.toString(), "--eval-episodes", "1").code());
        assertEquals(0, cli("train", "--env", "Pendulum-v1", "--preset", preset, "--steps", "450", "--seed", "9",
                "--out", b.toString(), "--eval-episodes", "1").code());
        List<String> ma = Files.readAllLines(a.resolve("metrics.csv"));
        List<String> mb = Files.readAllLines(b.resolve("metrics.csv"));
        assertEquals(ma.size(), mb.size());
        for (int i = 1; i < ma.size(); i++) {
            String[] x = ma.get(i).split(",");
            String[] y = mb.get(i).split(",");
            for (int c = 0; c <= 8; c++) { // every column but the timings
                assertEquals(x[c], y[c], "row " + i + " column " + c);
            }
        }
    }

    @Test
    void replayStepsPendulumFromEachRowExactly() throws Exception {
        Path f = dir.resolve("t.csv");
        Files.writeString(f, "theta,thetadot,action\n0.5,-1.25,1.5\n3.0,7.9,-9\n");
        Result r = cli("replay", "--env", "Pendulum-v1", "--transitions", f.toString());
        assertEquals(0, r.code(), r.err());
        String[] lines = r.out().strip().split("\n");
        assertEquals("reward,terminated,next_theta,next_thetadot,obs_0,obs_1,obs_2", lines[0]);
        double[][] rows = {{0.5, -1.25, 1.5}, {3.0, 7.9, -9}};
        for (int i = 0; i < rows.length; i++) {
            Pendulum p = new Pendulum();
            p.setState(new double[] {rows[i][0], rows[i][1]});
            Step s = p.step(new double[] {rows[i][2]});
            String[] cells = lines[i + 1].split(",");
            assertEquals(s.reward(), Double.parseDouble(cells[0]), 0.0);
            assertEquals("false", cells[1]);
            assertEquals(p.state()[0], Double.parseDouble(cells[2]), 0.0);
            assertEquals(p.state()[1], Double.parseDouble(cells[3]), 0.0);
            for (int j = 0; j < 3; j++) {
                assertEquals(s.observation()[j], Double.parseDouble(cells[4 + j]), 0.0);
            }
        }
    }

    @Test
    void replayCartPoleReportsTermination() throws Exception {
        Path f = dir.resolve("c.csv");
        Files.writeString(f, "x,x_dot,theta,theta_dot,action\n0,0,0,0,1\n2.399,1,0,0,1\n");
        Result r = cli("replay", "--env", "CartPole-v1", "--transitions", f.toString());
        assertEquals(0, r.code(), r.err());
        String[] lines = r.out().strip().split("\n");
        assertEquals("reward,terminated,next_x,next_x_dot,next_theta,next_theta_dot,obs_0,obs_1,obs_2,obs_3", lines[0]);
        assertTrue(lines[1].startsWith("1.0,false,"), lines[1]);
        assertTrue(lines[2].startsWith("1.0,true,"), lines[2]);
        CartPole c = new CartPole();
        c.setState(new double[] {0, 0, 0, 0});
        c.step(new double[] {1});
        assertEquals(c.state()[1], Double.parseDouble(lines[1].split(",")[3]), 0.0);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "train --env Acrobot-v1",
        "train --env Pendulum-v1 --max-actions -5",
        "train --env Pendulum-v1 --k-ratio 0",
        "train --env Pendulum-v1 --k-ratio 1.5",
        "train --env Pendulum-v1 --k-ratio abc",
        "train --env Pendulum-v1 --preset no-such-preset",
        "train --env Pendulum-v1 --frobnicate",
        "replay --env Pendulum-v1 --transitions /no/such/file.csv",
        "replay --env Nope-v0 --transitions x.csv",
    })
    void badInputIsOneLineAndExitCode2(String line) {
        Result r = cli(line.split(" "));
        assertEquals(2, r.code(), r.out() + r.err());
        assertOneLine(r.err());
    }

    @Test
    void malformedCsvRowsNameTheLine() throws Exception {
        Path f = dir.resolve("bad.csv");
        Files.writeString(f, "theta,thetadot,action\n0.1,0.2,0.3\n0.1,oops,0.3\n");
        Result r = cli("replay", "--env", "Pendulum-v1", "--transitions", f.toString());
        assertEquals(2, r.code());
        assertOneLine(r.err());
        assertTrue(r.err().contains("line 3") && r.err().contains("thetadot"), r.err());

        Files.writeString(f, "theta,action\n0.1,0.3\n");
        r = cli("replay", "--env", "Pendulum-v1", "--transitions", f.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("thetadot"), r.err());

        Files.writeString(f, "x,x_dot,theta,theta_dot,action\n0,0,0,0,2\n");
        r = cli("replay", "--env", "CartPole-v1", "--transitions", f.toString());
        assertEquals(2, r.code());
        assertOneLine(r.err());
    }

    @Test
    void noCommandPrintsHelp() {
        Result r = cli();
        assertEquals(0, r.code());
        assertTrue(r.out().contains("train") && r.out().contains("replay"), r.out());
    }

    private static void assertOneLine(String err) {
        String t = err.strip();
        assertFalse(t.isEmpty(), "an error message is printed");
        assertEquals(1, t.split("\n").length, "one line: " + t);
        assertFalse(t.contains("Exception") || t.contains("\tat "), "no stack trace: " + t);
    }
}
