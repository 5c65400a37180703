package lab.wolpertinger.ui;

import java.util.Locale;
import java.util.function.IntToDoubleFunction;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.PixelWriter;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import javafx.scene.shape.Line;
import javafx.scene.shape.Rectangle;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;
import lab.wolpertinger.knn.ActionSet;
import lab.wolpertinger.knn.DiscreteActionSet;
import lab.wolpertinger.knn.GridActionSet;
import lab.wolpertinger.train.Frame;

/**
 * The Wolpertinger step for the current state, drawn over the discrete action space.
 *
 * <p>d = 1: an overview strip of the whole axis, and a zoomable axis (scroll to zoom, drag to
 * pan) with the N actions as a density strip (one histogram bin per pixel column, cached per
 * view, so 200,000 actions cost one pass when the view changes and nothing per frame), the k
 * nearest neighbours shaded, the critic's Q over them as a curve, the proto-action, the noisy
 * proto-action and the chosen action. With "follow" on, the view tracks the neighbourhood: it
 * re-frames only when the neighbourhood nears an edge or becomes much narrower than the view,
 * so the axis stands still while the markers move (readable, and the axis, strip and labels
 * are a background that is not redrawn per frame; the markers and the curves ({@link LineCurves}) are overlay nodes).
 *
 * <p>d >= 2: {@link GridPlane}, the actions as a density raster and the candidates coloured by Q
 * on the first two axes (redrawn whole each frame; no env of the lab has a d >= 2 grid yet).
 */
public final class ActionSpaceView extends CanvasView {
    static final double LEFT = 84;
    private static final double RIGHT = 18;
    private static final double MIN_SPAN = 1e-7;
    // d = 1 layout, in px from the top: overview strip, plot area, density strip (from the bottom).
    private static final double OVERVIEW_Y = 26;
    private static final double OVERVIEW_H = 12;
    private static final double PLOT_TOP = 56;
    private static final double STRIP_H = 16;
    /** Frames shown per second while training runs (see {@link #show}). */
    static final int TRAINING_REFRESH_HZ = 20;

    private final BooleanProperty follow = new SimpleBooleanProperty(this, "follow", true);
    private final GridPlane plane = new GridPlane();
    private ActionSet actions;
    private Frame frame;
    /** The step-through's stage: only the marks up to it are shown (null: all). */
    private SelectionStage stage;
    private double lo = -1.05;
    private double hi = 1.05;
    private boolean monotone;

    // Density cache of the d = 1 strip for the current range.
    private int[] counts = new int[0];
    private int countsMax;
    private int visibleActions;
    private double cacheLo = Double.NaN;
    private double cacheHi = Double.NaN;
    private int cacheWidth = -1;
    private ActionSet cacheActions;
    private double dragX = Double.NaN;
    private WritableImage strip;
    private Palette stripPalette;
    private int[] stripCounts;
    private int drawnK = -1;
    private final RefreshLimit refresh = new RefreshLimit(TRAINING_REFRESH_HZ);

    // Overlay (d = 1): what moves with each frame.
    private final Rectangle overviewProto = new Rectangle();
    private final Rectangle neighbourhood = new Rectangle();
    private static final double MARKER_WIDTH = 2;
    private final OverlayText warmupText = new OverlayText(12);
    private final LineCurves curves = new LineCurves();
    private final Line[] markerLines = {new Line(), new Line(), new Line()};
    private final OverlayText[] markerTexts = {new OverlayText(12), new OverlayText(12), new OverlayText(12)};

