package lab.wolpertinger.snapshot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import lab.wolpertinger.agent.WolpertingerConfig;
import lab.wolpertinger.agent.acer.AcerAgent;
import lab.wolpertinger.agent.acer.AcerWorkerState;
import lab.wolpertinger.train.Presets;
import lab.wolpertinger.train.TrainingRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * ACER runs in snapshots: save mid-episode (a trace half recorded, trajectories stored), load,
 * train on: the same weights, average net, Adam state, replay, random streams and greedy actions
 * as the run that never stopped; and bad ACER manifests rejected in one line.
 */
class AcerSnapshotTest {
    @TempDir
    Path dir;

    private static WolpertingerConfig config(String env, int traceLength) {
        return config(env, traceLength, 1);
    }

    private static WolpertingerConfig config(String env, int traceLength, int workers) {
        return Presets.load(Presets.defaultFor(env, "acer"), Map.of("hidden1", 16, "hidden2", 12, "maxActions", 41,
                "traceLength", traceLength, "trajectoryCapacity", 6, "seed", 5, "workers", workers));
    }

    private static void steps(TrainingRun run, int n) {
        for (int i = 0; i < n; i++) {
            run.step();
        }
    }

    private static void assertSame(TrainingRun want, TrainingRun got) {
        AcerAgent a = (AcerAgent) want.agent();
        AcerAgent b = (AcerAgent) got.agent();
        assertEquals(a.state(), b.state());
        assertArrayEquals(a.net().params().toFloatVector(), b.net().params().toFloatVector());
        assertArrayEquals(a.averageNet().params().toFloatVector(), b.averageNet().params().toFloatVector());
        assertArrayEquals(a.adam().firstMoment().toFloatVector(), b.adam().firstMoment().toFloatVector());
        assertArrayEquals(a.adam().secondMoment().toFloatVector(), b.adam().secondMoment().toFloatVector());
        assertEquals(a.adam().stepCount(), b.adam().stepCount());
        assertEquals(a.buffer().size(), b.buffer().size());
        assertEquals(a.buffer().steps(), b.buffer().steps());
        assertArrayEquals(want.observation(), got.observation());
        assertEquals(a.workers(), b.workers());
        for (int i = 0; i < a.workers() - 1; i++) {
            AcerWorkerState x = a.workerStates().get(i);
            AcerWorkerState y = b.workerStates().get(i);
            assertArrayEquals(x.observation(), y.observation(), "worker " + (i + 1) + "'s observation");
            assertArrayEquals(x.envState(), y.envState());
            assertEquals(x.envElapsedSteps(), y.envElapsedSteps());
            assertEquals(x.envRandom(), y.envRandom());
            assertEquals(x.actionRng(), y.actionRng());
            assertEquals(x.replayRng(), y.replayRng());
            assertEquals(x.trace().length(), y.trace().length());
            assertArrayEquals(x.trace().obs(), y.trace().obs());
            assertArrayEquals(x.trace().actions(), y.trace().actions());
            assertArrayEquals(x.trace().mu(), y.trace().mu());
        }
        assertEquals(want.steps(), got.steps());
        assertEquals(want.episodes(), got.episodes());
    }

    @ParameterizedTest(name = "{0}, traceLength {1}, save after {2} steps, then {3} more, {4} worker(s)")
    @CsvSource({
        "CartPole-v1, 0,  333, 300, 1",   // whole-episode traces, terminations
        "CartPole-v1, 7,  250, 200, 1",   // cut traces, replay ring wrapped (capacity 6)
        "Pendulum-v1, 0,  290, 230, 1",   // a 200-step episode half recorded, N = 41 torques
        "CartPole-v1, 0,  333, 300, 3",   // two extra workers, each mid-episode with its own trace
        "CartPole-v1, 7,  250, 200, 2",   // an extra worker's cut traces
    })
    void aResumedRunEqualsTheStraightRun(String env, int traceLength, int s1, int s2, int workers) throws Exception {
        WolpertingerConfig config = config(env, traceLength, workers);
        TrainingRun straight = new TrainingRun(config);
        steps(straight, s1);
        Path file = dir.resolve("acer.wolp");
        Snapshots.save(straight, file, true);
        assertEquals("acer", Snapshots.agentOf(file));
        TrainingRun resumed = Snapshots.loadRun(file);
        assertTrue(((AcerAgent) straight.agent()).updates() > 0, "updates before the save");
        assertSame(straight, resumed);
        steps(straight, s2);
        steps(resumed, s2);
        assertSame(straight, resumed);
        double[] x = straight.observation();
        assertEquals(straight.agent().act(x, false), resumed.agent().act(x, false), "the same greedy action");
    }

