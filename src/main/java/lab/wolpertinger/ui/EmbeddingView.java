package lab.wolpertinger.ui;

import java.util.Locale;
import javafx.geometry.VPos;
import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.shape.Circle;
import javafx.scene.shape.Line;
import javafx.scene.shape.LineTo;
import javafx.scene.shape.MoveTo;
import javafx.scene.shape.Path;
import javafx.scene.shape.Rectangle;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;
import lab.wolpertinger.agent.WolpertingerConfig;
import lab.wolpertinger.knn.ActionSet;
import lab.wolpertinger.train.Frame;

/**
 * The Wolpertinger step over a catalog with d >= 2: all N items as one density image on the
 * plane of an {@link EmbeddingLayout} (d = 2 the raw coordinates, d > 2 the first two principal
 * components), and on it the proto-action (+), the noisy proto-action (×), the k nearest
 * neighbours coloured by the critic's Q, the nearest item (□) and the chosen item (○).
 *
 * <p>Datashader style: the items are counted per pixel into one image, log-scaled, drawn once per
 * layout, size or theme on the background canvas; per frame only overlay nodes move (at most
 * {@link Frame#MAX_SAMPLES} + 1 neighbour dots, reused). While training runs faster than the
 * screen it takes at most {@link ActionSpaceView#TRAINING_REFRESH_HZ} frames a second, as the
 * 1-D view does. Hovering an item shows its index, its first coordinates and its Q when it is
 * among the neighbours in the frame.
 */
public final class EmbeddingView extends CanvasView {
    static final double LEFT = 64;
    static final double TOP = 30;
    static final double BOTTOM = 40;
    static final double SIDE = 300;
    static final double PAD = 0.04;
    private static final double HOVER_PX = 6;
    private static final int CELL = 8;
    private static final int RAMP_STEPS = 64;
    private static final int SHOWN_COORDINATES = 6;

    private ActionSet actions;
    private EmbeddingLayout layout;
    private Frame frame;
    /** The step-through's stage: only the marks up to it are shown (null: all). */
    private SelectionStage stage;
    private final RefreshLimit refresh = new RefreshLimit(ActionSpaceView.TRAINING_REFRESH_HZ);

    // Background caches: the plot's place and the density image with its buckets of items (for hover).
    private EmbeddingPlane plane;
    private DensityImage density;
    private Color[] ramp = new Color[0];
    private Palette rampPalette;

    // Overlay nodes.
    private final Group neighbourMarks = new Group();
    private final Line noiseLink = new Line();
    private final Rectangle nearestMark = new Rectangle(12, 12);
    private final Circle chosenMark = new Circle(8);
    private final Path protoMark = cross(false);
    private final Path noisyMark = cross(true);
    private final Circle hoverRing = new Circle(6);
    private final Rectangle hoverBox = new Rectangle();
    private final OverlayText hoverText = new OverlayText(12);
    private final OverlayText kText = new OverlayText(12);
    private final OverlayText qMinText = new OverlayText(11);
    private final OverlayText qMaxText = new OverlayText(11);
    private final OverlayText readoutText = new OverlayText(13);
    private final OverlayText statusText = new OverlayText(12);
    private int hoverItem = -1;

    /** An empty view; {@link #setActions} and {@link #setLayout} give it a catalog. */
    public EmbeddingView() {
        setId("embeddingView");
        neighbourMarks.setId("neighbourMarks");
        neighbourMarks.setManaged(false);
        noiseLink.setId("noiseLink");
        nearestMark.setId("nearestMark");
        chosenMark.setId("chosenMark");
        protoMark.setId("protoMark");
        noisyMark.setId("noisyMark");
        hoverText.setId("embeddingHover");
        readoutText.setId("chosenNotNearestText");
        kText.setId("embeddingKText");
        qMinText.setId("qMinText");
        qMaxText.setId("qMaxText");
        noiseLink.getStrokeDashArray().setAll(3.0, 3.0);
        noiseLink.setStrokeWidth(1.2);
        nearestMark.setFill(null);
        nearestMark.setStrokeWidth(2);
        chosenMark.setFill(null);
        chosenMark.setStrokeWidth(2.5);
        hoverRing.setFill(null);
        hoverRing.setStrokeWidth(1.5);
        hoverBox.setArcWidth(6);
        hoverBox.setArcHeight(6);
        addOverlay(neighbourMarks, noiseLink, nearestMark, chosenMark, protoMark, noisyMark, hoverRing, kText,
                qMinText, qMaxText, readoutText, statusText, hoverBox, hoverText);
        canvas().setOnMouseMoved(e -> hover(e.getX(), e.getY()));
        canvas().setOnMouseExited(e -> hover(Double.NaN, Double.NaN));
    }

