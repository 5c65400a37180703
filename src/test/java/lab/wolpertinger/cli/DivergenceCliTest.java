package lab.wolpertinger.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import lab.wolpertinger.snapshot.Snapshot;
import lab.wolpertinger.snapshot.Snapshots;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DivergenceCliTest {

    @TempDir
    Path dir;

    /** A critic lr of 1e6 drives the critic's gradients past float32 within the first few updates. */
    static Path wildPreset(Path dir) throws Exception {
        Path p = dir.resolve("wild.json");
        Files.writeString(p, "{\"env\":\"Pendulum-v1\",\"hidden1\":16,\"hidden2\":12,\"batchSize\":16,"
                + "\"warmupSteps\":50,\"bufferCapacity\":300,\"maxActions\":2001,\"kRatio\":0.01,\"evalEpisodes\":1,"
                + "\"criticLr\":1e6,\"steps\":2000}", StandardCharsets.UTF_8);
        return p;
    }

    @Test
    void aDivergingTrainExitsWith3NamesStepQuantityAndCauseAndKeepsTheLastFiniteState() throws Exception {
        Path out = dir.resolve("run");
        CliTest.Result r = CliTest.cli("train", "--env", "Pendulum-v1", "--preset", wildPreset(dir).toString(),
                "--out", out.toString());
        assertEquals(Cli.DIVERGED, r.code(), r.err());
        assertEquals("", r.out(), "no JSON result line for a diverged run");
        List<String> errors = r.err().lines().filter(l -> l.startsWith("error:")).toList();
        assertEquals(1, errors.size(), r.err());
        String line = errors.get(0);
        assertTrue(Pattern.matches("error: diverged at step [0-9,]+: (critic loss|Q value|target y|critic gradient"
                + "|actor gradient) is .+; critic lr 1e6 is far above the default preset pendulum-200k's 0.001", line), line);
        assertTrue(!r.err().contains("Exception"), r.err());

        Path snapshotFile = out.resolve(TrainCommand.DIVERGED_SNAPSHOT);
        assertTrue(r.err().contains("the last finite state is in " + snapshotFile), r.err());
        Snapshot snapshot = Snapshots.load(snapshotFile); // validates every weight and moment as finite
        long step = Long.parseLong(line.replaceAll("error: diverged at step ([0-9,]+):.*", "$1").replace(",", ""));
        assertEquals(step, snapshot.manifest().run().steps());
        assertEquals(step, snapshot.manifest().agent().steps());
        CliTest.Result eval = CliTest.cli("eval", "--snapshot", snapshotFile.toString(), "--episodes", "1");
        assertEquals(0, eval.code(), eval.err());
        assertTrue(eval.out().contains("\"mean_return\":"), eval.out());
    }

    @Test
    void withoutOutItSaysHowToKeepTheState() throws Exception {
        CliTest.Result r = CliTest.cli("train", "--env", "Pendulum-v1", "--preset", wildPreset(dir).toString());
        assertEquals(Cli.DIVERGED, r.code(), r.err());
        assertTrue(r.err().contains("rerun with --out DIR"), r.err());
    }
}
