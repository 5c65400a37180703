package lab.wolpertinger.ui;

import static lab.wolpertinger.ui.FxWait.fx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.Pane;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Color;
import javafx.scene.shape.Polyline;
import javafx.scene.shape.Rectangle;
import javafx.stage.Stage;
import lab.wolpertinger.train.Diagnostics;
import lab.wolpertinger.train.Frame;
import lab.wolpertinger.train.RunStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The diagnostics panel on its own, with the lab's light stylesheets: values, bars, sparklines, the warning. */
@ExtendWith(ApplicationExtension.class)
class DiagnosticsViewTest {
    private DiagnosticsView view;

    @Start
    void start(Stage stage) {
        view = new DiagnosticsView();
        Scene scene = new Scene(new StackPane(view), 340, 260);
        scene.getStylesheets().setAll(Theme.LIGHT.stylesheetUrls());
        stage.setScene(scene);
        stage.show();
    }

    private static Frame frame(long runId, long step, Diagnostics d) {
        Frame f = new Frame(runId, "Pendulum-v1", RunStatus.TRAINING, new double[] {0, 0}, new double[] {1, 0, 0}, -1,
                new double[] {0}, new double[] {0}, new double[] {0}, false, -1, -1, new int[0], new double[0], -1,
                Double.NaN, step, 0, 0, Double.NaN, 100, 20, d.noiseScale());
        return new Frame(f.runId(), f.envId(), f.status(), f.state(), f.observation(), f.reward(), f.envAction(),
                f.protoAction(), f.noisyProtoAction(), f.warmup(), f.neighbourFirst(), f.neighbourLast(), f.candidates(),
                f.candidateQ(), f.chosenAction(), f.chosenQ(), f.step(), f.episode(), f.episodeReturn(), f.lastReturn(),
                f.stepsPerSecond(), f.k(), f.noiseScale(), -1, Double.NaN, 0, d);
    }

    private static Diagnostics values(double td, double qMax, String warning) {
        return new Diagnostics(td, -2, qMax, -10, 0, 0.25, 0.5, 0.125, 300, 0.2, warning);
    }

    private static String text(FxRobot robot, String id) {
        return FxWait.text(robot, "#" + id);
    }

    @Test
    void showsEveryValueAndNoWarning(FxRobot robot) {
        robot.interact(() -> view.show(frame(1, 2000, values(1.5, -1, ""))));
        assertEquals("1.5", text(robot, "diagTdErrorValue"));
        assertEquals("-2 … -1", text(robot, "diagQRangeValue"));
        assertEquals("-10 … 0", text(robot, "diagQAllowedValue"));
        assertEquals("0.25", text(robot, "diagActorGradValue"));
        assertEquals("50 %", text(robot, "diagNotNearestValue"));
        assertEquals("0.125", text(robot, "diagDistanceValue"));
        assertEquals("0.2", text(robot, "diagNoiseValue"));
        assertEquals("No warnings.", text(robot, "diagWarning"));
        double[] share = fx(() -> {
            Pane bar = robot.lookup("#diagNotNearestGraphic").queryAs(Pane.class);
            Rectangle track = (Rectangle) bar.getChildren().get(0);
            Rectangle fill = (Rectangle) bar.getChildren().get(1);
            return new double[] {track.getWidth(), fill.getWidth()};
        });
        assertEquals(share[0] / 2, share[1], 1e-9, "50 % fills half the bar");
        // The Q bar spans [low - w, high + w] = [-20, 10]: [-2, -1] lies at 60 %..63.3 % of it.
        double[] q = fx(() -> {
            Pane bar = robot.lookup("#diagQRangeGraphic").queryAs(Pane.class);
            Rectangle seen = (Rectangle) bar.getChildren().get(2);
            return new double[] {seen.getX(), seen.getX() + seen.getWidth(), ((Rectangle) bar.getChildren().get(0)).getWidth()};
        });
        assertEquals(0.6 * q[2], q[0], 1e-9);
        assertEquals(Math.max(0.6 * q[2] + 2, 19 / 30.0 * q[2]), q[1], 1e-9);
    }

    @Test
    void aWarningShowsInTheDangerColourWithItsCause(FxRobot robot) {
        String warning = "Q 3e5 is above the highest return the rewards allow, 0; critic lr 5 is far above the preset's 0.001";
        robot.interact(() -> view.show(frame(1, 2000, values(900, 3e5, warning))));
        assertEquals("⚠ " + warning, text(robot, "diagWarning"));
        Object[] style = fx(() -> {
            Label l = robot.lookup("#diagWarning").queryAs(Label.class);
            Rectangle seen = (Rectangle) robot.lookup("#diagQRangeGraphic").queryAs(Pane.class).getChildren().get(2);
            return new Object[] {l.getStyleClass().contains("diagnostics-warning"), l.getTextFill(), seen.getFill(),
                    l.getHeight() > 2 * l.getFont().getSize()};
        });
        assertTrue((Boolean) style[0]);
        assertEquals(Color.web("#d1242f"), style[1], "the light theme's danger colour (-lab-danger)");
        assertEquals(Palette.LIGHT.danger(), style[2], "the Q bar too");
        assertTrue((Boolean) style[3], "the long warning wraps onto several lines");
        robot.interact(() -> view.show(frame(1, 2020, values(1, -1, ""))));
        assertEquals("No warnings.", text(robot, "diagWarning"));
    }

    @Test
    void sparklinesSampleEveryTwentyStepsAndRestartForANewRun(FxRobot robot) {
        int points = fx(() -> {
            for (int step = 0; step <= 400; step++) {
                view.show(frame(1, step, values(step, -1, ""))); // a frame per step: 21 samples (0, 20, .., 400)
            }
            return line(robot).getPoints().size();
        });
        assertEquals(2 * 21, points);
        double[] ends = fx(() -> {
            Polyline l = line(robot);
            int n = l.getPoints().size();
            return new double[] {l.getPoints().get(1), l.getPoints().get(n - 1), l.getPoints().get(n - 2)};
        });
        assertTrue(ends[1] < ends[0], "the rising TD error ends higher (smaller y) than it began");
        assertEquals(DiagnosticsView.GRAPH_WIDTH - 1, ends[2], 1e-9, "the newest sample at the right edge");
        int afterReset = fx(() -> {
            view.show(frame(2, 0, values(1, -1, "")));
            return line(robot).getPoints().size();
        });
        assertEquals(2, afterReset, "a new run starts its own history");
    }

    private static Polyline line(FxRobot robot) {
        return (Polyline) robot.lookup("#diagTdErrorGraphic").queryAs(Pane.class).getChildren().get(0);
    }
}
