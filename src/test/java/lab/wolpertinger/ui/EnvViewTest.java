package lab.wolpertinger.ui;

import static lab.wolpertinger.ui.FxWait.fx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.scene.shape.Line;
import javafx.scene.shape.Rectangle;
import javafx.stage.Stage;
import lab.wolpertinger.train.Frame;
import lab.wolpertinger.train.RunStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The environment view's moving parts follow the state: rod angle, cart position. */
@ExtendWith(ApplicationExtension.class)
class EnvViewTest {
    private EnvView view;

    @Start
    void start(Stage stage) {
        view = new EnvView();
        stage.setScene(new Scene(new StackPane(view), 600, 500));
        stage.show();
    }

    private static Frame frame(String env, double[] state, double[] envAction) {
        return new Frame(1, env, RunStatus.PAUSED, state, new double[state.length], 0, envAction, new double[0],
                new double[0], false, -1, -1, new int[0], new double[0], -1, Double.NaN, 1, 0, 0, Double.NaN, 0, 1, 0);
    }


    @Test
    void pendulumRodPointsAlongTheta() throws Exception {
        // theta = +pi/2: a quarter turn counter-clockwise from upright, so the tip is left of the pivot.
        double[] rod = fx(() -> {
            view.show(frame("Pendulum-v1", new double[] {Math.PI / 2, 0}, new double[] {1.0}));
            Line l = (Line) view.lookup("#pendulumRod");
            return new double[] {l.getStartX(), l.getStartY(), l.getEndX(), l.getEndY(), l.isVisible() ? 1 : 0};
        });
        assertEquals(1, rod[4]);
        assertTrue(rod[2] < rod[0] - 50, "tip left of the pivot");
        assertEquals(rod[1], rod[3], 1e-6, "horizontal");
        double[] upright = fx(() -> {
            view.show(frame("Pendulum-v1", new double[] {0, 0}, new double[] {0.0}));
            Line l = (Line) view.lookup("#pendulumRod");
            return new double[] {l.getStartX(), l.getStartY(), l.getEndX(), l.getEndY()};
        });
        assertEquals(upright[0], upright[2], 1e-6, "upright: vertical");
        assertTrue(upright[3] < upright[1], "upright: tip above the pivot");
    }

    @Test
    void cartMovesWithXAndThePendulumPartsHide() throws Exception {
        double[] cart = fx(() -> {
            view.show(frame("CartPole-v1", new double[] {0, 0, 0, 0}, new double[] {1}));
            Rectangle c = (Rectangle) view.lookup("#cart");
            double centred = c.getX() + c.getWidth() / 2;
            view.show(frame("CartPole-v1", new double[] {1.2, 0, 0.1, 0}, new double[] {0}));
            double right = c.getX() + c.getWidth() / 2;
            return new double[] {centred, right, view.getWidth(), view.lookup("#pendulumRod").isVisible() ? 1 : 0};
        });
        assertEquals(cart[2] / 2, cart[0], 1.0, "x = 0 is the middle of the view");
        assertTrue(cart[1] > cart[0] + 50, "x = 1.2 m is right of the middle");
        assertFalse(cart[3] == 1, "no pendulum rod on a cart-pole");
    }

    @Test
    void catalogShowsTheSessionTheVerdictAndTheInterest() throws Exception {
        // d = 4: interest u0..u2, then t = 37; the last recommendation (item 1234) was accepted.
        Frame f = new Frame(1, "Catalog-v0", RunStatus.PAUSED, new double[] {0.5, -0.25, 0, 37}, new double[4], 1,
                new double[] {1234}, new double[0], new double[0], false, -1, -1, new int[0], new double[0], -1,
                Double.NaN, 500, 4, 12, Double.NaN, 0, 1, 0);
        String[] r = fx(() -> {
            view.show(f);
            javafx.scene.Group bars = (javafx.scene.Group) view.lookup("#interestBars");
            Rectangle up = (Rectangle) bars.getChildren().get(0);
            Rectangle down = (Rectangle) bars.getChildren().get(1);
            return new String[] {((javafx.scene.text.Text) view.lookup("#catalogSession")).getText(),
                ((javafx.scene.text.Text) view.lookup("#catalogVerdict")).getText(),
                Long.toString(bars.getChildren().stream().filter(javafx.scene.Node::isVisible).count()),
                Boolean.toString(up.getHeight() > 2 * down.getHeight() - 1e-9 && up.getY() < down.getY()),
                Boolean.toString(view.lookup("#pendulumRod").isVisible())};
        });
        assertEquals("session step 37 of 100   ·   return so far 12", r[0]);
        assertEquals("recommended item 1,234: accepted ✓ (reward 1)", r[1]);
        assertEquals("3", r[2], "one bar per topic coordinate");
        assertEquals("true", r[3], "u0 = 0.5 rises twice as far as u1 = -0.25 falls");
        assertEquals("false", r[4]);
    }
}
