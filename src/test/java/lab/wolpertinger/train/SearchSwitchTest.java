package lab.wolpertinger.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import lab.wolpertinger.agent.WolpertingerAgent;
import lab.wolpertinger.agent.WolpertingerConfig;
import lab.wolpertinger.snapshot.Snapshots;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live switch between the exact and the approximate neighbour search: applied between steps
 * to acting and to the critic's targets, its recall against exact measured and shown in frames,
 * and kept by snapshots.
 */
class SearchSwitchTest {
    /** A small catalog: N = 3,000 items in 16-D, k = 30, tiny nets. */
    static final WolpertingerConfig CATALOG = Presets.load("catalog", Map.of("maxActions", 3000, "kRatio", 0.01,
            "hidden1", 16, "hidden2", 16, "warmupSteps", 20, "batchSize", 8, "bufferCapacity", 2000));

    @TempDir
    Path dir;

    private RunController controller;

    @AfterEach
    void close() {
        if (controller != null) {
            controller.close();
        }
    }

    @Test
    void theLabSwitchesToApproxBetweenStepsAndReportsItsRecall() throws Exception {
        controller = new RunController(CATALOG);
        ControllerProbe probe = new ControllerProbe(controller);
        controller.submit(new RunCommand.Start());
        Frame exact = probe.awaitFrame(f -> f.step() > 30);
        assertEquals("exact", exact.search());
        assertTrue(Double.isNaN(exact.searchRecall()));

        controller.submit(new RunCommand.SetSearch("approx"));
        RunEvent.SearchChanged changed = probe.awaitEvent(RunEvent.SearchChanged.class);
        assertEquals("approx", changed.search());
        assertTrue(changed.seconds() >= 0);
        Frame checked = probe.awaitFrame(f -> f.search().equals("approx") && f.searchRecallChecks() >= 2);
        assertTrue(checked.searchRecall() > 0.5 && checked.searchRecall() <= 1, "recall " + checked.searchRecall());

        controller.submit(new RunCommand.SetSearch("exact"));
        Frame back = probe.awaitFrame(f -> f.search().equals("exact"));
        assertEquals(0, back.searchRecallChecks(), "the recall window is the approximate search's");

        controller.submit(new RunCommand.SetSearch("fuzzy"));
        RunEvent.Failed failed = probe.awaitEvent(RunEvent.Failed.class);
        assertTrue(failed.message().contains("search must be 'exact' or 'approx'"), failed.message());
        assertEquals(RunStatus.TRAINING, controller.status(), "a bad value does not stop the session");
    }

    @Test
    void aSnapshotKeepsTheLiveSearchAndResumesExactly() throws Exception {
        TrainingRun run = new TrainingRun(CATALOG);
        for (int i = 0; i < 60; i++) {
            run.step();
        }
        run.wolpertinger().setSearch("approx");
        for (int i = 0; i < 40; i++) {
            run.step();
        }
        Path file = dir.resolve("approx.wolp");
        Snapshots.save(run, file, true);
        TrainingRun loaded = Snapshots.loadRun(file);
        WolpertingerAgent a = run.wolpertinger();
        WolpertingerAgent b = loaded.wolpertinger();
        assertEquals("exact", loaded.config().search(), "the config is the one the run started with");
        assertEquals("approx", b.search(), "the live search is restored");
        for (int i = 0; i < 40; i++) {
            run.step();
            loaded.step();
        }
        assertArrayEquals(a.actor().params().toFloatVector(), b.actor().params().toFloatVector());
        assertArrayEquals(a.critic().params().toFloatVector(), b.critic().params().toFloatVector());
    }
}
