package lab.wolpertinger.ui;

import java.util.Locale;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.shape.ArcType;
import javafx.scene.shape.StrokeLineCap;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;
import lab.wolpertinger.env.CartPole;
import lab.wolpertinger.env.Pendulum;
import lab.wolpertinger.train.Frame;
import lab.wolpertinger.train.RunStatus;

/**
 * The environment as a picture of its latest state: Pendulum-v1 (rod, bob, the applied torque
 * as an arc scaled to the ±2 N·m limit) or CartPole-v1 (track with its ±2.4 m limits, cart,
 * pole, the push direction).
 */
public final class EnvView extends CanvasView {
    private static final double MAX_TORQUE = 2.0;    // N·m, Pendulum-v1's action bound
    private static final double X_LIMIT = 2.4;       // m, CartPole-v1 terminates beyond this
    private static final double POLE_LENGTH = 1.0;   // m, drawn length (Gymnasium: half-length 0.5)
    private static final double THETA_LIMIT = 12 * 2 * Math.PI / 360; // rad, CartPole-v1's angle bound

    private Frame frame;

    /** An empty view; {@link #show} gives it a frame. */
    public EnvView() {
        setId("envView");
    }

    /** Shows {@code f} (null: nothing yet). */
    public void show(Frame f) {
        frame = f;
        invalidate();
    }

    @Override
    protected void draw(GraphicsContext g, double w, double h) {
        Palette p = palette();
        g.setFont(Font.font(13));
        g.setTextBaseline(VPos.TOP);
        g.setTextAlign(TextAlignment.LEFT);
        if (frame == null) {
            g.setFill(p.muted());
            g.fillText("building the agent …", 12, 10);
            return;
        }
        if (Pendulum.ID.equals(frame.envId())) {
            drawPendulum(g, w, h, p);
        } else if (CartPole.ID.equals(frame.envId())) {
            drawCartPole(g, w, h, p);
        }
        g.setFill(p.text());
        g.setTextAlign(TextAlignment.LEFT);
        g.fillText(frame.envId() + (frame.status() == RunStatus.EVALUATING ? "  ·  greedy evaluation" : ""), 12, 10);
        g.setFill(p.muted());
        g.fillText(String.format(Locale.ROOT, "reward %s   episode return %.1f", fmt(frame.reward()),
                frame.episodeReturn()), 12, 28);
    }

    private void drawPendulum(GraphicsContext g, double w, double h, Palette p) {
        double theta = frame.state()[0];     // rad, 0 upright, counter-clockwise positive
        double thetaDot = frame.state()[1];  // rad/s
        double cx = w / 2;
        double cy = h / 2 + 14;
        double r = Math.max(20, Math.min(w, h - 60) * 0.36);
        // Screen y grows downwards: upright is (0, -r); counter-clockwise moves the tip left.
        double tx = cx - r * Math.sin(theta);
        double ty = cy - r * Math.cos(theta);
        g.setStroke(p.grid());
        g.setLineWidth(1);
        g.strokeOval(cx - r, cy - r, 2 * r, 2 * r);
        g.setLineDashes(4, 4);
        g.strokeLine(cx, cy - r - 8, cx, cy + r + 8);
        g.setLineDashes();
        g.setStroke(p.body());
        g.setLineCap(StrokeLineCap.ROUND);
        g.setLineWidth(Math.max(6, r * 0.09));
        g.strokeLine(cx, cy, tx, ty);
        double bob = Math.max(8, r * 0.11);
        g.setFill(p.pole());
        g.fillOval(tx - bob, ty - bob, 2 * bob, 2 * bob);
        g.setFill(p.text());
        g.fillOval(cx - 4, cy - 4, 8, 8);

        if (frame.envAction().length == 1) {
            double u = frame.envAction()[0];
            double extent = 150 * Math.max(-1, Math.min(1, u / MAX_TORQUE)); // degrees, ±150 at ±2 N·m
            double ar = r * 0.42;
            g.setStroke(p.noisy());
            g.setLineWidth(4);
            g.setLineCap(StrokeLineCap.BUTT);
            g.strokeArc(cx - ar, cy - ar, 2 * ar, 2 * ar, 90, extent, ArcType.OPEN);
            if (Math.abs(extent) > 4) {
                double end = Math.toRadians(90 + extent);
                double ex = cx + ar * Math.cos(end);
                double ey = cy - ar * Math.sin(end);
                double dir = Math.signum(extent); // tangent direction of travel along the arc
                double txd = -Math.sin(end) * dir;
                double tyd = -Math.cos(end) * dir;
                arrowHead(g, ex, ey, txd, tyd, 12, p);
            }
            g.setFill(p.noisy());
            g.setTextAlign(TextAlignment.CENTER);
            g.fillText(String.format(Locale.ROOT, "torque %+.3f N·m", u), cx, cy + r + 12);
        }
        g.setFill(p.muted());
        g.setTextAlign(TextAlignment.RIGHT);
        g.fillText(String.format(Locale.ROOT, "θ %+.2f rad   θ̇ %+.2f rad/s", normalize(theta), thetaDot), w - 12, 10);
    }