    /** An empty view. */
    public ActionSpaceView() {
        setId("actionSpaceView");
        neighbourhood.setId("neighbourhoodShade");
        for (Line l : markerLines) {
            l.setStrokeWidth(MARKER_WIDTH);
        }
        markerLines[1].getStrokeDashArray().setAll(5.0, 4.0); // the noisy proto-action
        addOverlay(overviewProto, neighbourhood, warmupText);
        addOverlay(curves.nodes());
        addOverlay(markerLines);
        addOverlay(markerTexts);
        canvas().setOnScroll(e -> {
            double w = canvas().getWidth() - LEFT - RIGHT;
            if (w <= 0 || actions == null) {
                return;
            }
            follow.set(false);
            double v = lo + (e.getX() - LEFT) / w * (hi - lo);
            double f = Math.exp(-e.getDeltaY() * 0.003);
            setRange(v - (v - lo) * f, v + (hi - v) * f);
            e.consume();
        });
        canvas().setOnMousePressed(e -> dragX = e.getX());
        canvas().setOnMouseDragged(e -> {
            double w = canvas().getWidth() - LEFT - RIGHT;
            if (Double.isNaN(dragX) || w <= 0) {
                return;
            }
            follow.set(false);
            double dv = (e.getX() - dragX) / w * (hi - lo);
            dragX = e.getX();
            setRange(lo - dv, hi - dv);
        });
        canvas().setOnMouseReleased(e -> dragX = Double.NaN);
        follow.addListener((obs, a, on) -> {
            if (on) {
                followNeighbourhood();
            }
            invalidate();
        });
    }

    /** Whether the view tracks the neighbourhood of each new proto-action. */
    public BooleanProperty followProperty() {
        return follow;
    }

    /** The frame on show (tests: which frames the refresh limit let through). */
    Frame shownFrame() {
        return frame;
    }

    /** The visible axis range [lo, hi] in embedding coordinates (d = 1). */
    public double[] range() {
        return new double[] {lo, hi};
    }

    /** A new action set (a new agent): show it whole. */
    public void setActions(ActionSet set) {
        actions = set;
        frame = null;
        monotone = set != null && set.dim() == 1 && (set instanceof GridActionSet || set instanceof DiscreteActionSet);
        lo = -1.05;
        hi = 1.05;
        cacheActions = null;
        invalidate();
    }

    /**
     * Shows a frame; with follow on, zooms to its neighbourhood. While training runs faster than
     * the screen (frames skip steps), at most {@link #TRAINING_REFRESH_HZ} frames a second are
     * shown: the selection changes with every step (hundreds a second, and with exploration noise
     * the neighbourhood jumps each time, so following it redraws the axis), which nobody can read
     * one by one. Every other frame shows at once: real-time training (consecutive steps), a
     * pause, a single step, an evaluation, another k.
     */
    public void show(Frame f) {
        show(f, System.nanoTime());
    }

    /** {@link #show(Frame)} at the given clock reading (tests pass their own clock). */
    void show(Frame f, long nowNanos) {
        if (!refresh.admit(f, frame, nowNanos)) {
            return;
        }
        frame = f;
        double oldLo = lo;
        double oldHi = hi;
        if (follow.get()) {
            followNeighbourhood();
        }
        boolean background = actions == null || actions.dim() != 1 || f == null || f.k() != drawnK;
        if (!background && oldLo == lo && oldHi == hi) {
            update(); // setRange redraws everything when the window moved
        } else if (background) {
            invalidate();
        }
    }

    /**
     * Shows only the marks of the selection stages up to {@code s}, the newest drawn thicker
     * (null: every mark, normal width). For the presenter's step-through.
     */
    void setStage(SelectionStage s) {
        stage = s;
        update();
    }

    /** Shows the whole axis and stops following. */
    public void showAll() {
        follow.set(false);
        setRange(-1.05, 1.05);
    }

    private void setRange(double a, double b) {
        double span = Math.max(MIN_SPAN, Math.min(2.1, b - a));
        // Keep the window on the axis [-1.05, 1.05] (the actions live in [-1, 1]).
        double mid = Math.max(-1.05 + span / 2, Math.min(1.05 - span / 2, (a + b) / 2));
        lo = mid - span / 2;
        hi = mid + span / 2;
        invalidate();
    }

