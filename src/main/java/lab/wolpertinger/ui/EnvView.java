package lab.wolpertinger.ui;

import java.util.Locale;
import javafx.geometry.VPos;
import javafx.scene.Group;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.shape.Arc;
import javafx.scene.shape.ArcType;
import javafx.scene.shape.Circle;
import javafx.scene.shape.Line;
import javafx.scene.shape.Polygon;
import javafx.scene.shape.Rectangle;
import javafx.scene.shape.StrokeLineCap;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;
import lab.wolpertinger.env.CartPole;
import lab.wolpertinger.env.Catalog;
import lab.wolpertinger.env.Pendulum;
import lab.wolpertinger.train.Frame;
import lab.wolpertinger.train.RunStatus;

/**
 * The environment as a picture of its latest state: Pendulum-v1 (rod, bob, the applied torque
 * as an arc scaled to the ±2 N·m limit) or CartPole-v1 (track with its ±2.4 m limits, cart,
 * pole, the push direction) or Catalog-v0 (the session's step and return, whether the user
 * accepted the last recommendation, and the user's interest as one bar per topic coordinate).
 *
 * <p>The guide circle, the track and the title are the background; the moving bodies and the
 * readouts of the same frame are overlay nodes moved every frame (so the numbers always
 * describe the picture).
 */
public final class EnvView extends CanvasView {
    private static final double MAX_TORQUE = 2.0;    // N·m, Pendulum-v1's action bound
    private static final double X_LIMIT = 2.4;       // m, CartPole-v1 terminates beyond this
    private static final double POLE_LENGTH = 1.0;   // m, drawn length (Gymnasium: half-length 0.5)
    private static final double THETA_LIMIT = 12 * 2 * Math.PI / 360; // rad, CartPole-v1's angle bound

    private Frame frame;
    private String drawnTitle;

    // Pendulum
    private final Line rod = new Line();
    private final Circle bob = new Circle();
    private final Circle pivot = new Circle(4);
    private final Arc torqueArc = new Arc();
    private final Polygon arrow = new Polygon();
    // CartPole
    private final Rectangle cart = new Rectangle();
    private final Line pole = new Line();
    private final Line coneLeft = new Line();
    private final Line coneRight = new Line();
    private final Line push = new Line();
    // Catalog
    private final OverlayText sessionText = new OverlayText(13);
    private final OverlayText verdictText = new OverlayText(13);
    private final OverlayText interestText = new OverlayText(12);
    private final Rectangle progressTrack = new Rectangle();
    private final Rectangle progressBar = new Rectangle();
    private final Line interestZero = new Line();
    private final Group interestBars = new Group();
    // Readouts
    private final OverlayText actionText = new OverlayText(13);
    private final OverlayText stateText = new OverlayText(13);
    private final OverlayText rewardText = new OverlayText(13);

    /** An empty view; {@link #show} gives it a frame. */
    public EnvView() {
        setId("envView");
        rod.setId("pendulumRod");
        cart.setId("cart");
        pole.setId("cartPole");
        rod.setStrokeLineCap(StrokeLineCap.ROUND);
        pole.setStrokeLineCap(StrokeLineCap.ROUND);
        torqueArc.setType(ArcType.OPEN);
        torqueArc.setFill(null);
        torqueArc.setStrokeWidth(4);
        push.setStrokeWidth(4);
        cart.setArcWidth(6);
        cart.setArcHeight(6);
        for (Line l : new Line[] {coneLeft, coneRight}) {
            l.getStrokeDashArray().setAll(4.0, 4.0);
            l.setStrokeWidth(1);
        }
        sessionText.setId("catalogSession");
        verdictText.setId("catalogVerdict");
        progressBar.setId("sessionProgress");
        interestBars.setId("interestBars");
        interestBars.setManaged(false);
        addOverlay(rod, bob, pivot, torqueArc, cart, pole, coneLeft, coneRight, push, arrow,
                actionText, stateText, rewardText, sessionText, verdictText, interestText, progressTrack, progressBar,
                interestZero, interestBars);
    }

