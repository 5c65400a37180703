package lab.wolpertinger.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

/**
 * Learning curves on one canvas, four panels sharing the step axis: episode return with its
 * moving average (and greedy evaluations), critic loss (log scale), actor mean Q, steps/s.
 * Dashed vertical lines mark live parameter changes, labelled in the return panel.
 */
public final class CurvesView extends CanvasView {
    private static final double PAD_LEFT = 58;
    private static final double PAD_RIGHT = 16;
    private static final double TITLE = 20;
    private static final double PAD_BOTTOM = 20;

    private LearningCurves curves;
    private List<Overlay> overlays = List.of();

    /** Fixed colours of runs 2, 3, ... (run slot 0 draws in the palette's average colour). */
    private static final Color[] RUN_COLOURS = {
        Color.web("#bc4c00"), Color.web("#8250df"), Color.web("#1a7f37"), Color.web("#bf3989"),
        Color.web("#9a6700"), Color.web("#0a7ea4"), Color.web("#cf222e")};

    /**
     * A run's mean return drawn over the return plot (branches and earlier runs).
     *
     * @param average its mean-of-10 return series
     * @param colour its colour slot ({@link #runColour})
     * @param label short name for the legend, e.g. "run 2"
     * @param focused the run on show (its other curves are the ones drawn)
     */
    record Overlay(DecimatingSeries average, int colour, String label, boolean focused) {
    }

    /** The colour of run colour slot {@code slot}. */
    static Color runColour(Palette p, int slot) {
        return slot == 0 ? p.average() : RUN_COLOURS[(slot - 1) % RUN_COLOURS.length];
    }

    /** Overlays the mean returns of these runs (one of them may be the run on show); empty for none. */
    void setOverlays(List<Overlay> o) {
        overlays = List.copyOf(o);
        invalidate();
    }

    /** An empty view. */
    public CurvesView() {
        setId("curvesView");
    }

    /** Draws these curves (call {@link #invalidate()} when they change). */
    public void setCurves(LearningCurves c) {
        curves = c;
        invalidate();
    }

    /** A series to draw; {@code label} (or null) names it at its last point (the runs of a comparison). */
    private record Line(DecimatingSeries series, Color color, double width, boolean dots, String label) {
        Line(DecimatingSeries series, Color color, double width, boolean dots) {
            this(series, color, width, dots, null);
        }
    }

    @Override
    protected void drawBackground(GraphicsContext g, double w, double h) {
        Palette p = palette();
        g.setFont(Font.font(12));
        g.setTextBaseline(VPos.TOP);
        if (curves == null) {
            return;
        }
        double xMax = Math.max(1, curves.lastStep());
        Color focusedColour = p.average();
        List<Line> returnLines = new ArrayList<>();
        returnLines.add(new Line(curves.returns(), p.muted(), 1, true));
        for (Overlay o : overlays) {
            if (o.focused()) {
                focusedColour = runColour(p, o.colour());
            } else {
                returnLines.add(new Line(o.average(), runColour(p, o.colour()), 2, false, o.label()));
                if (o.average().size() > 0) {
                    xMax = Math.max(xMax, o.average().x(o.average().size() - 1));
                }
            }
        }
        String focusedLabel = overlays.stream().filter(Overlay::focused).map(Overlay::label).findFirst().orElse(null);
        returnLines.add(new Line(curves.averageReturns(), focusedColour, 2.5, false, overlays.size() > 1 ? focusedLabel : null));
        returnLines.add(new Line(curves.evaluations(), p.chosen(), 0, true));
        double pw = w / 2;
        double ph = h / 2;
        panel(g, 0, 0, pw, ph, xMax, "episode return (line: mean of " + LearningCurves.AVERAGE_WINDOW
                + ", ◆ greedy eval)", false, true, returnLines.toArray(new Line[0]));
        panel(g, pw, 0, pw, ph, xMax, "critic loss (log scale)", true, false,
                new Line(curves.criticLoss(), p.loss(), 1.5, false));
        panel(g, 0, ph, pw, ph, xMax, "actor objective: mean Q(s, μ(s))", false, false,
                new Line(curves.actorQ(), p.q(), 1.5, false));
        panel(g, pw, ph, pw, ph, xMax, "training steps per second (log scale)", true, false,
                new Line(curves.stepsPerSecond(), p.speed(), 1.5, false));
        if (curves.episodes() == 0) {
            g.setFill(p.muted());
            g.setTextAlign(TextAlignment.CENTER);
            fillText(g, "curves start after the first episode", pw / 2, ph / 2, pw - PAD_LEFT);
        }
    }

