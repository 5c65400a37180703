package lab.wolpertinger.ui;

import java.util.Locale;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.TextAlignment;
import lab.wolpertinger.knn.ActionSet;
import lab.wolpertinger.train.Frame;

/**
 * The {@link ActionSpaceView} for a grid of d >= 2 (a box env's actions; catalogs have the
 * {@link EmbeddingView}): the N actions as a density of square cells on the first two axes, and
 * on it the candidates coloured by the critic's Q, the proto-action and the noisy one (+) and the
 * chosen action (o), all drawn with the background. Keeps its cell counts while the set, the range
 * and the size stay (very large sets are sampled, 2,000,000 points at most).
 */
final class GridPlane {

    private final Projection projection = new AxisProjection(0, 1);
    private int[] counts = new int[0];
    private int countsMax;
    private double cacheLo = Double.NaN;
    private double cacheHi = Double.NaN;
    private int cacheCells = -1;
    private ActionSet cacheActions;

    /**
     * Draws {@code actions} (d >= 2) in the view's {@code w} x {@code h} background, the axis
     * range [lo, hi] on both axes, with {@code frame}'s selection if it has one.
     */
    void draw(GraphicsContext g, CanvasView.Words words, double w, double h, Palette p, ActionSet actions,
              Frame frame, double lo, double hi) {
        g.setFill(p.text());
        g.setTextAlign(TextAlignment.LEFT);
        words.fill(g, String.format(Locale.ROOT, "Action space  ·  N = %,d in d = %d, shown on %s × %s  ·  k = %,d",
                actions.size(), actions.dim(), projection.axisLabel(0), projection.axisLabel(1),
                frame == null ? 0 : frame.k()), 12, 6);
        double size = Math.min(w - 2 * ActionSpaceView.LEFT, h - 50);
        if (size < 20) {
            return;
        }
        double x0 = (w - size) / 2;
        double y0 = 30;
        double span = hi - lo;
        g.setStroke(p.grid());
        g.strokeRect(x0, y0, size, size);
        int cells = (int) Math.max(4, size / 3);
        if (cacheActions != actions || cacheLo != lo || cacheHi != hi || cacheCells != cells) {
            counts = new int[cells * cells];
            double[] e = new double[actions.dim()];
            double[] out = new double[2];
            int max = 0;
            int stride = Math.max(1, actions.size() / 2_000_000); // sample very large sets
            for (int i = 0; i < actions.size(); i += stride) {
                actions.embedding(i, e);
                projection.project(e, out);
                int cx = (int) ((out[0] - lo) / span * cells);
                int cy = (int) ((out[1] - lo) / span * cells);
                if (cx >= 0 && cx < cells && cy >= 0 && cy < cells) {
                    max = Math.max(max, ++counts[cy * cells + cx]);
                }
            }
            countsMax = Math.max(1, max);
            cacheActions = actions;
            cacheLo = lo;
            cacheHi = hi;
            cacheCells = cells;
        }
        double cell = size / cells;
        g.setFill(p.density());
        for (int cy = 0; cy < cells; cy++) {
            for (int cx = 0; cx < cells; cx++) {
                int c = counts[cy * cells + cx];
                if (c > 0) {
                    g.setGlobalAlpha(0.15 + 0.5 * c / (double) countsMax);
                    g.fillRect(x0 + cx * cell, y0 + size - (cy + 1) * cell, cell, cell);
                }
            }
        }
        g.setGlobalAlpha(1);
        if (frame == null || !frame.hasSelection()) {
            return;
        }
        double[] q = frame.candidateQ();
        QRange range = QRange.of(q);
        double qMin = range.min();
        double qMax = range.max();
        double[] e = new double[actions.dim()];
        double[] out = new double[2];
        for (int i = 0; i < frame.candidates().length; i++) {
            actions.embedding(frame.candidates()[i], e);
            projection.project(e, out);
            double t = qMax > qMin ? (q[i] - qMin) / (qMax - qMin) : 1;
            g.setFill(p.muted().interpolate(p.curve(), t));
            g.fillOval(x0 + (out[0] - lo) / span * size - 2.5, y0 + size - (out[1] - lo) / span * size - 2.5, 5, 5);
        }
        cross(g, p.proto(), frame.protoAction(), x0, y0, size, lo, span);
        cross(g, p.noisy(), frame.noisyProtoAction(), x0, y0, size, lo, span);
        actions.embedding(frame.chosenAction(), e);
        projection.project(e, out);
        g.setStroke(p.chosen());
        g.setLineWidth(2);
        g.strokeOval(x0 + (out[0] - lo) / span * size - 7, y0 + size - (out[1] - lo) / span * size - 7, 14, 14);
    }

    private void cross(GraphicsContext g, Color c, double[] v, double x0, double y0, double size, double lo, double span) {
        double[] out = new double[2];
        projection.project(v, out);
        double cx = x0 + (out[0] - lo) / span * size;
        double cy = y0 + size - (out[1] - lo) / span * size;
        g.setStroke(c);
        g.setLineWidth(2);
        g.strokeLine(cx - 7, cy, cx + 7, cy);
        g.strokeLine(cx, cy - 7, cx, cy + 7);
    }
}