    @Test
    void withoutTheReplayTheRunContinuesWithAnEmptyOne() throws Exception {
        TrainingRun run = new TrainingRun(config("CartPole-v1", 0));
        steps(run, 120);
        Path file = dir.resolve("no-replay.wolp");
        Snapshots.save(run, file, false);
        TrainingRun loaded = Snapshots.loadRun(file);
        assertEquals(0, ((AcerAgent) loaded.agent()).buffer().size());
        assertArrayEquals(((AcerAgent) run.agent()).net().params().toFloatVector(),
                ((AcerAgent) loaded.agent()).net().params().toFloatVector());
        double[] x = run.observation();
        assertEquals(run.agent().act(x, false), loaded.agent().act(x, false));
    }

    @Test
    void theWolpertingerReaderNamesAnAcerFile() throws Exception {
        TrainingRun run = new TrainingRun(config("CartPole-v1", 0));
        steps(run, 30);
        Path file = dir.resolve("acer.wolp");
        Snapshots.save(run, file, false);
        SnapshotException e = assertThrows(SnapshotException.class, () -> Snapshots.load(file));
        assertTrue(e.getMessage().startsWith(file + ": holds an ACER run; this reads Wolpertinger snapshots"),
                e.getMessage());
    }

    @Test
    void aTraceThatDoesNotFitTheEpisodeIsRejected() throws Exception {
        TrainingRun run = new TrainingRun(config("CartPole-v1", 0));
        steps(run, 45);
        Path file = dir.resolve("acer.wolp");
        Snapshots.save(run, file, true);
        Path bad = rewriteManifest(file, m -> ((ObjectNode) m.get("trace")).put("length", 0));
        SnapshotException e = assertThrows(SnapshotException.class, () -> Snapshots.loadRun(bad));
        assertTrue(e.getMessage().contains("trace.length 0 does not fit run.episode_length"), e.getMessage());
        Path agentless = rewriteManifest(file, m -> m.put("agent", "wolpertinger"));
        SnapshotException e2 = assertThrows(SnapshotException.class, () -> Snapshots.loadRun(agentless));
        assertTrue(e2.getMessage().contains("agent wolpertinger differs from the config's acer"), e2.getMessage());
    }

    /** A copy of {@code file} with its manifest changed by {@code edit}. */
    private Path rewriteManifest(Path file, java.util.function.Consumer<ObjectNode> edit) throws Exception {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            for (ZipEntry e : java.util.Collections.list(zip.entries())) {
                try (InputStream in = zip.getInputStream(e)) {
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    in.transferTo(out);
                    entries.put(e.getName(), out.toByteArray());
                }
            }
        }
        ObjectMapper json = new ObjectMapper();
        ObjectNode m = (ObjectNode) json.readTree(entries.get(Snapshots.MANIFEST));
        edit.accept(m);
        entries.put(Snapshots.MANIFEST, json.writeValueAsString(m).getBytes(StandardCharsets.UTF_8));
        Path out = dir.resolve("edited-" + System.nanoTime() + ".wolp");
        Snapshots.writeZip(out, entries, entry -> { });
        assertTrue(Files.size(out) > 0);
        return out;
    }
}