    private void drawCartPole(GraphicsContext g, double w, double h, Palette p) {
        double x = frame.state()[0];       // m
        double theta = frame.state()[2];   // rad, 0 upright, positive leans right
        double scale = (w - 60) / (2 * X_LIMIT * 1.1); // px per m
        double cx = w / 2;
        double trackY = h * 0.72;
        g.setStroke(p.muted());
        g.setLineWidth(2);
        g.strokeLine(cx - X_LIMIT * 1.1 * scale, trackY, cx + X_LIMIT * 1.1 * scale, trackY);
        g.setStroke(p.danger());
        g.setLineWidth(2);
        for (int s = -1; s <= 1; s += 2) {
            double lx = cx + s * X_LIMIT * scale;
            g.strokeLine(lx, trackY - 30, lx, trackY + 12);
        }
        g.setFill(p.danger());
        g.setTextAlign(TextAlignment.CENTER);
        g.fillText("-2.4 m", cx - X_LIMIT * scale, trackY + 16);
        g.fillText("+2.4 m", cx + X_LIMIT * scale, trackY + 16);

        double cartW = Math.max(40, 0.5 * scale);
        double cartH = cartW * 0.5;
        double px = cx + x * scale;
        double top = trackY - cartH - 4;
        g.setFill(p.body());
        g.fillRoundRect(px - cartW / 2, top, cartW, cartH, 6, 6);
        double len = POLE_LENGTH * scale * 0.9;
        double tipX = px + len * Math.sin(theta);
        double tipY = top - len * Math.cos(theta);
        g.setStroke(p.pole());
        g.setLineCap(StrokeLineCap.ROUND);
        g.setLineWidth(Math.max(6, cartW * 0.14));
        g.strokeLine(px, top, tipX, tipY);
        g.setFill(p.text());
        g.fillOval(px - 4, top - 4, 8, 8);
        // The ±12° failure cone.
        g.setStroke(p.grid());
        g.setLineWidth(1);
        g.setLineDashes(4, 4);
        g.strokeLine(px, top, px + len * Math.sin(THETA_LIMIT), top - len * Math.cos(THETA_LIMIT));
        g.strokeLine(px, top, px - len * Math.sin(THETA_LIMIT), top - len * Math.cos(THETA_LIMIT));
        g.setLineDashes();

        if (frame.envAction().length == 1) {
            double dir = frame.envAction()[0] >= 0.5 ? 1 : -1; // action 1 pushes right, 0 left
            double y = top + cartH / 2;
            double x0 = px + dir * (cartW / 2 + 6);
            double x1 = x0 + dir * 46;
            g.setStroke(p.noisy());
            g.setLineWidth(4);
            g.setLineCap(StrokeLineCap.BUTT);
            g.strokeLine(x0, y, x1, y);
            arrowHead(g, x1, y, dir, 0, 12, p);
            g.setFill(p.noisy());
            g.setTextAlign(TextAlignment.CENTER);
            g.fillText(dir > 0 ? "push right" : "push left", px, trackY + 34);
        }
        g.setFill(p.muted());
        g.setTextAlign(TextAlignment.RIGHT);
        g.fillText(String.format(Locale.ROOT, "x %+.2f m   θ %+.1f°", x, Math.toDegrees(theta)), w - 12, 10);
    }

    private static void arrowHead(GraphicsContext g, double x, double y, double dx, double dy, double size, Palette p) {
        double len = Math.hypot(dx, dy);
        if (len == 0) {
            return;
        }
        dx /= len;
        dy /= len;
        double bx = x - dx * size;
        double by = y - dy * size;
        g.setFill(p.noisy());
        g.fillPolygon(new double[] {x + dx * 2, bx - dy * size * 0.6, bx + dy * size * 0.6},
                new double[] {y + dy * 2, by + dx * size * 0.6, by - dx * size * 0.6}, 3);
    }

    private static double normalize(double theta) {
        double t = (theta + Math.PI) % (2 * Math.PI);
        if (t < 0) {
            t += 2 * Math.PI;
        }
        return t - Math.PI;
    }

    private static String fmt(double v) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.3f", v);
    }
}
