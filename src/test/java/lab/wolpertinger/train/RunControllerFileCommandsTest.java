package lab.wolpertinger.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The commands behind the lab's Save and Load snapshot: applied on the training thread, between steps. */
class RunControllerFileCommandsTest {
    private RunController controller;
    private ControllerProbe probe;

    @AfterEach
    void close() {
        if (controller != null) {
            controller.close();
        }
    }

    @Test
    void saveRunsOnTheTrainingThreadBetweenStepsAndReportsTheOutcome() throws Exception {
        controller = new RunController(RunControllerTest.SMALL);
        probe = new ControllerProbe(controller);
        controller.submit(new RunCommand.Start());
        probe.awaitFrame(f -> f.step() > 30);
        AtomicReference<String> thread = new AtomicReference<>();
        long[] savedSteps = {-1};
        controller.submit(new RunCommand.SaveSnapshot(Path.of("x.wolp"), true, (run, path, replay) -> {
            thread.set(Thread.currentThread().getName());
            savedSteps[0] = run.steps();
        }));
        RunEvent.Saved saved = probe.awaitEvent(RunEvent.Saved.class);
        assertEquals("training", thread.get());
        assertEquals(savedSteps[0], saved.step());
        assertEquals(Path.of("x.wolp"), saved.path());
        assertTrue(saved.includeReplay());

        controller.submit(new RunCommand.SaveSnapshot(Path.of("/no/such/dir/y.wolp"), false, (run, path, replay) -> {
            throw new IOException("disk full");
        }));
        RunEvent.Failed failed = probe.awaitEvent(RunEvent.Failed.class);
        assertEquals("cannot save /no/such/dir/y.wolp: disk full", failed.message());
        long at = saved.step();
        probe.awaitFrame(f -> f.step() > at + 20 && f.status() == RunStatus.TRAINING);
    }

    @Test
    void restoreSwapsTheRunAndAFailingBuildKeepsTheSession() throws Exception {
        controller = new RunController(RunControllerTest.SMALL);
        probe = new ControllerProbe(controller);
        controller.submit(new RunCommand.Start());
        probe.awaitFrame(f -> f.step() > 30);
        controller.submit(new RunCommand.Restore("broken.wolp", () -> {
            throw new IllegalArgumentException("snapshot does not fit its config");
        }));
        RunEvent.Failed failed = probe.awaitEvent(RunEvent.Failed.class);
        assertEquals("cannot load broken.wolp: snapshot does not fit its config", failed.message());
        Frame still = probe.awaitFrame(f -> f.step() > 60);
        assertEquals(1, still.runId());
        assertEquals(RunStatus.TRAINING, still.status());

        controller.submit(new RunCommand.Restore("trained.wolp", () -> {
            TrainingRun run = new TrainingRun(Presets.with(RunControllerTest.SMALL, Map.of("seed", 9L)));
            for (int i = 0; i < 25; i++) {
                run.step();
            }
            run.wolpertinger().setKRatio(0.01);
            return run;
        }));
        RunEvent.Restored restored = probe.awaitEvent(RunEvent.Restored.class);
        assertEquals(2, restored.runId());
        assertEquals(25, restored.step());
        assertEquals("trained.wolp", restored.source());
        assertEquals(0.01, restored.live().get(Parameter.K_RATIO));
        assertEquals(RunControllerTest.SMALL.tau(), restored.live().get(Parameter.TAU));
        Frame f = probe.awaitFrame(x -> x.runId() == 2);
        assertEquals(25, f.step());
        assertEquals(20, f.k());
        assertEquals(RunStatus.IDLE, f.status());
        controller.submit(new RunCommand.StepOnce());
        assertEquals(26, probe.awaitFrame(x -> x.step() != 25).step());
    }
}
