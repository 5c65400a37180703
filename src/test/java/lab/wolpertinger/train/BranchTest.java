package lab.wolpertinger.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import lab.wolpertinger.snapshot.Snapshots;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Branching a run in memory, the runs training in turn, focusing and dropping them. */
class BranchTest {
    private RunController controller;
    private ControllerProbe probe;

    @AfterEach
    void close() {
        if (controller != null) {
            controller.close();
        }
    }

    private List<EpisodeRecord> episodesOf(long runId, long afterStep) {
        return probe.events().stream().filter(e -> e instanceof RunEvent.Episode ep && ep.runId() == runId)
                .map(e -> ((RunEvent.Episode) e).record()).filter(r -> r.step() > afterStep).toList();
    }

    /** Trains past the warm-up, pauses, and returns the paused frame. */
    private Frame trainAndPause(long steps) {
        controller.submit(new RunCommand.Start());
        probe.awaitFrame(f -> f.step() > steps);
        controller.submit(new RunCommand.Pause());
        return probe.awaitFrame(f -> f.status() == RunStatus.PAUSED);
    }

    @Test
    void aBranchWithTheSameValueTrainsStepForStepLikeItsOriginalAndAnotherKDoesNot() {
        controller = new RunController(RunControllerTest.SMALL);
        probe = new ControllerProbe(controller);
        RunEvent.Started started = probe.awaitEvent(RunEvent.Started.class);
        Frame paused = trainAndPause(150);

        controller.submit(new RunCommand.Branch(Parameter.K_RATIO, RunControllerTest.SMALL.kRatio(), Snapshots::copy));
        controller.submit(new RunCommand.Branch(Parameter.K_RATIO, 0.05, Snapshots::copy));
        probe.awaitFrame(f -> f.k() == 100);
        List<RunEvent.Branched> branched = probe.events().stream().filter(RunEvent.Branched.class::isInstance)
                .map(RunEvent.Branched.class::cast).toList();
        assertEquals(2, branched.size(), probe.events().toString());
        RunEvent.Branched same = branched.get(0);
        RunEvent.Branched wider = branched.get(1);
        assertEquals(started.runId(), same.parentId());
        assertEquals(same.runId(), wider.parentId(), "the second branch copies the focused run, the first branch");
        assertEquals(paused.step(), same.step());
        assertEquals(100, wider.k());

        controller.submit(new RunCommand.Start());
        probe.awaitFrame(f -> f.runId() == wider.runId() && f.step() > paused.step() + 450);
        controller.submit(new RunCommand.Pause());
        probe.awaitFrame(f -> f.status() == RunStatus.PAUSED);

        List<EpisodeRecord> original = episodesOf(started.runId(), paused.step());
        List<EpisodeRecord> copy = episodesOf(same.runId(), paused.step());
        List<EpisodeRecord> other = episodesOf(wider.runId(), paused.step());
        assertTrue(original.size() >= 2 && copy.size() >= 2 && other.size() >= 2,
                "all three train in turn: " + original.size() + ", " + copy.size() + ", " + other.size());
        for (int i = 0; i < Math.min(original.size(), copy.size()); i++) {
            assertEquals(original.get(i).step(), copy.get(i).step());
            assertEquals(original.get(i).episodeReturn(), copy.get(i).episodeReturn(), 0.0,
                    "an exact copy with the same k trains bit for bit like its original");
            assertEquals(original.get(i).criticLoss(), copy.get(i).criticLoss(), 0.0);
        }
        assertNotEquals(original.get(1).episodeReturn(), other.get(1).episodeReturn(), "k = 100 learns differently");

        controller.submit(new RunCommand.Focus(started.runId()));
        RunEvent.Focused focused = probe.awaitEvent(RunEvent.Focused.class);
        assertEquals(started.runId(), focused.runId());
        assertEquals(10, focused.k());
        Frame f = probe.awaitFrame(x -> x.runId() == started.runId());
        assertEquals(10, f.k());

        controller.submit(new RunCommand.Drop(wider.runId()));
        RunEvent.Dropped dropped = probe.awaitEvent(RunEvent.Dropped.class);
        assertEquals(wider.runId(), dropped.runId());
        controller.submit(new RunCommand.Focus(wider.runId()));
        probe.awaitEvent(RunEvent.Failed.class);
        assertTrue(probe.events().stream().anyMatch(e -> e instanceof RunEvent.Failed fl
                && fl.message().contains("not training in turn")), probe.events().toString());
    }

    @Test
    void atMostFourRunsAndOnlyWhilePausedAndAResetEndsTheTurn() {
        controller = new RunController(RunControllerTest.SMALL);
        probe = new ControllerProbe(controller);
        probe.awaitEvent(RunEvent.Started.class);
        controller.submit(new RunCommand.Start());
        probe.awaitFrame(f -> f.step() > 30);
        controller.submit(new RunCommand.Branch(Parameter.TAU, 0.01, Snapshots::copy));
        probe.awaitEvent(RunEvent.Failed.class);
        trainAndPause(40);
        for (int i = 0; i < 4; i++) {
            controller.submit(new RunCommand.Branch(Parameter.TAU, 0.01 * (i + 1), Snapshots::copy));
        }
        // waits on events, not frames: the last branch's frame may be taken before its Failed event is drained
        probe.awaitEvents(ev -> ev.stream().filter(e -> e instanceof RunEvent.Failed).count() >= 2);
        List<String> failures = probe.events().stream().filter(RunEvent.Failed.class::isInstance)
                .map(e -> ((RunEvent.Failed) e).message()).toList();
        assertTrue(failures.get(0).contains("while paused"), failures.toString());
        assertTrue(failures.get(1).contains("at most 4"), failures.toString());
        assertEquals(3, probe.events().stream().filter(RunEvent.Branched.class::isInstance).count());

        int before = probe.events().size(); // episodes finished before the Reset (a fast machine gets there) do not count
        controller.submit(new RunCommand.Reset(RunControllerTest.SMALL));
        probe.awaitFrame(f -> f.step() == 0);
        controller.submit(new RunCommand.StepOnce());
        Frame one = probe.awaitFrame(f -> f.step() == 1);
        long others = probe.events().subList(before, probe.events().size()).stream()
                .filter(e -> e instanceof RunEvent.Episode).count();
        assertEquals(0, others, "after Reset nothing else trains in turn");
        assertEquals(1, one.step());
    }
}