    /** Shows {@code f} (null: nothing yet). */
    /** The frame shown (null before the first). */
    Frame shown() {
        return frame;
    }

    public void show(Frame f) {
        frame = f;
        if (!title().equals(drawnTitle)) {
            invalidate();
        } else {
            update();
        }
    }

    private String title() {
        if (frame == null) {
            return "";
        }
        return frame.envId() + (frame.status() == RunStatus.EVALUATING ? "  ·  greedy evaluation" : "");
    }

    @Override
    protected void drawBackground(GraphicsContext g, double w, double h) {
        Palette p = palette();
        g.setFont(Font.font(13));
        g.setTextBaseline(VPos.TOP);
        g.setTextAlign(TextAlignment.LEFT);
        drawnTitle = title();
        if (frame == null) {
            g.setFill(p.muted());
            fillText(g, "building the agent …", 12, 10);
            return;
        }
        if (Pendulum.ID.equals(frame.envId())) {
            drawPendulumBackground(g, w, h, p);
        } else if (CartPole.ID.equals(frame.envId())) {
            drawTrack(g, w, h, p);
        }
        g.setFill(p.text());
        g.setTextAlign(TextAlignment.LEFT);
        fillText(g, drawnTitle, 12, 10);
    }

    @Override
    protected void updateOverlay(double w, double h) {
        if (frame == null) {
            return;
        }
        Palette p = palette();
        if (Pendulum.ID.equals(frame.envId())) {
            placePendulum(w, h, p);
        } else if (CartPole.ID.equals(frame.envId())) {
            placeCartPole(w, h, p);
        } else if (Catalog.ID.equals(frame.envId())) {
            placeCatalog(w, h, p);
            return;
        } else {
            return;
        }
        show(rewardText).place(String.format(Locale.ROOT, "reward %s   episode return %.1f", fmt(frame.reward()),
                frame.episodeReturn()), p.muted(), 12, 28, TextAlignment.LEFT);
    }

    // ------------------------------------------------------------------ Pendulum-v1

    /** Where the pendulum sits in a view: pivot (cx, cy) and rod length r, in px. */
    private record PendulumPlace(double cx, double cy, double r) {
        static PendulumPlace of(double w, double h) {
            return new PendulumPlace(w / 2, h / 2 + 14, Math.max(20, Math.min(w, h - 60) * 0.36));
        }
    }

    private void drawPendulumBackground(GraphicsContext g, double w, double h, Palette p) {
        PendulumPlace c = PendulumPlace.of(w, h);
        double cx = c.cx();
        double cy = c.cy();
        double r = c.r();
        g.setStroke(p.grid());
        g.setLineWidth(1);
        g.strokeOval(cx - r, cy - r, 2 * r, 2 * r);
        g.setLineDashes(4, 4);
        g.strokeLine(cx, cy - r - 8, cx, cy + r + 8);
        g.setLineDashes();
    }

