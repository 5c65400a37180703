package lab.wolpertinger.ui;

import static lab.wolpertinger.ui.FxWait.fx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import lab.wolpertinger.knn.GridActionSet;
import lab.wolpertinger.train.Frame;
import lab.wolpertinger.train.RunStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The action-space view on its own: zoom limits, follow mode, and the d = 2 plane. */
@ExtendWith(ApplicationExtension.class)
class ActionSpaceViewTest {
    private ActionSpaceView view;

    @Start
    void start(Stage stage) {
        view = new ActionSpaceView();
        stage.setScene(new Scene(new StackPane(view), 900, 320));
        stage.show();
    }

    private static Frame frame(int first, int last, int chosen, double proto, int[] candidates, double[] q, int k) {
        return new Frame(1, "Pendulum-v1", RunStatus.TRAINING, new double[] {0, 0}, new double[] {1, 0, 0}, -1,
                new double[] {0}, new double[] {proto}, new double[] {proto}, false, first, last, candidates, q,
                chosen, q[0], 10, 0, -1, Double.NaN, 100, k, 0.2);
    }


    @Test
    void followZoomsToTheNeighbourhoodAndWholeAxisShowsAll(FxRobot robot) throws Exception {
        GridActionSet set = new GridActionSet(200_001, 1, new double[] {-2}, new double[] {2});
        double[] r = fx(() -> {
            view.setActions(set);
            view.followProperty().set(true);
            // 5 neighbours around action 100,000 (coordinate 0).
            view.show(frame(99_998, 100_002, 100_000, 0.0, new int[] {99_998, 99_999, 100_000, 100_001, 100_002},
                    new double[] {1, 0.5, 0.2, 0.1, 0}, 5));
            return view.range();
        });
        assertTrue(r[1] - r[0] < 1e-3, "zoomed to the neighbourhood: " + (r[1] - r[0]));
        assertTrue(r[0] < -2e-5 && r[1] > 2e-5, "the neighbourhood is inside the view");
        double[] all = fx(() -> {
            view.showAll();
            return view.range();
        });
        assertEquals(2.1, all[1] - all[0], 1e-9);
        assertFalse(fx(() -> view.followProperty().get()));
    }