    /** A new action set (a new agent); its layout follows through {@link #setLayout} (null until then). */
    public void setActions(ActionSet set) {
        actions = set;
        frame = null;
        hoverItem = -1;
        if (layout != null && (set == null || !layout.fits(set))) {
            layout = null;
        } else if (layout != null) {
            layout = layout.withActions(set);
        }
        invalidate();
    }

    /** The items' plane for the current action set (ignored if it is another set's). */
    /**
     * Shows only the marks of the selection stages up to {@code s}, the newest one enlarged
     * (null: every mark at its normal size). For the presenter's step-through.
     */
    void setStage(SelectionStage s) {
        stage = s;
        update();
    }

    public void setLayout(EmbeddingLayout l) {
        if (l != null && actions != null && !l.fits(actions)) {
            return;
        }
        layout = l == null ? null : l.withActions(actions);
        plane = null;
        invalidate();
    }

    /** The layout on show (null while it is being computed). */
    public EmbeddingLayout embeddingLayout() {
        return layout;
    }

    /** Shows a frame (at most {@link ActionSpaceView#TRAINING_REFRESH_HZ} a second while training fast). */
    public void show(Frame f) {
        if (!refresh.admit(f, frame, System.nanoTime())) {
            return;
        }
        boolean legendChanged = frame == null || approx(frame) != approx(f) || frame.hasPolicy() != f.hasPolicy();
        frame = f;
        if (legendChanged) {
            invalidate(); // the legend is the agent's, and its note gives its place to the recall line
        } else {
            update();
        }
    }

    private static boolean approx(Frame f) {
        return WolpertingerConfig.APPROX.equals(f.search());
    }

    /** The frame on show (tests). */
    Frame shownFrame() {
        return frame;
    }

    /** The screen position of item {@code i} in the view (tests: where its marks must land). */
    double[] itemScreen(int i) {
        return new double[] {plane.sx(layout.xy()[2 * i]), plane.sy(layout.xy()[2 * i + 1])};
    }

    /** The screen position of an embedding (tests). */
    double[] embeddingScreen(double[] e) {
        double[] out = new double[2];
        layout.projection().project(e, out);
        return new double[] {plane.sx(out[0]), plane.sy(out[1])};
    }

    // ------------------------------------------------------------------ geometry

    /**
     * The plot area and the map from plane coordinates (u, v) to pixels, with one scale for both
     * axes (distances keep their proportions), the items' bounds padded and centred.
     */

    // ------------------------------------------------------------------ background

    @Override
    protected void drawBackground(GraphicsContext g, double w, double h) {
        Palette p = palette();
        g.setFont(Font.font(12));
        g.setTextBaseline(VPos.TOP);
        g.setTextAlign(TextAlignment.LEFT);
        if (actions == null) {
            g.setFill(p.muted());
            fillText(g, "building the agent …", 12, 8);
            return;
        }
        if (layout == null) {
            g.setFill(p.muted());
            fillText(g, String.format(Locale.ROOT, "laying out %,d items in d = %d (PCA) …", actions.size(), actions.dim()),
                    12, 8);
            return;
        }
        g.setFill(p.text());
        String how = actions.dim() == 2 ? "on their two coordinates"
                : String.format(Locale.ROOT, "on their first two principal components (%.0f %% of the variance)",
                        100 * (layoutShare(0) + layoutShare(1)));
        fillText(g, String.format(Locale.ROOT, "Embedding space  ·  N = %,d items in d = %d, drawn %s",
                actions.size(), actions.dim(), how), 12, 6);
        EmbeddingPlane pl = EmbeddingPlane.of(layout, w, h);
        if (pl.w() < 20 || pl.h() < 20) {
            return;
        }
        if (!pl.equals(plane) || density == null) {
            plane = pl;
            density = new DensityImage(layout.xy(), pl, CELL);
        }
        g.setImageSmoothing(false);
        g.drawImage(density.paint(p), pl.x0(), pl.y0());
        g.setStroke(p.grid());
        g.setLineWidth(1);
        g.strokeRect(pl.x0() + 0.5, pl.y0() + 0.5, pl.w() - 1, pl.h() - 1);
        drawTicks(g, pl, p);
        boolean policy = frame != null && frame.hasPolicy();
        EmbeddingLegend.draw(g, this::fillText, pl, h, p, policy,
                actions.dim() > 2 && (frame == null || !approx(frame) && !policy), actions.dim(), density.max());
    }

