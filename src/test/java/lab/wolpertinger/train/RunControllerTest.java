package lab.wolpertinger.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import lab.wolpertinger.agent.WolpertingerConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RunControllerTest {
    /** Small and cheap: N = 2001, tiny nets, short warm-up. */
    static final WolpertingerConfig SMALL = Presets.load("pendulum-200k", Map.of(
            "maxActions", 2001, "kRatio", 0.005, "hidden1", 16, "hidden2", 16,
            "warmupSteps", 20, "batchSize", 8, "bufferCapacity", 2000));

    private RunController controller;
    private final List<RunEvent> events = new ArrayList<>();

    @AfterEach
    void close() {
        if (controller != null) {
            controller.close();
        }
    }

    /** Polls frames (and collects events) until one satisfies {@code test}; fails after 30 s. */
    private Frame awaitFrame(Predicate<Frame> test) throws InterruptedException {
        long end = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < end) {
            controller.drainEvents(events::add);
            Frame f = controller.takeFrame();
            if (f != null && test.test(f)) {
                return f;
            }
            Thread.sleep(2);
        }
        throw new AssertionError("no matching frame within 30 s; status " + controller.status());
    }

    private <T extends RunEvent> T awaitEvent(Class<T> type) throws InterruptedException {
        long end = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < end) {
            controller.drainEvents(events::add);
            for (RunEvent e : events) {
                if (type.isInstance(e)) {
                    return type.cast(e);
                }
            }
            Thread.sleep(2);
        }
        throw new AssertionError("no " + type.getSimpleName() + " within 30 s; events " + events);
    }

    @Test
    void startsIdleWithAPreviewThenTrainsAndReportsEpisodes() throws Exception {
        controller = new RunController(SMALL);
        RunEvent.Started started = awaitEvent(RunEvent.Started.class);
        assertEquals(2001, started.actions().size());
        Frame idle = awaitFrame(f -> true);
        assertEquals(RunStatus.IDLE, idle.status());
        assertEquals(0, idle.step());
        assertTrue(idle.hasSelection(), "an idle agent shows its greedy neighbourhood");
        assertEquals(10, idle.k());

        controller.submit(new RunCommand.Start());
        Frame f = awaitFrame(x -> x.step() > 250);
        assertEquals(RunStatus.TRAINING, f.status());
        RunEvent.Episode ep = awaitEvent(RunEvent.Episode.class);
        assertEquals(1, ep.record().episode());
        assertEquals(200, ep.record().length());
    }

    @Test
    void parameterChangesApplyBetweenStepsAndAreMarked() throws Exception {
        controller = new RunController(SMALL);
        controller.submit(new RunCommand.Start());
        awaitFrame(f -> f.step() > 30);
        controller.submit(new RunCommand.SetParameter(Parameter.K_RATIO, 0.05));
        Frame f = awaitFrame(x -> x.k() == 100 && x.hasSelection());
        // d = 1: the neighbours are a contiguous index range of k actions, the chosen one inside it.
        assertEquals(100, f.neighbourLast() - f.neighbourFirst() + 1);
        assertTrue(f.chosenAction() >= f.neighbourFirst() && f.chosenAction() <= f.neighbourLast());
        RunEvent.ParameterChanged marker = awaitEvent(RunEvent.ParameterChanged.class);
        assertEquals(Parameter.K_RATIO, marker.parameter());
        assertEquals(100, marker.k());
        assertTrue(marker.step() > 30);

        controller.submit(new RunCommand.SetParameter(Parameter.K_RATIO, 2.0));
        RunEvent.Failed failed = awaitEvent(RunEvent.Failed.class);
        assertTrue(failed.message().contains("kRatio"), failed.message());
        assertEquals(RunStatus.TRAINING, controller.status(), "a bad value does not stop the session");
    }

    @Test
    void pauseStopsTheCounterAndStepOnceAdvancesByOne() throws Exception {
        controller = new RunController(SMALL);
        controller.submit(new RunCommand.Start());
        awaitFrame(f -> f.step() > 40);
        controller.submit(new RunCommand.Pause());
        Frame paused = awaitFrame(f -> f.status() == RunStatus.PAUSED);
        Thread.sleep(100);
        Frame again = controller.takeFrame();
        assertTrue(again == null || again.step() == paused.step(), "no steps while paused");

        controller.submit(new RunCommand.StepOnce());
        Frame one = awaitFrame(f -> f.step() != paused.step());
        assertEquals(paused.step() + 1, one.step());
        assertEquals(RunStatus.PAUSED, one.status());
    }

    @Test
    void largeNeighbourhoodsAreDecimatedButKeepTheChosenAction() throws Exception {
        controller = new RunController(SMALL);
        controller.submit(new RunCommand.SetParameter(Parameter.K_RATIO, 1.0));
        Frame f = awaitFrame(x -> x.k() == 2001);
        assertTrue(f.candidates().length <= Frame.MAX_SAMPLES + 1);
        assertEquals(0, f.neighbourFirst());
        assertEquals(2000, f.neighbourLast());
        boolean found = false;
        for (int i = 0; i < f.candidates().length; i++) {
            if (i > 0) {
                assertTrue(f.candidates()[i] > f.candidates()[i - 1], "index order");
            }
            if (f.candidates()[i] == f.chosenAction()) {
                found = true;
                assertEquals(f.chosenQ(), f.candidateQ()[i]);
            }
        }
        assertTrue(found, "the chosen action is in the sample");
        for (double q : f.candidateQ()) {
            assertTrue(q <= f.chosenQ(), "the chosen action has the best Q");
        }
    }

    @Test
    void evaluationRunsGreedyEpisodesAndReturnsToIdle() throws Exception {
        controller = new RunController(SMALL);
        awaitEvent(RunEvent.Started.class);
        controller.submit(new RunCommand.Evaluate(1, false));
        RunEvent.Evaluated ev = awaitEvent(RunEvent.Evaluated.class);
        assertEquals(1, ev.evaluation().episodes());
        assertEquals(0, ev.step(), "evaluation takes no training steps");
        awaitFrame(f -> f.status() == RunStatus.IDLE);
    }

    @Test
    void realTimePacesStepsToTheEnvClock() throws Exception {
        controller = new RunController(SMALL, true);
        controller.submit(new RunCommand.Start());
        Frame first = awaitFrame(f -> f.step() >= 1);
        long t0 = System.nanoTime();
        Thread.sleep(500);
        controller.submit(new RunCommand.Pause());
        Frame last = awaitFrame(f -> f.status() == RunStatus.PAUSED);
        double seconds = (System.nanoTime() - t0) / 1e9;
        // Pendulum's dt is 0.05 s: about 20 steps per second, never a burst.
        assertTrue(last.step() - first.step() <= seconds / 0.05 + 3, "steps " + (last.step() - first.step()));
    }

    @Test
    void closeStopsTrainingPromptly() throws Exception {
        controller = new RunController(SMALL);
        controller.submit(new RunCommand.Start());
        awaitFrame(f -> f.step() > 10);
        long t0 = System.nanoTime();
        controller.close();
        assertTrue(controller.isTerminated());
        assertEquals(RunStatus.STOPPED, controller.status());
        assertTrue((System.nanoTime() - t0) / 1e9 < 5);
        controller.submit(new RunCommand.Start()); // ignored, no exception
        assertFalse(controller.status() == RunStatus.TRAINING);
    }

    @Test
    void resetBuildsAFreshAgent() throws Exception {
        controller = new RunController(SMALL);
        controller.submit(new RunCommand.Start());
        awaitFrame(f -> f.step() > 10);
        WolpertingerConfig cart = Presets.load("cartpole", Map.of("hidden1", 16, "hidden2", 16, "warmupSteps", 10));
        controller.submit(new RunCommand.Reset(cart));
        Frame f = awaitFrame(x -> "CartPole-v1".equals(x.envId()));
        assertEquals(0, f.step());
        assertEquals(RunStatus.IDLE, f.status());
        assertEquals(2, f.runId());
        assertNotNull(awaitEvent(RunEvent.Started.class));
    }
}