    /**
     * Frames the neighbourhood (with the noisy and, when near, the clean proto-action), keeping
     * the current window while the content stays inside its middle 80 % and fills at least a
     * sixth of it, so the axis does not shift every frame.
     */
    private void followNeighbourhood() {
        if (frame == null || actions == null || actions.dim() != 1 || frame.protoAction().length == 0) {
            return;
        }
        // The neighbourhood sits around the noisy proto-action; the clean one joins the view only
        // when it is near (else it gets an edge arrow), so k candidates never shrink to a sliver.
        double noisy = frame.noisyProtoAction()[0];
        double a = noisy;
        double b = noisy;
        if (SelectionStage.shows(stage, SelectionStage.NEIGHBOURS) && frame.neighbourFirst() >= 0) {
            a = Math.min(a, actions.coordinate(frame.neighbourFirst(), 0));
            b = Math.max(b, actions.coordinate(frame.neighbourLast(), 0));
        }
        double spacing = actions.size() > 1 ? 2.0 / (actions.size() - 1) : 2.0;
        double span = Math.max(b - a, 8 * spacing);
        double proto = frame.protoAction()[0];
        if (Math.abs(proto - (a + b) / 2) < 4 * span) {
            a = Math.min(a, proto);
            b = Math.max(b, proto);
            span = Math.max(b - a, span);
        }
        double pad = span * 0.6;
        double margin = 0.1 * (hi - lo);
        boolean inside = a >= lo + margin && b <= hi - margin;
        boolean wellFilled = hi - lo <= 6 * span;
        if (inside && wellFilled) {
            return;
        }
        setRange((a + b) / 2 - span / 2 - pad, (a + b) / 2 + span / 2 + pad);
    }

    @Override
    protected void drawBackground(GraphicsContext g, double w, double h) {
        Palette p = palette();
        g.setFont(Font.font(12));
        g.setTextBaseline(VPos.TOP);
        g.setTextAlign(TextAlignment.LEFT);
        drawnK = frame == null ? 0 : frame.k();
        if (actions == null) {
            g.setFill(p.muted());
            fillText(g, "building the agent …", 12, 8);
            return;
        }
        if (actions.dim() == 1) {
            drawLine(g, w, h, p);
        } else {
            plane.draw(g, this::fillText, w, h, p, actions, frame, lo, hi);
        }
    }

    @Override
    protected void updateOverlay(double w, double h) {
        if (actions != null && actions.dim() == 1 && frame != null) {
            placeLine(w, h, palette());
        }
    }


    // ------------------------------------------------------------------ d = 1

    private double x(double v, double w) {
        return LEFT + (v - lo) / (hi - lo) * (w - LEFT - RIGHT);
    }

    private void drawLine(GraphicsContext g, double w, double h, Palette p) {
        double plotW = w - LEFT - RIGHT;
        int k = frame == null ? 0 : frame.k();
        boolean policy = frame != null && frame.hasPolicy();
        g.setFill(p.text());
        fillText(g, policy
                ? String.format(Locale.ROOT, "Action space  ·  N = %,d actions  ·  ACER scores all N: the action is sampled from π",
                        actions.size())
                : String.format(Locale.ROOT, "Action space  ·  N = %,d actions  ·  k = %,d nearest to the proto-action",
                        actions.size(), k), 12, 6);
        legend(g, w, p, policy);

        // Overview strip: the whole axis with the visible window.
        double oy = OVERVIEW_Y;
        double oh = OVERVIEW_H;
        g.setFill(p.grid());
        g.fillRect(LEFT, oy, plotW, oh);
        g.setFill(p.density());
        g.setGlobalAlpha(0.5);
        g.fillRect(LEFT + plotW * 0.05 / 2.1, oy + 3, plotW * 2 / 2.1, oh - 6);
        g.setGlobalAlpha(1);
        double ov0 = LEFT + (lo + 1.05) / 2.1 * plotW;
        double ov1 = LEFT + (hi + 1.05) / 2.1 * plotW;
        g.setStroke(p.text());
        g.setLineWidth(1.5);
        g.strokeRect(Math.max(LEFT, ov0), oy - 2, Math.max(3, Math.min(LEFT + plotW, ov1) - Math.max(LEFT, ov0)), oh + 4);
        g.setFill(p.muted());
        g.setTextAlign(TextAlignment.RIGHT);
        fillText(g, "whole axis", LEFT - 6, oy - 1);

        double top = PLOT_TOP;
        double stripH = STRIP_H;
        double stripY = stripY(h);
        double bottom = plotBottom(h);
        if (bottom - top < 30) {
            return;
        }
        g.setStroke(p.grid());
        g.setLineWidth(1);
        g.strokeRect(LEFT, top, plotW, bottom - top);
        drawDensity(g, w, p, stripY, stripH);
        drawAxis(g, w, h, p, stripY + stripH + 4);
    }