    private double layoutShare(int axis) {
        if (layout.projection() instanceof PcaProjection pca) {
            return axis == 0 ? pca.plane().explained1() : pca.plane().explained2();
        }
        return Double.NaN;
    }


    private void drawTicks(GraphicsContext g, EmbeddingPlane pl, Palette p) {
        g.setFill(p.muted());
        g.setStroke(p.muted());
        g.setLineWidth(1);
        double uLo = pl.u(pl.x0());
        double uHi = pl.u(pl.x0() + pl.w());
        double step = Ticks.niceStep((uHi - uLo) / Math.max(2, pl.w() / 90));
        g.setTextAlign(TextAlignment.CENTER);
        double yb = pl.y0() + pl.h();
        for (double u = Math.ceil(uLo / step) * step; u <= uHi; u += step) {
            double x = pl.sx(u);
            g.strokeLine(x, yb, x, yb + 4);
            fillText(g, Ticks.tick(u, step), x, yb + 5);
        }
        double vLo = pl.v(pl.y0() + pl.h());
        double vHi = pl.v(pl.y0());
        double vStep = Ticks.niceStep((vHi - vLo) / Math.max(2, pl.h() / 60));
        g.setTextAlign(TextAlignment.RIGHT);
        g.setTextBaseline(VPos.CENTER);
        for (double v = Math.ceil(vLo / vStep) * vStep; v <= vHi; v += vStep) {
            double y = pl.sy(v);
            g.strokeLine(pl.x0() - 4, y, pl.x0(), y);
            fillText(g, Ticks.tick(v, vStep), pl.x0() - 6, y);
        }
        g.setTextBaseline(VPos.TOP);
        g.setTextAlign(TextAlignment.CENTER);
        g.setFill(p.text());
        fillText(g, layout.projection().axisLabel(0), pl.x0() + pl.w() / 2, yb + 21);
        g.save();
        g.translate(12, pl.y0() + pl.h() / 2);
        g.rotate(-90);
        fillText(g, layout.projection().axisLabel(1), 0, 0);
        g.restore();
    }

    // ------------------------------------------------------------------ overlay

