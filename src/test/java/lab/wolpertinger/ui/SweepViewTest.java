package lab.wolpertinger.ui;

import static lab.wolpertinger.ui.FxWait.await;
import static lab.wolpertinger.ui.FxWait.fx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javafx.geometry.Bounds;
import javafx.scene.image.ImageView;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import lab.wolpertinger.agent.WolpertingerConfig;
import lab.wolpertinger.train.Presets;
import lab.wolpertinger.sweep.SweepPlot;
import lab.wolpertinger.sweep.SweepTrial;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The Sweep tab runs a tiny sweep in the background, plots it, and opens a clicked trial in the Lab tab. */
@ExtendWith(ApplicationExtension.class)
class SweepViewTest {
    private static final WolpertingerConfig TINY = Presets.load("pendulum-200k", Map.of(
            "maxActions", 2001, "hidden1", 16, "hidden2", 12, "warmupSteps", 50, "batchSize", 16,
            "bufferCapacity", 300, "evalEpisodes", 1));

    private LabModel model;
    private LabWindow window;

    @TempDir
    Path dir;

    @Start
    void start(Stage stage) {
        model = new LabModel(TINY, "test-tiny");
        window = new LabWindow(model, stage);
        window.setConfirmation(question -> true);
        stage.show();
    }

    @AfterEach
    void stop(FxRobot robot) {
        robot.interact(() -> window.close());
    }

    @Test
    void aTinySweepFromTheTabFillsThePlotsAndAClickedPointOpensItsTrial(FxRobot robot) throws Exception {
        Path out = dir.resolve("sweep");
        robot.interact(() -> {
            window.tabs().getSelectionModel().select(1);
            window.sweepView().fill("Pendulum-v1", 2001, "0.01,0.001", 2, 200, out);
        });
        robot.clickOn("#sweepRun");
        await("the sweep to finish", () -> !window.sweepView().runningProperty().get()
                && window.sweepView().rows().size() == 4);
        String statusText = fx(() -> robot.lookup("#sweepStatus").queryLabeled().getText());
        assertTrue(statusText.startsWith("4 / 4 trials done, finished"), statusText);
        assertEquals(4, Files.readAllLines(out.resolve("sweep.csv")).size() - 1);
        assertEquals(4, fx(() -> robot.lookup("#sweepTrials").queryListView().getItems().size()));

        // Export PNG and CSV as the buttons do (without the file dialog).
        Path png = dir.resolve("exported.png");
        Path csv = dir.resolve("exported.csv");
        robot.interact(() -> {
            try {
                window.sweepView().export("sweep.png", png);
                window.sweepView().export("sweep.csv", csv);
            } catch (java.io.IOException e) {
                throw new AssertionError(e);
            }
        });
        assertEquals(SweepPlot.WIDTH, ImageIO.read(png.toFile()).getWidth());
        assertEquals(Files.readAllLines(out.resolve("sweep.csv")), Files.readAllLines(csv));

        // Click the return-panel dot of one trial: the Lab tab opens with that trial's run (200 steps).
        SweepTrial target = fx(() -> window.sweepView().rows().get(0));
        SweepPlot.Point point = fx(() -> SweepPlot.points(window.sweepView().rows()).stream()
                .filter(p -> p.trial().equals(target)).findFirst().orElseThrow());
        ImageView plot = fx(() -> robot.lookup("#sweepPlot").queryAs(ImageView.class));
        double scale = fx(() -> Math.min(plot.getFitWidth() / SweepPlot.WIDTH, plot.getFitHeight() / SweepPlot.HEIGHT));
        Bounds b = fx(() -> plot.localToScreen(plot.getBoundsInLocal()));
        robot.clickOn(b.getMinX() + point.x() * scale, b.getMinY() + point.y() * scale);
        await("the trial in the Lab tab", () -> window.tabs().getSelectionModel().getSelectedIndex() == 0
                && model.stepProperty().get() == 200 && model.readyProperty().get());
        String shown = fx(() -> model.presetNameProperty().get());
        assertTrue(shown.endsWith(target.fileStem() + ".wolp"), "the picker names the trial's snapshot: " + shown);
        assertEquals(target.k(), fx(() -> model.kProperty().get()));
    }

    @Test
    void badSettingsShowInTheStatusLine(FxRobot robot) {
        robot.interact(() -> {
            window.tabs().getSelectionModel().select(1);
            window.sweepView().fill("Pendulum-v1", 2001, "0.01,2", 1, 100, dir.resolve("bad"));
        });
        robot.clickOn("#sweepRun");
        await("the message", () -> robot.lookup("#sweepStatus").queryLabeled().getText().contains("outside (0, 1]"));
        assertTrue(fx(() -> !window.sweepView().runningProperty().get()));
    }
    @Test
    void thePlotFollowsTheTheme(FxRobot robot) {
        ImageView plot = fx(() -> robot.lookup("#sweepPlot").queryAs(ImageView.class));
        double light = fx(() -> plot.getImage().getPixelReader().getColor(2, 2).getBrightness());
        robot.interact(() -> window.themeProperty().set(Theme.DARK));
        double dark = fx(() -> plot.getImage().getPixelReader().getColor(2, 2).getBrightness());
        assertTrue(light > 0.9 && dark < 0.2, "page brightness light " + light + ", dark " + dark);
    }
}