    private static double stripY(double h) {
        return h - 62;
    }

    private static double plotBottom(double h) {
        return stripY(h) - 8;
    }

    /** The moving parts for d = 1 (same geometry as {@link #drawLine}). */
    private void placeLine(double w, double h, Palette p) {
        double plotW = w - LEFT - RIGHT;
        if (frame.protoAction().length == 1) {
            overviewProto.setFill(p.proto());
            showRect(overviewProto, LEFT + (frame.protoAction()[0] + 1.05) / 2.1 * plotW - 1, OVERVIEW_Y - 4, 2,
                    OVERVIEW_H + 8);
        }
        double top = PLOT_TOP;
        double stripY = stripY(h);
        double bottom = plotBottom(h);
        if (bottom - top < 30) {
            return;
        }
        // Neighbourhood: the k nearest actions form one contiguous range on a 1-D grid (ACER: all N, not shaded).
        if (frame.neighbourFirst() >= 0 && !frame.hasPolicy()) {
            double a = x(actions.coordinate(frame.neighbourFirst(), 0), w);
            double b = x(actions.coordinate(frame.neighbourLast(), 0), w);
            double x0 = Math.max(LEFT, Math.min(a, b) - 1);
            double x1 = Math.min(LEFT + plotW, Math.max(a, b) + 1);
            if (x1 > x0) {
                neighbourhood.setFill(p.neighbourhood());
                neighbourhood.setStroke(stage == SelectionStage.NEIGHBOURS ? p.marker() : null);
                neighbourhood.setStrokeWidth(2);
                showRect(neighbourhood, x0, top, Math.max(2, x1 - x0), stripY + STRIP_H - top);
            }
        }
        if (frame.warmup()) {
            show(warmupText).place("warm-up: uniformly random actions, the critic does not choose yet", p.muted(),
                    LEFT + 8, top + 8, TextAlignment.LEFT);
        }
        // ACER: Q in the upper band, pi below it (both spread over all N, so they would cross)
        double split = frame.hasPolicy() ? top + 46 + (bottom - top - 52) * 0.5 : bottom - 6;
        IntToDoubleFunction xOf = a -> x(actions.coordinate(a, 0), w);
        if (frame.hasPolicy()) {
            curves.placePi(frame, xOf, LEFT, w - RIGHT, p, split + 14, bottom - 6, this::show);
        }
        if (SelectionStage.shows(stage, SelectionStage.Q_VALUES)) {
            curves.placeQ(frame, xOf, LEFT, w - RIGHT, p, top + 46, split, SelectionStage.shows(stage, SelectionStage.ARGMAX),
                    this::show);
        }
        marker(w, 0, p.proto(), frame.protoAction(), "proto-action", top, bottom);
        if (SelectionStage.shows(stage, SelectionStage.NOISE) && frame.noisyProtoAction().length == 1
                && frame.noisyProtoAction()[0] != frame.protoAction()[0]) {
            marker(w, 1, p.noisy(), frame.noisyProtoAction(), "+ noise", top, bottom);
        }
        if (SelectionStage.shows(stage, SelectionStage.ARGMAX) && frame.chosenAction() >= 0) {
            marker(w, 2, p.chosen(), new double[] {actions.coordinate(frame.chosenAction(), 0)},
                    frame.hasPolicy() ? "sampled" : "chosen", top, bottom);
        }
        // the step-through's newest mark stands out
        markerLines[0].setStrokeWidth(stage == SelectionStage.PROTO ? 4 : MARKER_WIDTH);
        markerLines[1].setStrokeWidth(stage == SelectionStage.NOISE ? 4 : MARKER_WIDTH);
        markerLines[2].setStrokeWidth(stage == SelectionStage.ARGMAX ? 4 : MARKER_WIDTH);
        curves.emphasiseQ(stage == SelectionStage.Q_VALUES);
    }

