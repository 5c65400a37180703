package lab.wolpertinger.ui;

import static lab.wolpertinger.ui.FxWait.await;
import static lab.wolpertinger.ui.FxWait.fx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import javafx.scene.control.ListView;
import javafx.stage.Stage;
import lab.wolpertinger.train.Parameter;
import lab.wolpertinger.train.RunStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** Branch a paused run, train both in turn with their curves overlaid, switch, hide, and keep them past Reset. */
@ExtendWith(ApplicationExtension.class)
class BranchCompareTest {
    private LabModel model;
    private LabWindow window;

    @Start
    void start(Stage stage) {
        model = new LabModel(LabWindowTest.SMALL, "test-small");
        window = new LabWindow(model, stage);
        window.setConfirmation(question -> true);
        stage.show();
    }

    @AfterEach
    void stop(FxRobot robot) {
        robot.interact(() -> window.close());
    }

    private List<RunList.Entry> entries() {
        return fx(() -> List.copyOf(model.runs().entries()));
    }

    @Test
    void aBranchTrainsInTurnWithItsOriginalAndBothCurvesAreOverlaid(FxRobot robot) {
        await("the agent", () -> fx(() -> model.readyProperty().get()));
        robot.interact(model::start);
        await("past the warm-up", () -> fx(() -> model.stepProperty().get() > 60));
        robot.interact(model::pause);
        await("paused", () -> fx(() -> model.statusProperty().get() == RunStatus.PAUSED));
        long branchedAt = fx(() -> model.stepProperty().get());

        robot.interact(() -> model.branch(Parameter.K_RATIO, 0.05));
        await("the branch on show", () -> entries().size() == 2 && fx(() -> model.kProperty().get()) == 100);
        RunList.Entry original = entries().get(0);
        RunList.Entry branch = entries().get(1);
        assertTrue(branch.label().contains("k ratio") && branch.label().contains("from run " + original.id()),
                branch.label());
        assertEquals(0.05, fx(() -> model.appliedProperty(Parameter.K_RATIO).get()), 1e-12, "the slider shows the branch's k ratio");
        assertEquals(2, fx(() -> robot.lookup("#runList").queryAs(ListView.class).getItems().size()));

        robot.interact(model::start);
        await("both finish episodes after the branch", () -> fx(() ->
                original.curves().episodes() >= 2 && branch.curves().episodes() >= 2
                        && original.curves().lastStep() > branchedAt + 200 && branch.curves().lastStep() > branchedAt + 200));
        robot.interact(model::pause);
        await("paused", () -> fx(() -> model.statusProperty().get() == RunStatus.PAUSED));
        assertEquals(fx(() -> original.curves().lastStep()), fx(() -> branch.curves().lastStep()), 200.0,
                "in turn, step for step: their episodes end at the same steps (200-step episodes)");

        robot.interact(() -> model.focus(original.id()));
        await("the original on show", () -> fx(() -> model.kProperty().get()) == 10
                && fx(() -> model.runs().focused()) == original.id());
        assertEquals(fx(() -> original.curves().episodes()), fx(() -> model.curves().episodes()),
                "the curves on show are the original's");

        robot.interact(() -> branch.visibleProperty().set(false));
        robot.interact(model::reset);
        await("a fresh run", () -> entries().size() == 3 && fx(() -> model.stepProperty().get()) == 0);
        assertFalse(fx(() -> original.aliveProperty().get()), "Reset ends the earlier runs' agents");
        assertFalse(fx(() -> branch.aliveProperty().get()));
        assertTrue(fx(() -> original.curves().episodes()) >= 2, "their curves survive Reset");
        robot.interact(() -> model.removeRun(branch.id()));
        await("an ended run removed", () -> entries().size() == 2);
    }
}