    @Override
    protected void updateOverlay(double w, double h) {
        if (layout == null || plane == null || actions == null) {
            return;
        }
        Palette p = palette();
        EmbeddingPlane pl = plane;
        double lx = EmbeddingLegend.x(pl);
        double ly = EmbeddingLegend.y();
        // the legend's rows above the ramp: ACER's one (the sampled item), Wolpertinger's four marks
        double rampY = EmbeddingLegend.rampY(frame != null && frame.hasPolicy());
        if (frame == null) {
            hideMarks(0);
            placeHover(p, pl, w, h);
            return;
        }
        show(kText).place(frame.hasPolicy() ? String.format(Locale.ROOT, "π and Q over all N = %,d items", actions.size())
                : String.format(Locale.ROOT, "k = %,d nearest of N = %,d items", frame.k(), actions.size()),
                p.muted(), lx, TOP, TextAlignment.LEFT, Math.max(40, w - lx - 8));
        if (!frame.hasSelection()) {
            hideMarks(0);
            if (frame.warmup()) {
                show(statusText).place("warm-up: uniformly random items, the critic does not choose yet", p.muted(),
                        pl.x0() + 8, pl.y0() + 6, TextAlignment.LEFT);
            }
        } else if (SelectionStage.shows(stage, SelectionStage.NEIGHBOURS)) {
            placeNeighbours(p, pl, rampY, SelectionStage.shows(stage, SelectionStage.Q_VALUES));
        } else {
            hideMarks(0);
        }
        if (frame.protoAction().length == actions.dim()) {
            double[] a = embeddingScreen(frame.protoAction());
            double[] b = embeddingScreen(frame.noisyProtoAction());
            double ax = pl.clampX(a[0]);
            double ay = pl.clampY(a[1]);
            double bx = pl.clampX(b[0]);
            double by = pl.clampY(b[1]);
            protoMark.setStroke(p.proto());
            protoMark.setLayoutX(ax);
            protoMark.setLayoutY(ay);
            show(protoMark);
            if (SelectionStage.shows(stage, SelectionStage.NOISE) && (ax != bx || ay != by)) {
                noisyMark.setStroke(p.noisy());
                noisyMark.setLayoutX(bx);
                noisyMark.setLayoutY(by);
                show(noisyMark);
                noiseLink.setStroke(p.noisy());
                noiseLink.setStartX(ax);
                noiseLink.setStartY(ay);
                noiseLink.setEndX(bx);
                noiseLink.setEndY(by);
                show(noiseLink);
            }
        }
        if (SelectionStage.shows(stage, SelectionStage.NEIGHBOURS) && frame.nearestAction() >= 0 && frame.hasSelection()) {
            double[] s = itemScreen(frame.nearestAction());
            nearestMark.setStroke(p.text());
            nearestMark.setX(pl.clampX(s[0]) - 6);
            nearestMark.setY(pl.clampY(s[1]) - 6);
            show(nearestMark);
        }
        if (SelectionStage.shows(stage, SelectionStage.ARGMAX) && frame.chosenAction() >= 0) {
            double[] s = itemScreen(frame.chosenAction());
            chosenMark.setStroke(p.chosen());
            chosenMark.setCenterX(pl.clampX(s[0]));
            chosenMark.setCenterY(pl.clampY(s[1]));
            show(chosenMark);
        }
        // the step-through's newest mark stands out
        emphasise(protoMark, stage == SelectionStage.PROTO);
        emphasise(noisyMark, stage == SelectionStage.NOISE);
        emphasise(nearestMark, stage == SelectionStage.NEIGHBOURS);
        emphasise(chosenMark, stage == SelectionStage.ARGMAX);
        if (!frame.hasPolicy()) { // chosen ≠ nearest is Wolpertinger's: ACER has no nearest item (unshown = hidden)
            show(readoutText).place(readout(frame), p.text(), lx, rampY + 104, TextAlignment.LEFT,
                    Math.max(40, w - lx - 8));
        }
        placeHover(p, pl, w, h);
    }

    private static void emphasise(Node mark, boolean on) {
        double scale = on ? 1.8 : 1;
        if (mark.getScaleX() != scale) {
            mark.setScaleX(scale);
            mark.setScaleY(scale);
        }
    }

    /**
     * The readout: "chosen ≠ nearest in 63 % of the last 1,000 steps", and with the approximate
     * search a second line, its recall@k against exact over the last checks.
     */
    static String readout(Frame f) {
        String chosen = f.chosenNotNearestSteps() == 0 || Double.isNaN(f.chosenNotNearest())
                ? "chosen ≠ nearest: no scored training step yet"
                : String.format(Locale.ROOT, "chosen ≠ nearest in %.0f %% of the last %,d steps",
                        100 * f.chosenNotNearest(), f.chosenNotNearestSteps());
        if (!WolpertingerConfig.APPROX.equals(f.search())) {
            return chosen;
        }
        return chosen + "\n" + (f.searchRecallChecks() == 0
                ? "approx search: recall@k checked every 100 steps"
                : String.format(Locale.ROOT, "approx search: recall@k %.3f (last %d checks)",
                        f.searchRecall(), f.searchRecallChecks()));
    }