    private void legend(GraphicsContext g, double w, Palette p, boolean policy) {
        String[] names = policy ? new String[] {"π(a|s), policy", "Q (critic)", "sampled"}
                : new String[] {"proto-action", "+ noise", "k neighbours", "Q (critic)", "chosen"};
        Color[] colors = policy ? new Color[] {p.proto(), p.curve(), p.chosen()}
                : new Color[] {p.proto(), p.noisy(), p.neighbourhood().deriveColor(0, 1, 1, 2.5), p.curve(), p.chosen()};
        g.setTextAlign(TextAlignment.LEFT);
        double xx = w - RIGHT;
        for (int i = names.length - 1; i >= 0; i--) {
            xx -= names[i].length() * 6.6 + 24;
            g.setFill(colors[i]);
            g.fillRect(xx, 9, 12, 8);
            g.setFill(p.muted());
            fillText(g, names[i], xx + 16, 6);
        }
    }

    private void drawDensity(GraphicsContext g, double w, Palette p, double y, double hh) {
        int plotW = (int) (w - LEFT - RIGHT);
        if (plotW <= 0) {
            return;
        }
        if (cacheActions != actions || cacheLo != lo || cacheHi != hi || cacheWidth != plotW) {
            histogram(plotW);
        }
        if (strip == null || strip.getWidth() != plotW || stripPalette != p || stripCounts != counts) {
            // One pixel row per histogram, scaled to the strip's height: one drawImage per frame.
            // The image (and its texture) is kept while the width stays; only its pixels change.
            if (strip == null || strip.getWidth() != plotW) {
                strip = new WritableImage(plotW, 1);
            }
            PixelWriter pw = strip.getPixelWriter();
            Color base = p.density();
            Color bg = p.background();
            for (int c = 0; c < plotW; c++) {
                double a = counts[c] > 0 ? 0.3 + 0.7 * counts[c] / (double) countsMax : 0;
                pw.setColor(c, 0, bg.interpolate(base, a));
            }
            stripPalette = p;
            stripCounts = counts;
        }
        g.setImageSmoothing(false);
        g.drawImage(strip, LEFT, y, plotW, hh);
        g.setFill(p.muted());
        g.setTextAlign(TextAlignment.RIGHT);
        fillText(g, "actions", LEFT - 6, y + 1);
        g.setTextAlign(TextAlignment.RIGHT);
        String per = visibleActions >= plotW
                ? String.format(Locale.ROOT, "%,d actions visible, ≈ %,.0f per pixel", visibleActions, visibleActions / (double) plotW)
                : String.format(Locale.ROOT, "%,d action%s visible", visibleActions, visibleActions == 1 ? "" : "s");
        fillText(g, per, LEFT + plotW - 4, y - 16);
    }