    private void placePendulum(double w, double h, Palette p) {
        double theta = frame.state()[0];     // rad, 0 upright, counter-clockwise positive
        double thetaDot = frame.state()[1];  // rad/s
        PendulumPlace c = PendulumPlace.of(w, h);
        double cx = c.cx();
        double cy = c.cy();
        double r = c.r();
        // Screen y grows downwards: upright is (0, -r); counter-clockwise moves the tip left.
        double tx = cx - r * Math.sin(theta);
        double ty = cy - r * Math.cos(theta);
        rod.setStroke(p.body());
        rod.setStrokeWidth(Math.max(6, r * 0.09));
        setLine(rod, cx, cy, tx, ty);
        double bobRadius = Math.max(8, r * 0.11);
        bob.setFill(p.pole());
        bob.setRadius(bobRadius);
        bob.setCenterX(tx);
        bob.setCenterY(ty);
        show(bob);
        pivot.setFill(p.text());
        pivot.setCenterX(cx);
        pivot.setCenterY(cy);
        show(pivot);

        if (frame.envAction().length == 1) {
            double u = frame.envAction()[0];
            double extent = 150 * Math.max(-1, Math.min(1, u / MAX_TORQUE)); // degrees, ±150 at ±2 N·m
            double ar = r * 0.42;
            torqueArc.setStroke(p.noisy());
            torqueArc.setCenterX(cx);
            torqueArc.setCenterY(cy);
            torqueArc.setRadiusX(ar);
            torqueArc.setRadiusY(ar);
            torqueArc.setStartAngle(90);
            torqueArc.setLength(extent);
            show(torqueArc);
            if (Math.abs(extent) > 4) {
                double end = Math.toRadians(90 + extent);
                double ex = cx + ar * Math.cos(end);
                double ey = cy - ar * Math.sin(end);
                double dir = Math.signum(extent); // tangent direction of travel along the arc
                arrowHead(ex, ey, -Math.sin(end) * dir, -Math.cos(end) * dir, 12, p);
            }
            show(actionText).place(String.format(Locale.ROOT, "torque %+.3f N·m", u), p.noisy(), cx, cy + r + 12,
                    TextAlignment.CENTER);
        }
        show(stateText).place(String.format(Locale.ROOT, "θ %+.2f rad   θ̇ %+.2f rad/s", normalize(theta), thetaDot),
                p.muted(), w - 12, 10, TextAlignment.RIGHT);
    }

    // ------------------------------------------------------------------ CartPole-v1

    /** Where the track sits in a view: scale in px per m, its centre x and its y, in px. */
    private record Track(double scale, double cx, double y) {
        static Track of(double w, double h) {
            return new Track((w - 60) / (2 * X_LIMIT * 1.1), w / 2, h * 0.72);
        }
    }

    private void drawTrack(GraphicsContext g, double w, double h, Palette p) {
        Track t = Track.of(w, h);
        double scale = t.scale();
        double cx = t.cx();
        double trackY = t.y();
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
        fillText(g, "-2.4 m", cx - X_LIMIT * scale, trackY + 16);
        fillText(g, "+2.4 m", cx + X_LIMIT * scale, trackY + 16);
    }

    private void placeCartPole(double w, double h, Palette p) {
        double x = frame.state()[0];       // m
        double theta = frame.state()[2];   // rad, 0 upright, positive leans right
        Track t = Track.of(w, h);
        double scale = t.scale();
        double trackY = t.y();
        double cartW = Math.max(40, 0.5 * scale);
        double cartH = cartW * 0.5;
        double px = t.cx() + x * scale;
        double top = trackY - cartH - 4;
        cart.setFill(p.body());
        cart.setX(px - cartW / 2);
        cart.setY(top);
        cart.setWidth(cartW);
        cart.setHeight(cartH);
        show(cart);
        double len = POLE_LENGTH * scale * 0.9;
        pole.setStroke(p.pole());
        pole.setStrokeWidth(Math.max(6, cartW * 0.14));
        setLine(pole, px, top, px + len * Math.sin(theta), top - len * Math.cos(theta));
        pivot.setFill(p.text());
        pivot.setCenterX(px);
        pivot.setCenterY(top);
        show(pivot);
        // The ±12° failure cone.
        coneLeft.setStroke(p.grid());
        coneRight.setStroke(p.grid());
        setLine(coneRight, px, top, px + len * Math.sin(THETA_LIMIT), top - len * Math.cos(THETA_LIMIT));
        setLine(coneLeft, px, top, px - len * Math.sin(THETA_LIMIT), top - len * Math.cos(THETA_LIMIT));

        if (frame.envAction().length == 1) {
            double dir = frame.envAction()[0] >= 0.5 ? 1 : -1; // action 1 pushes right, 0 left
            double y = top + cartH / 2;
            double x0 = px + dir * (cartW / 2 + 6);
            double x1 = x0 + dir * 46;
            push.setStroke(p.noisy());
            setLine(push, x0, y, x1, y);
            arrowHead(x1, y, dir, 0, 12, p);
            show(actionText).place(dir > 0 ? "push right" : "push left", p.noisy(), px, trackY + 34, TextAlignment.CENTER);
        }
        show(stateText).place(String.format(Locale.ROOT, "x %+.2f m   θ %+.1f°", x, Math.toDegrees(theta)),
                p.muted(), w - 12, 10, TextAlignment.RIGHT);
    }

