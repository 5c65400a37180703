package lab.wolpertinger.agent.acer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Map;
import lab.wolpertinger.agent.WolpertingerConfig;
import lab.wolpertinger.train.Presets;
import lab.wolpertinger.train.TrainingRun;
import org.junit.jupiter.api.Test;

/**
 * ACER with several workers: every training step steps every worker's env, the shared networks
 * learn from all their traces, and the lockstep keeps a run a function of its seed.
 */
class AcerWorkersTest {

    private static WolpertingerConfig config(int workers, long seed) {
        return Presets.load(Presets.defaultFor("CartPole-v1", "acer"), Map.of("hidden1", 16, "hidden2", 12,
                "traceLength", 0, "trajectoryCapacity", 10_000, "seed", seed, "workers", workers));
    }

    private static TrainingRun run(WolpertingerConfig config, int steps) {
        TrainingRun run = new TrainingRun(config);
        for (int i = 0; i < steps; i++) {
            run.step();
        }
        return run;
    }

    private static AcerAgent acer(TrainingRun run) {
        return (AcerAgent) run.agent();
    }

    @Test
    void everyStepStepsEveryWorkersEnvAndTheirTracesAllReachTheReplay() {
        for (int workers : new int[] {1, 2, 3}) {
            TrainingRun run = run(config(workers, 3), 400);
            AcerAgent a = acer(run);
            assertEquals(workers, a.workers());
            long recorded = a.buffer().steps() + a.trace().length();
            for (AcerWorkerState w : a.workerStates()) {
                recorded += w.trace().length();
            }
            // nothing evicted (capacity 10,000 trajectories): every env step of every worker is in a trace
            assertEquals((long) workers * run.steps(), recorded, workers + " worker(s)");
            assertTrue(a.updates() > 0);
        }
    }

    @Test
    void theSameSeedGivesTheSameRunWithTwoWorkers() {
        TrainingRun a = run(config(2, 11), 600);
        TrainingRun b = run(config(2, 11), 600);
        assertArrayEquals(acer(a).net().params().toFloatVector(), acer(b).net().params().toFloatVector());
        assertArrayEquals(acer(a).averageNet().params().toFloatVector(), acer(b).averageNet().params().toFloatVector());
        assertEquals(acer(a).state(), acer(b).state());
        assertArrayEquals(acer(a).workerStates().get(0).observation(), acer(b).workerStates().get(0).observation());
        assertEquals(a.history().stream().map(r -> r.episodeReturn()).toList(),
                b.history().stream().map(r -> r.episodeReturn()).toList());
    }

    @Test
    void anExtraWorkerActsInAnEnvOfItsOwnAndChangesTheUpdates() {
        TrainingRun one = run(config(1, 4), 300);
        TrainingRun two = run(config(2, 4), 300);
        assertFalse(Arrays.equals(acer(one).net().params().toFloatVector(), acer(two).net().params().toFloatVector()));
        assertTrue(acer(two).updates() > acer(one).updates(), "the second worker's traces are learnt from too");
        assertFalse(Arrays.equals(two.observation(), acer(two).workerStates().get(0).observation()),
                "worker 1's env is not worker 0's");
        assertTrue(Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().equals("acer-worker-1") && t.isDaemon()), "worker 1 runs on a thread of its own");
    }

    @Test
    void liveParametersReachEveryWorker() {
        AcerAgent a = acer(new TrainingRun(config(3, 1)));
        a.setEntropyWeight(0.25);
        a.setDelta(0.5);
        a.setC(3);
        assertEquals(3, a.allGradients().size());
        for (AcerGradient g : a.allGradients()) {
            assertEquals(0.25, g.entropyWeight());
            assertEquals(0.5, g.delta());
            assertEquals(3, g.c());
        }
    }

    @Test
    void workersAreAcersAndBounded() {
        IllegalArgumentException wolpertinger = assertThrows(IllegalArgumentException.class,
                () -> Presets.load("pendulum-200k", Map.of("workers", 2)));
        assertTrue(wolpertinger.getMessage().contains("workers is ACER's"), wolpertinger.getMessage());
        assertTrue(wolpertinger.getMessage().startsWith("presets/pendulum-200k.json with workers from the command line: "),
                "the value is the command line's, not the preset file's: " + wolpertinger.getMessage());
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class, () -> config(0, 1));
        assertTrue(zero.getMessage().contains("workers must be in [1, 64]"), zero.getMessage());
    }
}
