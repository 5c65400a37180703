package lab.wolpertinger.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import lab.wolpertinger.agent.WolpertingerConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RunControllerTest {
    /** Small and cheap: N = 2001, tiny nets, short warm-up. */
    static final WolpertingerConfig SMALL = Presets.load("pendulum-200k", Map.of(
            "maxActions", 2001, "kRatio", 0.005, "hidden1", 16, "hidden2", 16,
            "warmupSteps", 20, "batchSize", 8, "bufferCapacity", 2000));

    private RunController controller;
    private ControllerProbe probe;

    @AfterEach
    void close() {
        if (controller != null) {
            controller.close();
        }
    }

    @Test
    void startsIdleWithAPreviewThenTrainsAndReportsEpisodes() throws Exception {
        controller = new RunController(SMALL);
        probe = new ControllerProbe(controller);
        RunEvent.Started started = probe.awaitEvent(RunEvent.Started.class);
        assertEquals(2001, started.actions().size());
        Frame idle = probe.awaitFrame(f -> true);
        assertEquals(RunStatus.IDLE, idle.status());
        assertEquals(0, idle.step());
        assertTrue(idle.hasSelection(), "an idle agent shows its greedy neighbourhood");
        assertEquals(10, idle.k());

        controller.submit(new RunCommand.Start());
        Frame f = probe.awaitFrame(x -> x.step() > 250);
        assertEquals(RunStatus.TRAINING, f.status());
        RunEvent.Episode ep = probe.awaitEvent(RunEvent.Episode.class);
        assertEquals(1, ep.record().episode());
        assertEquals(200, ep.record().length());
    }

    @Test
    void parameterChangesApplyBetweenStepsAndAreMarked() throws Exception {
        controller = new RunController(SMALL);
        probe = new ControllerProbe(controller);
        controller.submit(new RunCommand.Start());
        probe.awaitFrame(f -> f.step() > 30);
        controller.submit(new RunCommand.SetParameter(Parameter.K_RATIO, 0.05));
        Frame f = probe.awaitFrame(x -> x.k() == 100 && x.hasSelection());
        // d = 1: the neighbours are a contiguous index range of k actions, the chosen one inside it.
        assertEquals(100, f.neighbourLast() - f.neighbourFirst() + 1);
        assertTrue(f.chosenAction() >= f.neighbourFirst() && f.chosenAction() <= f.neighbourLast());
        RunEvent.ParameterChanged marker = probe.awaitEvent(RunEvent.ParameterChanged.class);
        assertEquals(Parameter.K_RATIO, marker.parameter());
        assertEquals(100, marker.k());
        assertTrue(marker.step() > 30);

        controller.submit(new RunCommand.SetParameter(Parameter.K_RATIO, 2.0));
        RunEvent.Failed failed = probe.awaitEvent(RunEvent.Failed.class);
        assertTrue(failed.message().contains("kRatio"), failed.message());
        assertEquals(RunStatus.TRAINING, controller.status(), "a bad value does not stop the session");
    }

    @Test
    void pauseStopsTheCounterAndStepOnceAdvancesByOne() throws Exception {
        controller = new RunController(SMALL);
        probe = new ControllerProbe(controller);
        controller.submit(new RunCommand.Start());
        probe.awaitFrame(f -> f.step() > 40);
        controller.submit(new RunCommand.Pause());
        Frame paused = probe.awaitFrame(f -> f.status() == RunStatus.PAUSED);
        // Send one command round the paused loop (it answers with an event) instead of sleeping:
        // the loop has run, and it took no step.
        controller.submit(new RunCommand.SetParameter(Parameter.TAU, SMALL.tau()));
        probe.awaitEvent(RunEvent.ParameterChanged.class);
        Frame again = controller.takeFrame();
        assertTrue(again == null || again.step() == paused.step(), "no steps while paused");

        controller.submit(new RunCommand.StepOnce());
        Frame one = probe.awaitFrame(f -> f.step() != paused.step());
        assertEquals(paused.step() + 1, one.step());
        assertEquals(RunStatus.PAUSED, one.status());
    }

    @Test
    void largeNeighbourhoodsAreDecimatedButKeepTheChosenAction() throws Exception {
        controller = new RunController(SMALL);
        probe = new ControllerProbe(controller);
        controller.submit(new RunCommand.SetParameter(Parameter.K_RATIO, 1.0));
        Frame f = probe.awaitFrame(x -> x.k() == 2001);
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
        probe = new ControllerProbe(controller);
        probe.awaitEvent(RunEvent.Started.class);
        controller.submit(new RunCommand.Evaluate(1, false));
        RunEvent.Evaluated ev = probe.awaitEvent(RunEvent.Evaluated.class);
        assertEquals(1, ev.evaluation().episodes());
        assertEquals(0, ev.step(), "evaluation takes no training steps");
        probe.awaitFrame(f -> f.status() == RunStatus.IDLE);
    }

    @Test
    void realTimePacesStepsToTheEnvClock() throws Exception {
        controller = new RunController(SMALL, true);
        probe = new ControllerProbe(controller);
        controller.submit(new RunCommand.Start());
        Frame first = probe.awaitFrame(f -> f.step() >= 1);
        long t0 = System.nanoTime();
        probe.awaitFrame(f -> f.step() >= first.step() + 10); // about 0.5 s of env time
        controller.submit(new RunCommand.Pause());
        Frame last = probe.awaitFrame(f -> f.status() == RunStatus.PAUSED);
        double seconds = (System.nanoTime() - t0) / 1e9;
        // Pendulum's dt is 0.05 s: about 20 steps per second, never a burst.
        assertTrue(last.step() - first.step() <= seconds / 0.05 + 3, "steps " + (last.step() - first.step()));
    }

    @Test
    void closeStopsTrainingPromptly() throws Exception {
        controller = new RunController(SMALL);
        probe = new ControllerProbe(controller);
        controller.submit(new RunCommand.Start());
        probe.awaitFrame(f -> f.step() > 10);
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
        probe = new ControllerProbe(controller);
        controller.submit(new RunCommand.Start());
        probe.awaitFrame(f -> f.step() > 10);
        WolpertingerConfig cart = Presets.load("cartpole", Map.of("hidden1", 16, "hidden2", 16, "warmupSteps", 10));
        controller.submit(new RunCommand.Reset(cart));
        Frame f = probe.awaitFrame(x -> "CartPole-v1".equals(x.envId()));
        assertEquals(0, f.step());
        assertEquals(RunStatus.IDLE, f.status());
        assertEquals(2, f.runId());
        assertNotNull(probe.awaitEvent(RunEvent.Started.class));
    }

    @Test
    void divergencePausesWithTheExplanationKeepsTheAgentInspectableAndResetRecovers() throws Exception {
        controller = new RunController(SMALL);
        probe = new ControllerProbe(controller);
        controller.submit(new RunCommand.SetParameter(Parameter.CRITIC_LR, 1e6)); // a live change, as with the slider
        controller.submit(new RunCommand.Start());
        RunEvent.Diverged diverged = probe.awaitEvent(RunEvent.Diverged.class);
        Divergence d = diverged.divergence();
        assertTrue(d.message().startsWith("diverged at step " + d.step() + ": " + d.quantity() + " is "), d.message());
        assertTrue(d.message().endsWith("critic lr 1e6 is far above the preset's 0.001"), d.message());
        Frame paused = probe.awaitFrame(f -> f.status() == RunStatus.PAUSED);
        assertEquals(d.step(), paused.step());
        assertEquals(RunStatus.PAUSED, controller.status());

        // Inspectable: a greedy evaluation runs on the last finite networks.
        controller.submit(new RunCommand.Evaluate(1, false));
        RunEvent.Evaluated evaluated = probe.awaitEvent(RunEvent.Evaluated.class);
        assertTrue(Double.isFinite(evaluated.evaluation().meanReturn()));

        controller.submit(new RunCommand.Reset(SMALL));
        controller.submit(new RunCommand.Start());
        Frame training = probe.awaitFrame(f -> f.runId() > diverged.runId() && f.step() > 200);
        assertEquals(RunStatus.TRAINING, training.status());
    }

    /** Catalog-v0 small enough for a test: 2,000 items in d = 4, k = 20, tiny nets. */
    static final WolpertingerConfig SMALL_CATALOG = Presets.load("catalog", Map.of(
            "maxActions", 2000, "actionDim", 4, "kRatio", 0.01, "hidden1", 16, "hidden2", 16,
            "warmupSteps", 20, "batchSize", 8, "bufferCapacity", 2000));

    @Test
    void catalogFramesCarryTheNearestNeighbourAndTheChosenNotNearestShare() throws Exception {
        controller = new RunController(SMALL_CATALOG);
        probe = new ControllerProbe(controller);
        Frame idle = probe.awaitFrame(f -> true);
        assertEquals(idle.candidates()[0], idle.nearestAction(), "nearest first for d > 1");
        assertEquals(0, idle.chosenNotNearestSteps(), "a preview is not a training step");
        assertTrue(Double.isNaN(idle.chosenNotNearest()));
        controller.submit(new RunCommand.Start());
        // Steps 1..20 are warm-up (random, not counted); every later step is.
        Frame f = probe.awaitFrame(x -> x.step() > 60 && x.hasSelection());
        assertEquals(f.candidates()[0], f.nearestAction());
        assertTrue(f.chosenNotNearestSteps() > 0 && f.chosenNotNearestSteps() <= f.step() - 20,
                "counted steps: " + f.chosenNotNearestSteps() + " of " + f.step());
        double share = f.chosenNotNearest();
        assertTrue(share >= 0 && share <= 1, "share " + share);
        // The share is a whole number of steps out of the counted ones.
        double count = share * f.chosenNotNearestSteps();
        assertEquals(Math.rint(count), count, 1e-9);
    }

    @Test
    void oneDimensionalFramesHaveNoNearestReadout() throws Exception {
        controller = new RunController(SMALL);
        probe = new ControllerProbe(controller);
        controller.submit(new RunCommand.Start());
        Frame f = probe.awaitFrame(x -> x.step() > 40 && x.hasSelection());
        assertEquals(-1, f.nearestAction());
        assertEquals(0, f.chosenNotNearestSteps());
    }
}