    // ------------------------------------------------------------------ Catalog-v0

    /** The session (step, return, last verdict) and the user's interest u, one bar per topic coordinate. */
    private void placeCatalog(double w, double h, Palette p) {
        double[] st = frame.state(); // u_0 .. u_{d-2}, then t
        int topics = st.length - 1;
        int t = (int) st[topics];
        show(sessionText).place(String.format(Locale.ROOT, "session step %d of %d   ·   return so far %.0f",
                t, Catalog.MAX_STEPS, frame.episodeReturn()), p.text(), 12, 34, TextAlignment.LEFT);
        double barW = Math.max(10, w - 24);
        progressTrack.setFill(p.grid());
        showRect(progressTrack, 12, 56, barW, 6);
        progressBar.setFill(p.proto());
        showRect(progressBar, 12, 56, barW * Math.min(1, t / (double) Catalog.MAX_STEPS), 6);
        String verdict;
        Color colour;
        if (frame.envAction().length != 1 || Double.isNaN(frame.reward())) {
            verdict = "no recommendation yet";
            colour = p.muted();
        } else {
            boolean accepted = frame.reward() > 0;
            verdict = String.format(Locale.ROOT, "%s item %,d: %s", t == 0 ? "the last session ended after" : "recommended",
                    (long) frame.envAction()[0], accepted ? "accepted ✓ (reward 1)" : "rejected ✗ (reward 0)");
            colour = accepted ? p.chosen() : p.danger();
        }
        show(verdictText).place(verdict, colour, 12, 72, TextAlignment.LEFT, w - 24);
        show(interestText).place(String.format(Locale.ROOT,
                "user interest u: %d topic coordinates in [-1, 1] (drifts toward accepted items)", topics), p.muted(),
                12, 100, TextAlignment.LEFT, w - 24);
        double top = 122;
        double bottom = h - 14;
        if (bottom - top < 20 || topics < 1) {
            return;
        }
        double mid = (top + bottom) / 2;
        double half = (bottom - top) / 2;
        interestZero.setStroke(p.grid());
        setLine(interestZero, 12, mid, 12 + barW, mid);
        while (interestBars.getChildren().size() < topics) {
            Rectangle r = new Rectangle();
            r.setManaged(false);
            interestBars.getChildren().add(r);
        }
        double slot = barW / topics;
        for (int j = 0; j < interestBars.getChildren().size(); j++) {
            Rectangle r = (Rectangle) interestBars.getChildren().get(j);
            boolean used = j < topics;
            if (r.isVisible() != used) {
                r.setVisible(used);
            }
            if (used) {
                double u = Math.max(-1, Math.min(1, st[j]));
                r.setFill(p.body());
                r.setX(12 + j * slot + slot * 0.15);
                r.setWidth(Math.max(1, slot * 0.7));
                r.setY(u >= 0 ? mid - u * half : mid);
                r.setHeight(Math.max(1, Math.abs(u) * half));
            }
        }
        show(interestBars);
    }

    // ------------------------------------------------------------------ shapes

    private void setLine(Line l, double x0, double y0, double x1, double y1) {
        l.setStartX(x0);
        l.setStartY(y0);
        l.setEndX(x1);
        l.setEndY(y1);
        show(l);
    }

    /** A filled triangle with its tip at (x, y) pointing along (dx, dy). */
    private void arrowHead(double x, double y, double dx, double dy, double size, Palette p) {
        double len = Math.hypot(dx, dy);
        if (len == 0) {
            return;
        }
        dx /= len;
        dy /= len;
        double bx = x - dx * size;
        double by = y - dy * size;
        arrow.setFill(p.noisy());
        arrow.getPoints().setAll(x + dx * 2, y + dy * 2, bx - dy * size * 0.6, by + dx * size * 0.6,
                bx + dy * size * 0.6, by - dx * size * 0.6);
        show(arrow);
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