    /** One bin per pixel column over [lo, hi]; for sorted (grid) sets only the visible index range is walked. */
    private void histogram(int plotW) {
        counts = new int[plotW];
        int n = actions.size();
        int from = 0;
        int to = n - 1;
        if (monotone) {
            from = firstAtLeast(lo);
            to = firstAtLeast(Math.nextUp(hi)) - 1;
        }
        double scale = plotW / (hi - lo);
        int visible = 0;
        int max = 0;
        for (int i = from; i <= to; i++) {
            double c = actions.coordinate(i, 0);
            if (c < lo || c > hi) {
                continue;
            }
            int col = Math.min(plotW - 1, (int) ((c - lo) * scale));
            max = Math.max(max, ++counts[col]);
            visible++;
        }
        countsMax = Math.max(1, max);
        visibleActions = visible;
        cacheActions = actions;
        cacheLo = lo;
        cacheHi = hi;
        cacheWidth = plotW;
    }

    private int firstAtLeast(double v) {
        int a = 0;
        int b = actions.size();
        while (a < b) {
            int m = (a + b) >>> 1;
            if (actions.coordinate(m, 0) < v) {
                a = m + 1;
            } else {
                b = m;
            }
        }
        return a;
    }

    private void drawAxis(GraphicsContext g, double w, double h, Palette p, double y) {
        double plotW = w - LEFT - RIGHT;
        double step = Ticks.niceStep((hi - lo) / Math.max(2, plotW / 110));
        g.setStroke(p.muted());
        g.setLineWidth(1);
        g.setFill(p.muted());
        g.setTextAlign(TextAlignment.CENTER);
        double scale = 1;
        double offset = 0;
        String unit = "";
        if (actions instanceof GridActionSet grid) {
            double l = grid.low()[0];
            double u = grid.high()[0];
            scale = (u - l) / 2;
            offset = (u + l) / 2;
            unit = "env action";
        }
        for (double v = Math.ceil(lo / step) * step; v <= hi + 1e-12; v += step) {
            double xx = x(v, w);
            if (xx < LEFT - 0.5 || xx > LEFT + plotW + 0.5) {
                continue;
            }
            g.strokeLine(xx, y, xx, y + 4);
            String label = Ticks.tick(v, step);
            String envLabel = unit.isEmpty() ? "" : Ticks.tick(offset + scale * v, step * scale);
            // A centred label that would run into the row captions left of the axis is left out.
            double halfWidth = Math.max(label.length(), envLabel.length()) * 3.4;
            if (xx - halfWidth < LEFT - 2) {
                continue;
            }
            fillText(g, label, xx, y + 5);
            if (!unit.isEmpty()) {
                fillText(g, envLabel, xx, y + 20);
            }
        }
        g.setTextAlign(TextAlignment.RIGHT);
        fillText(g, "embedding", LEFT - 6, y + 5);
        if (!unit.isEmpty()) {
            fillText(g, unit, LEFT - 6, y + 20);
        }
    }

    /** The critic's Q over the sampled neighbours as a curve, at most two points per pixel column. */
    /** Marker {@code row}: a vertical line with its label, or an arrow at the edge when off screen. */
    private void marker(double w, int row, Color c, double[] v, String label, double top, double bottom) {
        if (v.length != 1) {
            return;
        }
        double xx = x(v[0], w);
        OverlayText text = markerTexts[row];
        if (xx < LEFT || xx > w - RIGHT) {
            // Off screen: an arrow at the edge, so the eye knows where it is.
            boolean left = xx < LEFT;
            show(text).place(left ? "◀ " + label : label + " ▶", c, left ? LEFT + 4 : w - RIGHT - 4, top + 4 + row * 14,
                    left ? TextAlignment.LEFT : TextAlignment.RIGHT);
            return;
        }
        Line line = markerLines[row];
        line.setStroke(c);
        line.setStartX(xx);
        line.setStartY(top + 2);
        line.setEndX(xx);
        line.setEndY(bottom);
        show(line);
        boolean leftSide = xx > w - 160;
        show(text).place(label, c, xx + (leftSide ? -5 : 5), top + 4 + row * 14,
                leftSide ? TextAlignment.RIGHT : TextAlignment.LEFT);
    }
}
