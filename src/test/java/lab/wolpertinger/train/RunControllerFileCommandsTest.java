package lab.wolpertinger.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The commands behind the lab's Save and Load snapshot: applied on the training thread, between steps. */
class RunControllerFileCommandsTest {
    private RunController controller;
    private final List<RunEvent> events = new ArrayList<>();

    @AfterEach
    void close() {
        if (controller != null) {
            controller.close();
        }
    }

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
    void saveRunsOnTheTrainingThreadBetweenStepsAndReportsTheOutcome() throws Exception {
        controller = new RunController(RunControllerTest.SMALL);
        controller.submit(new RunCommand.Start());
        awaitFrame(f -> f.step() > 30);
        AtomicReference<String> thread = new AtomicReference<>();
        long[] savedSteps = {-1};
        controller.submit(new RunCommand.SaveSnapshot(Path.of("x.wolp"), true, (run, path, replay) -> {
            thread.set(Thread.currentThread().getName());
            savedSteps[0] = run.steps();
        }));
        RunEvent.Saved saved = awaitEvent(RunEvent.Saved.class);
        assertEquals("training", thread.get());
        assertEquals(savedSteps[0], saved.step());
        assertEquals(Path.of("x.wolp"), saved.path());
        assertTrue(saved.includeReplay());

        controller.submit(new RunCommand.SaveSnapshot(Path.of("/no/such/dir/y.wolp"), false, (run, path, replay) -> {
            throw new IOException("disk full");
        }));
        RunEvent.Failed failed = awaitEvent(RunEvent.Failed.class);
        assertEquals("cannot save /no/such/dir/y.wolp: disk full", failed.message());
        long at = saved.step();
        awaitFrame(f -> f.step() > at + 20 && f.status() == RunStatus.TRAINING);
    }

    @Test
    void restoreSwapsTheRunAndAFailingBuildKeepsTheSession() throws Exception {
        controller = new RunController(RunControllerTest.SMALL);
        controller.submit(new RunCommand.Start());
        awaitFrame(f -> f.step() > 30);
        controller.submit(new RunCommand.Restore("broken.wolp", () -> {
            throw new IllegalArgumentException("snapshot does not fit its config");
        }));
        RunEvent.Failed failed = awaitEvent(RunEvent.Failed.class);
        assertEquals("cannot load broken.wolp: snapshot does not fit its config", failed.message());
        Frame still = awaitFrame(f -> f.step() > 60);
        assertEquals(1, still.runId());
        assertEquals(RunStatus.TRAINING, still.status());

        controller.submit(new RunCommand.Restore("trained.wolp", () -> {
            TrainingRun run = new TrainingRun(Presets.with(RunControllerTest.SMALL, Map.of("seed", 9L)));
            for (int i = 0; i < 25; i++) {
                run.step();
            }
            run.agent().setKRatio(0.01);
            return run;
        }));
        RunEvent.Restored restored = awaitEvent(RunEvent.Restored.class);
        assertEquals(2, restored.runId());
        assertEquals(25, restored.step());
        assertEquals("trained.wolp", restored.source());
        assertEquals(0.01, restored.live().get(Parameter.K_RATIO));
        assertEquals(RunControllerTest.SMALL.tau(), restored.live().get(Parameter.TAU));
        Frame f = awaitFrame(x -> x.runId() == 2);
        assertEquals(25, f.step());
        assertEquals(20, f.k());
        assertEquals(RunStatus.IDLE, f.status());
        controller.submit(new RunCommand.StepOnce());
        assertEquals(26, awaitFrame(x -> x.step() != 25).step());
    }
}