    /** The k neighbours' dots, coloured by the critic's Q when {@code byQ} (else all alike, before the critic scored them). */
    private void placeNeighbours(Palette p, EmbeddingPlane pl, double rampY, boolean byQ) {
        int[] idx = frame.candidates();
        double[] q = frame.candidateQ();
        double qMin = Double.POSITIVE_INFINITY;
        double qMax = Double.NEGATIVE_INFINITY;
        for (double v : q) {
            qMin = Math.min(qMin, v);
            qMax = Math.max(qMax, v);
        }
        if (rampPalette != p) {
            ramp = new Color[RAMP_STEPS];
            for (int i = 0; i < RAMP_STEPS; i++) {
                ramp[i] = EmbeddingLegend.rampColour(p, i / (RAMP_STEPS - 1.0));
            }
            rampPalette = p;
        }
        while (neighbourMarks.getChildren().size() < idx.length) {
            Circle c = new Circle(2.6);
            c.setManaged(false);
            neighbourMarks.getChildren().add(c);
        }
        float[] xy = layout.xy();
        double[] pi = frame.candidatePi();
        double piMax = 0;
        for (double v : pi) {
            piMax = Math.max(piMax, v);
        }
        // Lowest Q first, so the best candidates end up on top where dots overlap.
        for (int i = 0; i < idx.length; i++) {
            Circle c = (Circle) neighbourMarks.getChildren().get(i);
            int item = idx[i];
            c.setCenterX(pl.clampX(pl.sx(xy[2 * item])));
            c.setCenterY(pl.clampY(pl.sy(xy[2 * item + 1])));
            double t = qMax > qMin ? (q[i] - qMin) / (qMax - qMin) : 1;
            c.setFill(byQ ? ramp[(int) Math.round(t * (RAMP_STEPS - 1))] : p.muted());
            // ACER: the dot's area grows with pi(a|s), from 1.5 px to 7 px across the sample's range
            c.setRadius(pi.length > 0 && piMax > 0 ? 1.5 + 5.5 * Math.sqrt(pi[i] / piMax) : 2.6);
            c.setViewOrder(byQ ? -t : 0); // higher Q drawn above lower Q
            if (!c.isVisible()) {
                c.setVisible(true);
            }
        }
        hideMarks(idx.length);
        show(neighbourMarks);
        if (!byQ) {
            return;
        }
        int decimals = (int) Math.max(2, Math.min(8, Math.ceil(-Math.log10(Math.max(1e-12, qMax - qMin))) + 1));
        String fmt = "%." + decimals + "f";
        double lx = EmbeddingLegend.x(pl) + 24;
        show(qMinText).place("low " + String.format(Locale.ROOT, fmt, qMin), p.muted(), lx, rampY + 22, TextAlignment.LEFT);
        show(qMaxText).place(String.format(Locale.ROOT, fmt, qMax) + " high", p.muted(), lx + EmbeddingLegend.QBAR_W, rampY + 22,
                TextAlignment.RIGHT);
    }

    private void hideMarks(int from) {
        var marks = neighbourMarks.getChildren();
        for (int i = from; i < marks.size(); i++) {
            Node n = marks.get(i);
            if (n.isVisible()) {
                n.setVisible(false);
            } else {
                break; // marks are used from the front: the rest are hidden already
            }
        }
    }

    private static Path cross(boolean diagonal) {
        double r = diagonal ? 6 : 8;
        Path path = diagonal
                ? new Path(new MoveTo(-r, -r), new LineTo(r, r), new MoveTo(-r, r), new LineTo(r, -r))
                : new Path(new MoveTo(-r, 0), new LineTo(r, 0), new MoveTo(0, -r), new LineTo(0, r));
        path.setStrokeWidth(3);
        path.setManaged(false);
        return path;
    }

    // ------------------------------------------------------------------ hover

    /** Picks the item under the mouse: a neighbour dot of the frame first, else any item within a few pixels. */
    private void hover(double mx, double my) {
        int item = -1;
        if (!Double.isNaN(mx) && layout != null && plane != null) {
            item = pick(mx, my);
        }
        if (item != hoverItem) {
            hoverItem = item;
            update();
        }
    }