    @Test
    void drawsATwoDimensionalPlane() throws Exception {
        GridActionSet plane = new GridActionSet(10_000, 2, new double[] {-1, -1}, new double[] {1, 1});
        Frame f = new Frame(1, "Pendulum-v1", RunStatus.TRAINING, new double[] {0, 0}, new double[] {1, 0, 0}, -1,
                new double[] {0, 0}, new double[] {0.1, 0.2}, new double[] {0.15, 0.2}, false, -1, -1,
                new int[] {5050, 5051, 4950}, new double[] {0.3, 0.2, 0.1}, 5050, 0.3, 10, 0, -1, Double.NaN, 100, 3, 0.2);
        WritableImage shot = fx(() -> {
            view.setActions(plane);
            view.show(f);
            return view.snapshot(null, null);
        });
        assertTrue(shot.getWidth() > 100);
    }
    @Test
    void anAcerFrameShowsPiAndQOverAllActionsAndTheSampledOne() throws Exception {
        GridActionSet set = new GridActionSet(1_000, 1, new double[] {-2}, new double[] {2});
        int[] idx = new int[1_000];
        double[] q = new double[1_000];
        double[] pi = new double[1_000];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
            q[i] = -Math.abs(i - 600) * 0.01;
            pi[i] = Math.exp(-Math.pow((i - 600) / 50.0, 2));
        }
        Frame f = new Frame(1, "Pendulum-v1", RunStatus.PAUSED, new double[] {0, 0}, new double[] {1, 0, 0}, -1,
                new double[] {0.4}, new double[0], new double[0], false, 0, 999, idx, q, 600, 0, 10, 0, -1, Double.NaN, 100,
                1_000, 0, -1, Double.NaN, 0, lab.wolpertinger.train.Diagnostics.NONE, pi, "exact", Double.NaN, 0);
        Object[] seen = fx(() -> {
            view.setActions(set);
            view.showAll();
            view.show(f);
            view.layout();
            javafx.scene.shape.Polygon area = (javafx.scene.shape.Polygon) view.lookup("#policyArea");
            boolean sampled = texts(view).stream().anyMatch(t -> t.isVisible() && "sampled".equals(t.getText()));
            return new Object[] {area.isVisible(), area.getPoints().size(), view.lookup("#neighbourhoodShade").isVisible(), sampled};
        });
        assertTrue((Boolean) seen[0], "pi is drawn");
        assertTrue((Integer) seen[1] > 100, "as an area over the axis: " + seen[1]);
        assertFalse((Boolean) seen[2], "ACER has no k-neighbourhood to shade");
        assertTrue((Boolean) seen[3], "the sampled action is labelled so");
    }

    private static java.util.List<javafx.scene.text.Text> texts(javafx.scene.Parent p) {
        java.util.List<javafx.scene.text.Text> out = new java.util.ArrayList<>();
        for (javafx.scene.Node n : p.getChildrenUnmodifiable()) {
            if (n instanceof javafx.scene.text.Text t) {
                out.add(t);
            } else if (n instanceof javafx.scene.Parent q) {
                out.addAll(texts(q));
            }
        }
        return out;
    }

    private static Frame frameAt(RunStatus status, int centre, int k) {
        return frameAt(status, centre, k, 10);
    }

    private static Frame frameAt(RunStatus status, int centre, int k, long step) {
        GridActionSet set = GRID;
        int[] idx = new int[k];
        double[] q = new double[k];
        for (int i = 0; i < k; i++) {
            idx[i] = centre - k / 2 + i;
            q[i] = -Math.abs(i - k / 2);
        }
        double proto = set.coordinate(centre, 0);
        return new Frame(1, "Pendulum-v1", status, new double[] {0, 0}, new double[] {1, 0, 0}, -1,
                new double[] {0}, new double[] {proto}, new double[] {proto}, false, idx[0], idx[k - 1], idx, q,
                centre, 0, step, 0, -1, Double.NaN, 100, k, 0.2);
    }

    private static final GridActionSet GRID = new GridActionSet(200_001, 1, new double[] {-2}, new double[] {2});

    @Test
    void followKeepsTheAxisWhileTheNeighbourhoodStaysInsideAndReframesNearTheEdge() throws Exception {
        double[][] r = fx(() -> {
            view.setActions(GRID);
            view.followProperty().set(true);
            view.show(frameAt(RunStatus.PAUSED, 100_000, 20));
            double[] first = view.range();
            view.show(frameAt(RunStatus.PAUSED, 100_002, 20)); // moved by 2 of a window ~ 60 actions wide
            double[] kept = view.range();
            view.show(frameAt(RunStatus.PAUSED, 100_040, 20)); // beyond the window's edge
            double[] moved = view.range();
            return new double[][] {first, kept, moved};
        });
        assertEquals(r[0][0], r[1][0], 0.0, "a small move keeps the axis still");
        assertEquals(r[0][1], r[1][1], 0.0);
        double edge = GRID.coordinate(100_050, 0);
        assertTrue(r[2][1] > edge && r[2][0] > r[0][0], "re-framed around the new neighbourhood: " + r[2][0] + ".." + r[2][1]);
    }

    @Test
    void whileTrainingShowsAtMostTwentyFramesASecondButOtherFramesAtOnce() throws Exception {
        Frame[] shown = fx(() -> {
            view.setActions(GRID);
            Frame a = frameAt(RunStatus.TRAINING, 100_000, 20, 100);
            Frame b = frameAt(RunStatus.TRAINING, 100_010, 20, 112);
            Frame c = frameAt(RunStatus.TRAINING, 100_020, 40, 124);
            Frame d = frameAt(RunStatus.PAUSED, 100_030, 40, 125);
            Frame e = frameAt(RunStatus.TRAINING, 100_040, 40, 126);
            Frame f = frameAt(RunStatus.TRAINING, 100_050, 40, 127);
            // one clock for the whole test, 1 ms apart: well inside the 50 ms of 20 frames a second
            // (the wall clock would make it depend on the machine's load)
            long t = 1_000_000_000L;
            view.show(a, t);
            view.show(b, t + 1_000_000); // same k, steps skipped: too soon
            Frame afterB = view.shownFrame();
            view.show(c, t + 2_000_000); // k changed: at once
            Frame afterC = view.shownFrame();
            view.show(d, t + 3_000_000); // paused: at once
            Frame afterD = view.shownFrame();
            view.show(e, t + 4_000_000);
            view.show(f, t + 5_000_000); // the next step (real-time pace): at once
            return new Frame[] {a, afterB, c, afterC, d, afterD, f, view.shownFrame()};
        });
        assertTrue(shown[1] == shown[0], "a training frame that skips steps within 50 ms of the last is skipped");
        assertTrue(shown[3] == shown[2], "a new k shows at once");
        assertTrue(shown[5] == shown[4], "a paused frame shows at once");
        assertTrue(shown[7] == shown[6], "consecutive steps (real time) all show");
    }
}
