package lab.wolpertinger.ui;

import static lab.wolpertinger.ui.FxWait.await;
import static lab.wolpertinger.ui.FxWait.fx;
import static lab.wolpertinger.ui.FxWait.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.shape.Circle;
import javafx.scene.shape.Line;
import javafx.scene.shape.Polyline;
import javafx.scene.shape.Rectangle;
import javafx.stage.Stage;
import lab.wolpertinger.train.Frame;
import lab.wolpertinger.train.RunStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** Presenter mode and its step-through of one action selection, driven by the keys a presenter uses. */
@ExtendWith(ApplicationExtension.class)
class StepThroughTest {
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

    private long visible(Class<? extends Node> type) {
        return fx(() -> window.actionSpaceView().lookupAll("*").stream()
                .filter(n -> n.getClass() == type && n.isVisible() && n.getParent().isVisible()).count());
    }

    private SelectionStage stage() {
        return fx(() -> window.stepThrough().stageProperty().get());
    }

    /** Trains past the warm-up and pauses, so the critic chooses. */
    private void trainAndPause(FxRobot robot) {
        await("the agent", () -> fx(() -> model.statusProperty().get() == RunStatus.IDLE && model.readyProperty().get()));
        robot.interact(model::start);
        await("past the warm-up", () -> fx(() -> model.stepProperty().get() > 60));
        robot.interact(model::pause);
        await("paused", () -> fx(() -> model.statusProperty().get() == RunStatus.PAUSED));
    }

    @Test
    void rightArrowRevealsTheSixStagesOfOneSelectionThenTakesTheNextStep(FxRobot robot) {
        trainAndPause(robot);
        // every marker on screen (zoomed in, the proto-action is often off it); not presenting, so the
        // 1280 x 800 test screen leaves the plot its full height
        robot.interact(() -> window.actionSpaceView().showAll());
        Frame before = fx(() -> model.frameProperty().get());
        long step = before.step();

        robot.interact(() -> window.stepThrough().advance()); // Run → Step through one selection; then → drives it
        await("stage 1 of a new step", () -> stage() == SelectionStage.PROTO);
        assertEquals(step + 1, fx(() -> model.stepProperty().get()));
        assertTrue(text(robot, "#stepHeading").startsWith("1 / 6"), text(robot, "#stepHeading"));
        assertSame(before, fx(() -> window.envViewForTest().shown()), "the env shows the state the agent acted on");
        assertEquals(1, visible(Line.class), "only the proto-action's marker");
        assertEquals(0, visible(Polyline.class) + visible(Circle.class), "no Q yet");

        robot.type(KeyCode.RIGHT);
        await("stage 2", () -> stage() == SelectionStage.NOISE);
        assertEquals(2, visible(Line.class), "proto-action and the noisy one");

        robot.type(KeyCode.RIGHT);
        await("stage 3", () -> stage() == SelectionStage.NEIGHBOURS);
        assertTrue(fx(() -> window.actionSpaceView().lookupAll("*").stream().anyMatch(n -> n instanceof Rectangle
                && n.isVisible() && ((Rectangle) n).getStroke() != null)), "the neighbourhood, outlined");
        assertEquals(0, visible(Polyline.class) + visible(Circle.class));

        robot.type(KeyCode.RIGHT);
        await("stage 4", () -> stage() == SelectionStage.Q_VALUES);
        assertEquals(1, visible(Polyline.class) + visible(Circle.class),
                "the critic's Q over the neighbours (a line, or a dot when they share a pixel), not the chosen one");
        assertEquals(2, visible(Line.class), "not yet the chosen one");

        robot.type(KeyCode.RIGHT);
        await("stage 5", () -> stage() == SelectionStage.ARGMAX);
        assertEquals(3, visible(Line.class), "the chosen action too");
        assertTrue(visible(Circle.class) >= 1, "the chosen action's dot on the Q line");

        robot.type(KeyCode.RIGHT);
        await("stage 6", () -> stage() == SelectionStage.ENV_STEP);
        assertTrue(text(robot, "#stepCaption").contains("Reward"), text(robot, "#stepCaption"));
        assertSame(fx(() -> model.frameProperty().get()), fx(() -> window.envViewForTest().shown()),
                "the env step shows the next state");

        robot.type(KeyCode.LEFT);
        await("back to stage 5", () -> stage() == SelectionStage.ARGMAX);
        robot.type(KeyCode.RIGHT);
        robot.type(KeyCode.RIGHT);
        await("the next step's stage 1", () -> stage() == SelectionStage.PROTO
                && fx(() -> model.stepProperty().get()) == step + 2);

        robot.type(KeyCode.ESCAPE);
        await("out of the step-through", () -> stage() == null);
        assertFalse(fx(() -> robot.lookup("#stepThrough").query().isVisible()));
        assertEquals(3, visible(Line.class), "every mark again");
    }

    @Test
    void presenterModeFoldsTheAdvancedControlsEnlargesTheFontsAndCaptionsThePanels(FxRobot robot) {
        await("the agent", () -> fx(() -> model.readyProperty().get()));
        assertTrue(fx(() -> robot.lookup("#tauSlider").query().isVisible()));
        double normal = fx(() -> robot.lookup("#kLabel").queryAs(Label.class).getFont().getSize());
        robot.interact(() -> window.presenterProperty().set(true));
        assertFalse(fx(() -> robot.lookup("#tauSlider").query().isVisible()), "tau folded away");
        assertFalse(fx(() -> robot.lookup("#batchSizeField").query().isVisible()), "batch size folded away");
        assertTrue(fx(() -> robot.lookup("#kRatioSlider").query().isVisible()), "k ratio stays");
        assertTrue(fx(() -> robot.lookup("#noiseSlider").query().isVisible()), "noise stays");
        assertTrue(fx(() -> robot.lookup(".panel-caption").queryAll().stream().filter(Node::isVisible).count() >= 3));
        await("larger fonts", () -> fx(() -> robot.lookup("#kLabel").queryAs(Label.class).getFont().getSize())
                >= 1.45 * normal);
        robot.interact(() -> window.presenterProperty().set(false));
        assertTrue(fx(() -> robot.lookup("#tauSlider").query().isVisible()));
        assertTrue(fx(() -> robot.lookup(".panel-caption").queryAll().stream().noneMatch(Node::isVisible)));
        assertNull(stage());
    }
}
