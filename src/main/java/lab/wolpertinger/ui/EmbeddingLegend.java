package lab.wolpertinger.ui;

import java.util.Locale;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.paint.CycleMethod;
import javafx.scene.paint.LinearGradient;
import javafx.scene.paint.Stop;
import javafx.scene.text.TextAlignment;

/**
 * The {@link EmbeddingView}'s legend column right of the plot: one row per mark, drawn as the
 * overlay draws it, the critic's Q ramp (its end values are overlay texts of the view, placed at
 * {@link #rampY}) and the items-per-pixel scale of the density image. Part of the view's
 * background, redrawn with it.
 */
final class EmbeddingLegend {

    /** Width of the Q ramp and of the density scale, px. */
    static final double QBAR_W = 200;

    private EmbeddingLegend() {
    }

    /**
     * Draws the column for the plot {@code pl} in a view {@code h} px high: {@code policy} for ACER's
     * frames (no proto-action and no neighbours: its policy scores every item and one is drawn from
     * it), {@code planeNote} to say under it that the 2-D plane can put the nearest item further away
     * (d > 2, where the approximate search's recall line does not take that place).
     */
    static void draw(GraphicsContext g, CanvasView.Words words, EmbeddingPlane pl, double h, Palette p, boolean policy,
                     boolean planeNote, int dim, int densityMax) {
        double x = x(pl);
        double y = y();
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.CENTER);
        String[] names = policy ? new String[] {"sampled item (drawn from π)"}
                : new String[] {"proto-action (actor)", "noisy proto-action (+ exploration)",
                        "nearest item to the noisy one", "chosen item (critic's best of k)"};
        for (int row = 0; row < names.length; row++) {
            double cy = y + row * 20 + 8;
            double cx = x + 8;
            g.setLineWidth(2.5);
            switch (policy ? 3 : row) {
                case 0 -> {
                    g.setStroke(p.proto());
                    g.strokeLine(cx - 6, cy, cx + 6, cy);
                    g.strokeLine(cx, cy - 6, cx, cy + 6);
                }
                case 1 -> {
                    g.setStroke(p.noisy());
                    g.strokeLine(cx - 5, cy - 5, cx + 5, cy + 5);
                    g.strokeLine(cx - 5, cy + 5, cx + 5, cy - 5);
                }
                case 2 -> {
                    g.setStroke(p.text());
                    g.setLineWidth(2);
                    g.strokeRect(cx - 6, cy - 6, 12, 12);
                }
                default -> {
                    g.setStroke(p.chosen());
                    g.strokeOval(cx - 7, cy - 7, 14, 14);
                }
            }
            g.setFill(p.text());
            words.fill(g, names[row], x + 24, cy);
        }
        double ry = rampY(policy);
        g.setFill(p.text());
        words.fill(g, policy ? "items (a sample): colour Q, size π(a|s):" : "k nearest neighbours, by the critic's Q:",
                x + 24, ry);
        for (int i = 0; i < 3; i++) {
            g.setFill(rampColour(p, i / 2.0));
            g.fillOval(x + 4 + i * 4, ry - 2.5, 5, 5);
        }
        double barY = ry + 12;
        g.setFill(new LinearGradient(0, 0, 1, 0, true, CycleMethod.NO_CYCLE, new Stop(0, p.qLow()), new Stop(1, p.qHigh())));
        g.fillRect(x + 24, barY, QBAR_W, 8);
        double dy = barY + 44;
        g.setFill(p.muted());
        words.fill(g, "items per pixel (log scale):", x + 24, dy);
        g.setFill(new LinearGradient(0, 0, 1, 0, true, CycleMethod.NO_CYCLE,
                new Stop(0, p.background().interpolate(p.density(), 0.12)), new Stop(1, p.density())));
        g.fillRect(x + 24, dy + 10, QBAR_W, 8);
        g.setStroke(p.grid());
        g.setLineWidth(1);
        g.strokeRect(x + 24, dy + 10, QBAR_W, 8);
        g.setFill(p.muted());
        g.setTextBaseline(VPos.TOP);
        words.fill(g, "1", x + 24, dy + 20);
        g.setTextAlign(TextAlignment.RIGHT);
        words.fill(g, String.format(Locale.ROOT, "%,d", densityMax), x + 24 + QBAR_W, dy + 20);
        g.setTextAlign(TextAlignment.LEFT);
        if (planeNote && dy + 100 <= h) { // only where both lines fit
            // One sentence so that a far-looking nearest item is not read as a bug.
            g.setFill(p.muted());
            words.fill(g, String.format(Locale.ROOT, "Nearest counts all %d coordinates;", dim), x, dy + 72);
            words.fill(g, "the 2-D plane can put it further away.", x, dy + 87);
        }
    }

    /** The column's left edge, right of the plot. */
    static double x(EmbeddingPlane pl) {
        return pl.x0() + pl.w() + 24;
    }

    /** The top of its first row. */
    static double y() {
        return EmbeddingView.TOP + 22;
    }

    /** The y of the Q ramp's row: under ACER's one mark row, or Wolpertinger's four. */
    static double rampY(boolean policy) {
        return y() + (policy ? 1 : 4) * 20 + 8;
    }

    /** The critic's Q ramp at t in [0, 1], low to high. */
    static Color rampColour(Palette p, double t) {
        return p.qLow().interpolate(p.qHigh(), t);
    }
}