    private void panel(GraphicsContext g, double x, double y, double w, double h, double xMax, String title,
                       boolean log, boolean labelMarkers, Line... lines) {
        Palette p = palette();
        double left = x + PAD_LEFT;
        double right = x + w - PAD_RIGHT;
        double top = y + TITLE + 6;
        double bottom = y + h - PAD_BOTTOM;
        if (right - left < 20 || bottom - top < 20) {
            return;
        }
        g.setFill(p.text());
        g.setTextAlign(TextAlignment.LEFT);
        fillText(g, title, left, y + 4, right - left);

        double yMin = Double.POSITIVE_INFINITY;
        double yMax = Double.NEGATIVE_INFINITY;
        for (Line l : lines) {
            for (int i = 0; i < l.series.size(); i++) {
                double v = value(l.series.y(i), log);
                if (Double.isFinite(v)) {
                    yMin = Math.min(yMin, v);
                    yMax = Math.max(yMax, v);
                }
            }
        }
        g.setStroke(p.grid());
        g.setLineWidth(1);
        g.strokeRect(left, top, right - left, bottom - top);
        if (yMin > yMax) {
            return;
        }
        if (yMax - yMin < 1e-9) {
            yMin -= 0.5;
            yMax += 0.5;
        }
        double padY = (yMax - yMin) * 0.05;
        yMin -= padY;
        yMax += padY;

        // Grid and tick labels.
        g.setFill(p.muted());
        g.setTextAlign(TextAlignment.RIGHT);
        double ys = Ticks.niceStep((yMax - yMin) / 4);
        for (double v = Math.ceil(yMin / ys) * ys; v <= yMax; v += ys) {
            double yy = bottom - (v - yMin) / (yMax - yMin) * (bottom - top);
            g.setStroke(p.grid());
            g.strokeLine(left, yy, right, yy);
            String label = log ? compact(Math.pow(10, v)) : compact(v);
            fillText(g, label, left - 4, yy - 7);
        }
        g.setTextAlign(TextAlignment.CENTER);
        double xs = Ticks.niceStep(xMax / 4);
        for (double v = 0; v <= xMax; v += xs) {
            double xx = left + v / xMax * (right - left);
            g.setTextAlign(xx > right - 20 ? TextAlignment.RIGHT : TextAlignment.CENTER);
            fillText(g, compact(v), xx, bottom + 3);
        }

        // Parameter-change markers.
        List<LearningCurves.Marker> markers = curves.markers();
        g.setLineDashes(4, 4);
        int row = 0;
        double lastLabelX = Double.NEGATIVE_INFINITY;
        for (LearningCurves.Marker m : markers) {
            double xx = left + m.step() / xMax * (right - left);
            g.setStroke(p.marker());
            g.strokeLine(xx, top, xx, bottom);
            if (labelMarkers) {
                row = xx - lastLabelX < 140 ? (row + 1) % 4 : 0;
                lastLabelX = xx;
                g.setFill(p.marker());
                boolean flip = xx > right - 140;
                g.setTextAlign(flip ? TextAlignment.RIGHT : TextAlignment.LEFT);
                fillText(g, m.label(), xx + (flip ? -3 : 3), top + 2 + row * 14);
            }
        }
        g.setLineDashes();

        for (Line l : lines) {
            DecimatingSeries s = l.series;
            g.setStroke(l.color);
            g.setFill(l.color);
            if (l.width > 0) {
                g.setLineWidth(l.width);
                g.beginPath();
                // At most two points per pixel column, its lowest and highest (in the order that joins the
                // previous column best): the same picture as every point, from a few hundred path
                // commands instead of up to 4,000 a series. A full series' path made the software
                // renderer miss frames (the catalog soak's fps fell from 58 to 53 as the returns filled).
                ColumnPath path = new ColumnPath(g);
                for (int i = 0; i < s.size(); i++) {
                    double v = value(s.y(i), log);
                    if (!Double.isFinite(v)) {
                        path.breakLine();
                        continue;
                    }
                    path.add(left + s.x(i) / xMax * (right - left), bottom - (v - yMin) / (yMax - yMin) * (bottom - top));
                }
                path.finish();
                g.stroke();
            }
            if (l.dots && (l.width == 0 || s.size() < 400)) {
                double r = l.width == 0 ? 5 : 1.5;
                for (int i = 0; i < s.size(); i++) {
                    double v = value(s.y(i), log);
                    if (!Double.isFinite(v)) {
                        continue;
                    }
                    double xx = left + s.x(i) / xMax * (right - left);
                    double yy = bottom - (v - yMin) / (yMax - yMin) * (bottom - top);
                    if (l.width == 0) {
                        g.fillPolygon(new double[] {xx, xx + r, xx, xx - r}, new double[] {yy - r, yy, yy + r, yy}, 4);
                    } else {
                        g.fillOval(xx - r, yy - r, 2 * r, 2 * r);
                    }
                }
            }
        }
        labelEnds(g, lines, left, right, top, bottom, xMax, yMin, yMax, log);
    }

    /**
     * Names each labelled line at its last point, just above it and ending there, pushed apart
     * vertically where two ends are closer than a text line (the runs of a comparison all end
     * at the same step).
     */
    private void labelEnds(GraphicsContext g, Line[] lines, double left, double right, double top, double bottom,
                           double xMax, double yMin, double yMax, boolean log) {
        List<double[]> ends = new ArrayList<>(); // x, y, line index
        for (int k = 0; k < lines.length; k++) {
            Line l = lines[k];
            if (l.label == null || l.series.size() == 0) {
                continue;
            }
            int i = l.series.size() - 1;
            double v = value(l.series.y(i), log);
            if (Double.isFinite(v)) {
                ends.add(new double[] {left + l.series.x(i) / xMax * (right - left),
                    bottom - (v - yMin) / (yMax - yMin) * (bottom - top), k});
            }
        }
        ends.sort((a, b) -> Double.compare(a[1], b[1]));
        double lastY = Double.NEGATIVE_INFINITY;
        g.setTextAlign(TextAlignment.RIGHT);
        for (double[] e : ends) {
            double y = Math.max(top, Math.max(e[1] - 15, lastY + 13));
            lastY = y;
            Line l = lines[(int) e[2]];
            g.setFill(l.color);
            fillText(g, l.label, Math.min(e[0], right) - 3, y);
        }
    }

    private static double value(double v, boolean log) {
        return log ? (v > 0 ? Math.log10(v) : Double.NaN) : v;
    }

    private static String compact(double v) {
        double a = Math.abs(v);
        if (a >= 1e6) {
            return String.format(Locale.ROOT, "%.1fM", v / 1e6);
        }
        if (a >= 1e4) {
            return String.format(Locale.ROOT, "%.0fk", v / 1e3);
        }
        if (a >= 100 || a == 0) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        if (a >= 1) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        return String.format(Locale.ROOT, "%.2g", v);
    }
}
