package lab.wolpertinger.ui;

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
import org.testfx.util.WaitForAsyncUtils;

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

    private static <T> T fx(java.util.concurrent.Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get(30, java.util.concurrent.TimeUnit.SECONDS);
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
}