    /** The item nearest to (mx, my) within {@link #HOVER_PX}, neighbours of the frame first; -1 if none. */
    int pick(double mx, double my) {
        EmbeddingPlane pl = plane;
        float[] xy = layout.xy();
        double best = HOVER_PX * HOVER_PX;
        int found = -1;
        if (frame != null && frame.hasSelection()) {
            for (int item : frame.candidates()) {
                double dx = pl.sx(xy[2 * item]) - mx;
                double dy = pl.sy(xy[2 * item + 1]) - my;
                double d2 = dx * dx + dy * dy;
                if (d2 <= best) {
                    best = d2;
                    found = item;
                }
            }
            if (found >= 0) {
                return found;
            }
        }
        int[] cells = density.itemsAround(mx - pl.x0(), my - pl.y0());
        for (int item : cells) {
            double dx = pl.sx(xy[2 * item]) - mx;
            double dy = pl.sy(xy[2 * item + 1]) - my;
            double d2 = dx * dx + dy * dy;
            if (d2 < best || (d2 == best && found >= 0 && item < found)) {
                best = d2;
                found = item;
            }
        }
        return found;
    }

    /** Hovers item {@code i} as the mouse would (tests); -1 clears. */
    void hoverItem(int i) {
        hoverItem = i;
        update();
    }

    /** The hover text for item {@code i} in the frame on show. */
    String hoverDescription(int i) {
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "item %,d", i));
        if (frame != null && i == frame.chosenAction()) {
            s.append("  ·  chosen");
        }
        if (frame != null && i == frame.nearestAction()) {
            s.append("  ·  nearest");
        }
        int d = actions.dim();
        s.append("\ne = (");
        for (int j = 0; j < Math.min(d, SHOWN_COORDINATES); j++) {
            s.append(j == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%+.3f", actions.coordinate(i, j)));
        }
        s.append(d > SHOWN_COORDINATES ? String.format(Locale.ROOT, ", … %d values)", d) : ")");
        s.append('\n');
        if (frame == null || !frame.hasSelection()) {
            s.append("Q: no neighbours scored in this step");
            return s.toString();
        }
        int[] idx = frame.candidates();
        for (int k = 0; k < idx.length; k++) {
            if (idx[k] == i) {
                s.append(String.format(Locale.ROOT, "Q = %.4f", frame.candidateQ()[k]));
                return s.toString();
            }
        }
        int scored = Math.min(frame.k(), Frame.MAX_SAMPLES);
        s.append(frame.k() > Frame.MAX_SAMPLES
                ? String.format(Locale.ROOT, "Q: not among the %,d nearest of the k = %,d shown", scored, frame.k())
                : String.format(Locale.ROOT, "Q: not among the k = %,d neighbours", frame.k()));
        return s.toString();
    }

    private void placeHover(Palette p, EmbeddingPlane pl, double w, double h) {
        if (hoverItem < 0 || hoverItem >= actions.size()) {
            return;
        }
        double[] s = itemScreen(hoverItem);
        hoverRing.setStroke(p.text());
        hoverRing.setCenterX(s[0]);
        hoverRing.setCenterY(s[1]);
        show(hoverRing);
        show(hoverText).place(hoverDescription(hoverItem), p.text(), 0, 0, TextAlignment.LEFT);
        double tw = hoverText.getLayoutBounds().getWidth();
        double th = hoverText.getLayoutBounds().getHeight();
        // Beside the item, flipped to stay inside the view.
        double x = s[0] + 12 + tw + 8 > w ? s[0] - 12 - tw : s[0] + 12;
        double y = Math.max(4, Math.min(h - th - 8, s[1] - th / 2));
        hoverText.place(hoverText.getText(), p.text(), x, y, TextAlignment.LEFT);
        hoverBox.setFill(p.background().deriveColor(0, 1, 1, 0.92));
        hoverBox.setStroke(p.grid());
        hoverBox.setX(x - 6);
        hoverBox.setY(y - 4);
        hoverBox.setWidth(tw + 12);
        hoverBox.setHeight(th + 8);
        show(hoverBox);
    }
}
