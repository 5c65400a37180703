package lab.wolpertinger.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.IntToDoubleFunction;
import javafx.scene.Node;
import javafx.scene.shape.Circle;
import javafx.scene.shape.Polygon;
import javafx.scene.shape.Polyline;
import javafx.scene.text.TextAlignment;
import lab.wolpertinger.train.Frame;

/**
 * The moving curves over the 1-D action axis of {@link ActionSpaceView}: the critic's Q over a frame's
 * candidates (a polyline, at most two points per pixel column through {@link ColumnPath}; a dot for a
 * single candidate), the chosen action's dot on it, and, for an agent with a policy over all N (ACER),
 * pi(a|s) as an area from the plot's floor. Overlay nodes only; the view says where and when.
 */
final class LineCurves {
    static final double Q_WIDTH = 2;

    private final Polyline qCurve = new Polyline();
    private final Circle qDot = new Circle(3);
    private final Circle chosenDot = new Circle(5);
    private final OverlayText qMaxText = new OverlayText(12);
    private final OverlayText qMinText = new OverlayText(12);
    private final OverlayText qText = new OverlayText(12);
    private final Polygon piArea = new Polygon();
    private final OverlayText piMaxText = new OverlayText(12);

    LineCurves() {
        qCurve.setStrokeWidth(Q_WIDTH);
        qCurve.setFill(null);
        piArea.setId("policyArea");
    }

    /** The nodes, in drawing order (pi under Q, the chosen dot on top). */
    Node[] nodes() {
        return new Node[] {piArea, piMaxText, qCurve, qDot, qMaxText, qMinText, qText, chosenDot};
    }

    /** Draws Q thicker while the step-through is at its Q stage. */
    void emphasiseQ(boolean on) {
        qCurve.setStrokeWidth(on ? 3 : Q_WIDTH);
    }

    /**
     * Q over the frame's candidates between {@code top} and {@code bottom}, scaled to their range
     * (labelled at the left of {@code left}), with the chosen action's dot if {@code chosen}.
     *
     * @param xOf the x of an action index, in px
     */
    void placeQ(Frame frame, IntToDoubleFunction xOf, double left, double right, Palette p, double top, double bottom,
                boolean chosen, Consumer<Node> show) {
        if (!frame.hasSelection() || bottom - top < 10) {
            return;
        }
        double[] q = frame.candidateQ();
        int[] idx = frame.candidates();
        QRange range = QRange.of(q);
        double qMin = range.min();
        double qMax = range.max() > qMin ? range.max() : qMin + 1e-9;
        // Candidates come in index order (d = 1), so x grows: the column path keeps each column's lowest
        // and highest y, the same picture with at most 2 points per pixel.
        List<Double> points = new ArrayList<>();
        ColumnPath path = new ColumnPath(new ColumnPath.Sink() {
            @Override
            public void moveTo(double x, double y) {
                lineTo(x, y);
            }

            @Override
            public void lineTo(double x, double y) {
                points.add(x);
                points.add(y);
            }
        });
        for (int i = 0; i < idx.length; i++) {
            double xx = xOf.applyAsDouble(idx[i]);
            if (xx < left - 2 || xx > right + 2) {
                continue;
            }
            path.add(Math.max(left, Math.min(right, xx)), bottom - (q[i] - qMin) / (qMax - qMin) * (bottom - top));
        }
        path.finish();
        if (points.size() == 2) {
            qDot.setFill(p.curve());
            qDot.setCenterX(points.get(0));
            qDot.setCenterY(points.get(1));
            show.accept(qDot);
        } else if (points.size() > 2) {
            qCurve.setStroke(p.curve());
            qCurve.getPoints().setAll(points);
            show.accept(qCurve);
        }
        // Enough decimals that the two ends differ (the Q spread over k neighbours can be tiny).
        int decimals = (int) Math.max(2, Math.min(8, Math.ceil(-Math.log10(qMax - qMin)) + 1));
        String qFormat = "%." + decimals + "f";
        show.accept(qMaxText);
        qMaxText.place(String.format(Locale.ROOT, qFormat, qMax), p.curve(), left - 6, top - 6, TextAlignment.RIGHT, left - 8);
        show.accept(qMinText);
        qMinText.place(String.format(Locale.ROOT, qFormat, qMin), p.curve(), left - 6, bottom - 12, TextAlignment.RIGHT,
                left - 8);
        show.accept(qText);
        qText.place("Q", p.curve(), left - 6, (top + bottom) / 2 - 6, TextAlignment.RIGHT);
        double cx = xOf.applyAsDouble(frame.chosenAction());
        if (chosen && cx >= left && cx <= right) {
            chosenDot.setFill(p.chosen());
            chosenDot.setCenterX(cx);
            chosenDot.setCenterY(bottom - (frame.chosenQ() - qMin) / (qMax - qMin) * (bottom - top));
            show.accept(chosenDot);
        }
    }

    /**
     * ACER: pi(a|s) over the visible actions as a filled area from {@code bottom}, scaled to its
     * largest visible value (labelled); one point per pixel column, its largest pi.
     */
    void placePi(Frame frame, IntToDoubleFunction xOf, double left, double right, Palette p, double top, double bottom,
                 Consumer<Node> show) {
        double[] pi = frame.candidatePi();
        int[] idx = frame.candidates();
        double max = 0;
        for (int i = 0; i < idx.length; i++) {
            double xx = xOf.applyAsDouble(idx[i]);
            if (xx >= left - 2 && xx <= right + 2) {
                max = Math.max(max, pi[i]);
            }
        }
        if (!(max > 0) || bottom - top < 10) {
            return;
        }
        List<Double> pts = new ArrayList<>();
        int column = Integer.MIN_VALUE;
        double colX = 0;
        double colY = 0;
        for (int i = 0; i < idx.length; i++) {
            double xx = xOf.applyAsDouble(idx[i]);
            if (xx < left - 2 || xx > right + 2) {
                continue;
            }
            xx = Math.max(left, Math.min(right, xx));
            double yy = bottom - pi[i] / max * (bottom - top);
            int c = (int) Math.floor(xx);
            if (c == column) {
                colY = Math.min(colY, yy);
                continue;
            }
            if (column == Integer.MIN_VALUE) { // the area starts on the floor
                pts.add(xx);
                pts.add(bottom);
            } else {
                pts.add(colX);
                pts.add(colY);
            }
            column = c;
            colX = xx;
            colY = yy;
        }
        pts.add(colX);
        pts.add(colY);
        pts.add(colX);
        pts.add(bottom);
        piArea.getPoints().setAll(pts);
        piArea.setFill(p.proto().deriveColor(0, 1, 1, 0.25));
        piArea.setStroke(p.proto());
        piArea.setStrokeWidth(1.5);
        show.accept(piArea);
        show.accept(piMaxText);
        piMaxText.place(String.format(Locale.ROOT, "π ≤ %.2g", max), p.proto(), left - 6, top - 6, TextAlignment.RIGHT,
                left - 8);
    }
}
