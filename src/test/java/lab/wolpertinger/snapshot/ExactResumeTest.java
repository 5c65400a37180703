package lab.wolpertinger.snapshot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import lab.wolpertinger.agent.WolpertingerConfig;
import lab.wolpertinger.train.EpisodeRecord;
import lab.wolpertinger.train.Evaluation;
import lab.wolpertinger.train.TrainingRun;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Train S1 steps, save with the replay buffer, load, train S2 more: the same weights, Adam
 * state, random streams and metrics as S1 + S2 steps straight with the same seed.
 */
class ExactResumeTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} {1} noise, save after {2} steps, then {3} more")
    @CsvSource({
        "Pendulum-v1, gaussian, 310, 230",   // mid-episode (310 % 200), after warm-up, ring wrapped
        "Pendulum-v1, ou,       130, 170",   // OU process value mid-episode, ring not yet full
        "Pendulum-v1, gaussian,  30, 120",   // during warm-up: the warm-up action stream continues
        "CartPole-v1, gaussian, 237, 200",   // terminations, discrete actions
        "CartPole-v1, ou,       400, 64",    // Pendulum-size check of the target flush counter (64 updates)
        "Catalog-v0,  gaussian, 260, 190",   // embedded items (d = 6), stochastic user, batched targets
    })
    void resumedRunEqualsStraightRun(String env, String noise, int s1, int s2) throws Exception {
        WolpertingerConfig config = SmallRuns.config(env, noise, 17);

        TrainingRun straight = new TrainingRun(config);
        List<EpisodeRecord> straightRecords = new ArrayList<>();
        SmallRuns.run(straight, s1 + s2, straightRecords);

        TrainingRun first = new TrainingRun(config);
        List<EpisodeRecord> records = new ArrayList<>();
        SmallRuns.run(first, s1, records);
        Path file = dir.resolve("s1.wolp");
        Snapshots.save(first, file, true);

        Snapshot loaded = Snapshots.load(file);
        TrainingRun resumed = loaded.toTrainingRun();
        assertEquals(first.state().steps(), resumed.steps());
        SmallRuns.assertSameState(first, resumed);
        SmallRuns.run(resumed, s2, records);

        assertEquals(SmallRuns.metrics(straightRecords), SmallRuns.metrics(records), "metrics.csv rows (no timings)");
        Map<String, float[]> want = SmallRuns.allTensors(straight);
        Map<String, float[]> got = SmallRuns.allTensors(resumed);
        for (String k : want.keySet()) {
            assertArrayEquals(want.get(k), got.get(k), k + " bit for bit");
        }
        SmallRuns.assertSameState(straight, resumed);
        Evaluation a = straight.evaluate(2);
        Evaluation b = resumed.evaluate(2);
        assertArrayEquals(a.returns(), b.returns(), 0.0, "greedy evaluation");
    }

    @ParameterizedTest
    @CsvSource({"Pendulum-v1, 260"})
    void withoutTheReplayBufferTheRunContinuesButNotExactly(String env, int s1) throws Exception {
        WolpertingerConfig config = SmallRuns.config(env, "gaussian", 5);
        TrainingRun first = new TrainingRun(config);
        SmallRuns.run(first, s1, new ArrayList<>());
        Path file = dir.resolve("noreplay.wolp");
        Snapshots.save(first, file, false);
        Snapshot loaded = Snapshots.load(file);
        assertNull(loaded.replay());
        assertFalse(loaded.manifest().replay().included());
        TrainingRun resumed = loaded.toTrainingRun();
        assertEquals(0, resumed.wolpertinger().buffer().size());
        assertArrayEquals(first.wolpertinger().actor().params().toFloatVector(),
                resumed.wolpertinger().actor().params().toFloatVector());
        SmallRuns.run(resumed, 40, new ArrayList<>());
        assertEquals(s1 + 40, resumed.steps());
        assertTrue(resumed.wolpertinger().buffer().size() == 40);
    }
}
