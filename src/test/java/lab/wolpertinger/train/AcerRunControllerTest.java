package lab.wolpertinger.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import lab.wolpertinger.agent.WolpertingerConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The run controller drives an ACER agent through the same commands, frames and events. */
class AcerRunControllerTest {
    private static final WolpertingerConfig ACER = Presets.load("cartpole-acer", Map.of("hidden1", 16, "hidden2", 16));

    private RunController controller;

    @AfterEach
    void close() {
        if (controller != null) {
            controller.close();
        }
    }

    @Test
    void trainsReportsEpisodesAndRefusesWolpertingerParameters() {
        controller = new RunController(ACER);
        ControllerProbe probe = new ControllerProbe(controller);
        assertEquals(2, probe.awaitEvent(RunEvent.Started.class).actions().size());
        Frame idle = probe.awaitFrame(f -> true);
        assertTrue(idle.hasSelection(), "a greedy preview of the first state");
        controller.submit(new RunCommand.Start());
        RunEvent.Episode ep = probe.awaitEvent(RunEvent.Episode.class);
        assertEquals(1, ep.record().episode());
        assertEquals(2, ep.record().k(), "ACER scores both actions");
        Frame f = probe.awaitFrame(x -> x.step() > 100 && x.chosenAction() >= 0);
        assertEquals(RunStatus.TRAINING, f.status());
        assertTrue(Double.isFinite(f.chosenQ()));
        controller.submit(new RunCommand.SetParameter(Parameter.K_RATIO, 0.5));
        RunEvent.Failed failed = probe.awaitEvent(RunEvent.Failed.class);
        assertEquals("k ratio is a Wolpertinger parameter; this run trains acer", failed.message());
        assertEquals(RunStatus.TRAINING, controller.status(), "a refused change does not stop the session");
        controller.submit(new RunCommand.SetParameter(Parameter.ENTROPY_WEIGHT, 0.01));
        RunEvent.ParameterChanged changed = probe.awaitEvent(RunEvent.ParameterChanged.class);
        assertEquals(Parameter.ENTROPY_WEIGHT, changed.parameter());
        assertEquals(0.01, changed.value());
        ControllerProbe later = new ControllerProbe(controller); // sees only the events from here on
        controller.submit(new RunCommand.SetParameter(Parameter.DELTA, -1));
        assertEquals("delta must be a finite number > 0, got -1.0", later.awaitEvent(RunEvent.Failed.class).message());
    }
}
