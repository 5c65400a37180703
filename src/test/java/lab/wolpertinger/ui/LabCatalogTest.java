package lab.wolpertinger.ui;

import static lab.wolpertinger.ui.FxWait.await;
import static lab.wolpertinger.ui.FxWait.fx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import javafx.stage.Stage;
import lab.wolpertinger.agent.WolpertingerConfig;
import lab.wolpertinger.train.Presets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The lab on Catalog-v0 (d >= 2) shows the embedding view instead of the action axis. */
@ExtendWith(ApplicationExtension.class)
class LabCatalogTest {
    /** 3,000 items in d = 8, k = 30, tiny nets. */
    static final WolpertingerConfig SMALL_CATALOG = Presets.load("catalog", Map.of(
            "maxActions", 3000, "actionDim", 8, "kRatio", 0.01, "hidden1", 16, "hidden2", 16,
            "warmupSteps", 20, "batchSize", 8, "bufferCapacity", 2000));

    private LabWindow window;
    private LabModel model;

    @Start
    void start(Stage stage) {
        model = new LabModel(SMALL_CATALOG, "test-catalog");
        window = new LabWindow(model, stage);
        window.setConfirmation(question -> true);
        stage.show();
    }

    @AfterEach
    void stop(FxRobot robot) {
        robot.interact(() -> window.close());
    }

    @Test
    void theEmbeddingViewReplacesTheAxisAndShowsTheSelection(FxRobot robot) {
        await("the PCA layout and a frame with a selection", () -> window.embeddingView().embeddingLayout() != null
                && window.embeddingView().shownFrame() != null && window.embeddingView().shownFrame().hasSelection());
        assertTrue(fx(() -> window.embeddingView().isVisible()));
        assertFalse(fx(() -> window.actionSpaceView().isVisible()), "the 1-D view is hidden for d >= 2");
        assertTrue(fx(() -> robot.lookup("#zoomNeighbourhoodButton").query().isDisabled()), "axis zoom does not apply");
        assertTrue(fx(() -> robot.lookup("#chosenMark").query().isVisible()));
        assertEquals(30, fx(() -> window.embeddingView().shownFrame().candidates().length));
        String label = fx(() -> window.embeddingView().embeddingLayout().projection().axisLabel(1));
        assertTrue(label.startsWith("PC2 ("), label);
        assertTrue(fx(() -> robot.lookup("#catalogSession").query().isVisible()), "the catalog's env view");
    }

    @Test
    void theSearchChoiceSwitchesToApproxAndTheReadoutShowsItsRecall(FxRobot robot) {
        await("a frame", () -> window.embeddingView().shownFrame() != null);
        javafx.scene.control.ComboBox<?> search = robot.lookup("#searchChoice").queryAs(javafx.scene.control.ComboBox.class);
        assertEquals("exact", fx(search::getValue));
        assertFalse(fx(search::isDisabled), "a catalog has an approximate index to switch to");
        robot.interact(() -> {
            robot.lookup("#searchChoice").<String>queryComboBox().getSelectionModel().select("approx");
            model.start();
        });
        await("recall checks in the readout", () -> {
            lab.wolpertinger.train.Frame f = window.embeddingView().shownFrame();
            return f != null && f.searchRecallChecks() >= 1;
        });
        String readout = fx(() -> EmbeddingView.readout(window.embeddingView().shownFrame()));
        assertTrue(readout.contains("\napprox search: recall@k "), readout);
        assertEquals("approx", fx(search::getValue), "the choice stays while the frames confirm it");
    }
}
