package lab.wolpertinger.ui;

import java.util.Locale;
import java.util.function.ToDoubleFunction;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Polyline;
import javafx.scene.shape.Rectangle;
import javafx.util.Duration;
import lab.wolpertinger.train.Diagnostics;
import lab.wolpertinger.train.Frame;

/**
 * The diagnostics panel: one row per quantity of {@link Diagnostics} with its value and a
 * sparkline of its recent history (or, for the Q range and the chosen ≠ nearest share, a bar),
 * and below them the warning in force with its likely cause, in the danger colour.
 *
 * <p>Only scene-graph nodes: words are {@link Label}s, graphics are {@link Polyline}s and
 * {@link Rectangle}s (no canvas text, whose layout on the render thread raced the FX thread's).
 * A sparkline takes one sample per {@link #SAMPLE_STEPS} training steps, so at any speed it
 * covers the last {@link #HISTORY} × {@value #SAMPLE_STEPS} steps of the run.
 */
public final class DiagnosticsView extends VBox {
    /** Samples a sparkline keeps. */
    static final int HISTORY = 120;
    /** Training steps per sparkline sample. */
    static final int SAMPLE_STEPS = 20;
    /** Width of a row's sparkline or bar, in pixels. */
    static final double GRAPH_WIDTH = 90;
    private static final double GRAPH_HEIGHT = 16;

    private final ObjectProperty<Palette> palette = new SimpleObjectProperty<>(this, "palette", Palette.LIGHT);
    private final GridPane grid = new GridPane();
    private final Sparkline tdError;
    private final Sparkline gradNorm;
    private final Sparkline distance;
    private final Sparkline noise;
    private final Sparkline[] sparklines;
    private final Label qValue;
    private final Label qAllowed;
    private final Label shareValue;
    private final QRangeBar qBar = new QRangeBar();
    private final ShareBar shareBar = new ShareBar();
    private final Label warning = new Label();
    private Diagnostics shown = Diagnostics.NONE;
    private long runId = -1;
    private long lastSample = -1;
    private int rows;

    /** An empty panel (every value "-", no warning). */
    public DiagnosticsView() {
        setId("diagnosticsView");
        getStyleClass().add("diagnostics");
        grid.getStyleClass().add("diagnostics-grid");
        ColumnConstraints name = new ColumnConstraints();
        name.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE); // names never shrink to "…"
        ColumnConstraints value = new ColumnConstraints();
        value.setHgrow(Priority.ALWAYS);
        grid.getColumnConstraints().setAll(name, value, new ColumnConstraints(GRAPH_WIDTH + 4));
        tdError = sparkline("TD error |δ|", "diagTdError", Diagnostics::tdError,
                "Mean |δ| over the last update's batch, δ = r + γ·Q'(s', a') − Q(s, a): how far the critic is from "
                        + "its own Bellman targets.");
        qValue = row("Q seen", "diagQRange", qBar,
                "The lowest and highest Q of the last batch. The bar spans the allowed range (shaded) and as much "
                        + "again on each side, where the warning starts.");
        qAllowed = row("Q allowed", "diagQAllowed", new Pane(),
                "The Q values the rewards allow: from min(r_min, r_min/(1−γ)) to max(r_max, r_max/(1−γ)). "
                        + "Far outside them the critic is wrong.");
        gradNorm = sparkline("actor gradient", "diagActorGrad", Diagnostics::actorGradNorm,
                "‖∇θ‖ of the actor's loss −mean Q(s, μ(s)) in the last update; 0 for long means the actor no longer learns.");
        shareValue = row("chosen ≠ nearest", "diagNotNearest", shareBar,
                "Share of the last 1,000 steps in which the critic picked another of the k neighbours than the one "
                        + "nearest to the proto-action.");
        distance = sparkline("chosen – proto", "diagDistance", Diagnostics::chosenProtoDistance,
                "Mean distance, in the action embedding, from the acted action to the (noisy) proto-action, over the "
                        + "last 1,000 steps.");
        noise = sparkline("noise scale", "diagNoise", Diagnostics::noiseScale,
                "The exploration noise multiplier in force.");
        sparklines = new Sparkline[] {tdError, gradNorm, distance, noise};
        warning.setId("diagWarning");
        warning.setWrapText(true);
        warning.setMaxWidth(Double.MAX_VALUE);
        getChildren().setAll(grid, warning);
        palette.addListener((obs, a, p) -> refresh());
        show(Diagnostics.NONE);
    }

    /** The colours of the graphics (follows the theme). */
    public ObjectProperty<Palette> paletteProperty() {
        return palette;
    }

    /** Shows the frame's diagnostics; a sparkline takes a sample when the run passed the next {@link #SAMPLE_STEPS}. */
    public void show(Frame f) {
        if (f.runId() != runId || f.step() < lastSample) {
            runId = f.runId(); // another run (or a reset): its history starts empty
            lastSample = -1;
            for (Sparkline s : sparklines) {
                s.clear();
            }
        }
        long sample = f.step() / SAMPLE_STEPS;
        if (sample != lastSample) {
            lastSample = sample;
            for (Sparkline s : sparklines) {
                s.add(f.diagnostics());
            }
        }
        show(f.diagnostics());
    }

    /** The diagnostics shown (tests). */
    public Diagnostics shown() {
        return shown;
    }

    private void show(Diagnostics d) {
        shown = d;
        refresh();
    }

    private void refresh() {
        Diagnostics d = shown;
        Palette p = palette.get();
        for (Sparkline s : sparklines) {
            s.refresh(d, p);
        }
        qValue.setText(Diagnostics.format(d.qMin()) + " … " + Diagnostics.format(d.qMax()));
        qAllowed.setText(Diagnostics.format(d.qLowBound()) + " … " + Diagnostics.format(d.qHighBound()));
        qBar.draw(d, p);
        shareValue.setText(Double.isNaN(d.chosenNotNearest()) ? "-"
                : String.format(Locale.ROOT, "%.0f %%", 100 * d.chosenNotNearest()));
        shareBar.draw(d.chosenNotNearest(), p);
        warning.getStyleClass().removeAll("diagnostics-warning", "diagnostics-ok");
        if (d.warned()) {
            warning.setText("⚠ " + d.warning());
            warning.getStyleClass().add("diagnostics-warning");
        } else {
            warning.setText(d == Diagnostics.NONE || Double.isNaN(d.tdError()) ? "No updates yet." : "No warnings.");
            warning.getStyleClass().add("diagnostics-ok");
        }
    }

    /** Adds a row: name, value (ids {@code <id>Value}) and graphic; returns the value label. */
    private Label row(String name, String id, Pane graphic, String help) {
        Label n = new Label(name);
        n.getStyleClass().add("diagnostics-name");
        Tooltip tip = new Tooltip(help);
        tip.setWrapText(true);
        tip.setMaxWidth(360);
        tip.setShowDelay(Duration.millis(300));
        n.setTooltip(tip);
        Label v = new Label("-");
        v.setId(id + "Value");
        v.getStyleClass().add("diagnostics-value");
        v.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        graphic.setId(id + "Graphic");
        graphic.setMinSize(GRAPH_WIDTH, GRAPH_HEIGHT);
        graphic.setPrefSize(GRAPH_WIDTH, GRAPH_HEIGHT);
        graphic.setMaxSize(GRAPH_WIDTH, GRAPH_HEIGHT);
        grid.addRow(rows++, n, v, graphic);
        return v;
    }

    private Sparkline sparkline(String name, String id, ToDoubleFunction<Diagnostics> value, String help) {
        Sparkline s = new Sparkline(value);
        s.label = row(name, id, s, help);
        return s;
    }

    /** A line through a quantity's last {@link #HISTORY} samples, scaled to their own minimum and maximum. */
    private static final class Sparkline extends Pane {
        private final ToDoubleFunction<Diagnostics> value;
        private final double[] ring = new double[HISTORY];
        private final Polyline line = new Polyline();
        private int next;
        private int size;
        Label label;

        Sparkline(ToDoubleFunction<Diagnostics> value) {
            this.value = value;
            line.setStrokeWidth(1.2);
            line.setManaged(false);
            getChildren().add(line);
        }

        void clear() {
            next = 0;
            size = 0;
        }

        void add(Diagnostics d) {
            double v = value.applyAsDouble(d);
            if (Double.isNaN(v)) {
                return; // not measured yet (warm-up): no sample
            }
            ring[next] = v;
            next = (next + 1) % HISTORY;
            size = Math.min(size + 1, HISTORY);
        }

        void refresh(Diagnostics d, Palette p) {
            label.setText(Diagnostics.format(value.applyAsDouble(d)));
            line.setStroke(d.warned() ? p.danger() : p.curve());
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < size; i++) {
                double v = ring[i];
                if (Double.isFinite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
            Double[] points = new Double[2 * size];
            int first = size < HISTORY ? 0 : next; // the oldest sample
            for (int i = 0; i < size; i++) {
                double v = ring[(first + i) % HISTORY];
                double t = hi > lo && Double.isFinite(v) ? (v - lo) / (hi - lo) : 0.5;
                points[2 * i] = GRAPH_WIDTH - 1 - (size - 1 - i) * (GRAPH_WIDTH - 2) / (HISTORY - 1.0); // newest at the right
                points[2 * i + 1] = 1 + (1 - t) * (GRAPH_HEIGHT - 2); // high values at the top
            }
            line.getPoints().setAll(points);
        }
    }

    /**
     * The Q range as a bar over [low − w, high + w], w the allowed range's width (the warning's
     * margin, so the bar's ends are where the warning starts): the allowed range shaded in its
     * middle third, the last batch's [qMin, qMax] drawn over it, in the danger colour when it
     * leaves the allowed range.
     */
    private static final class QRangeBar extends Pane {
        private final Rectangle track = new Rectangle();
        private final Rectangle allowed = new Rectangle();
        private final Rectangle seen = new Rectangle();

        QRangeBar() {
            for (Rectangle r : new Rectangle[] {track, allowed, seen}) {
                r.setManaged(false);
            }
            getChildren().addAll(track, allowed, seen);
        }

        void draw(Diagnostics d, Palette p) {
            track.setWidth(GRAPH_WIDTH);
            track.setHeight(GRAPH_HEIGHT);
            track.setFill(p.grid());
            double low = d.qLowBound();
            double high = d.qHighBound();
            double w = high - low;
            boolean bounded = Double.isFinite(low) && Double.isFinite(high) && w > 0;
            allowed.setVisible(bounded);
            seen.setVisible(bounded && !Double.isNaN(d.qMin()));
            if (!bounded) {
                return;
            }
            double from = low - w;
            double span = 3 * w;
            allowed.setX(GRAPH_WIDTH / 3);
            allowed.setWidth(GRAPH_WIDTH / 3);
            allowed.setY(0);
            allowed.setHeight(GRAPH_HEIGHT);
            allowed.setFill(p.neighbourhood().deriveColor(0, 1, 1, 2.0));
            double x0 = clamp((d.qMin() - from) / span) * GRAPH_WIDTH;
            double x1 = clamp((d.qMax() - from) / span) * GRAPH_WIDTH;
            seen.setX(x0);
            seen.setWidth(Math.max(2, x1 - x0));
            seen.setY(GRAPH_HEIGHT * 0.25);
            seen.setHeight(GRAPH_HEIGHT * 0.5);
            seen.setFill(d.qOutOfRange() ? p.danger() : p.proto());
        }
    }

    /** A share in [0, 1] as a filled bar. */
    private static final class ShareBar extends Pane {
        private final Rectangle track = new Rectangle();
        private final Rectangle fill = new Rectangle();

        ShareBar() {
            track.setManaged(false);
            fill.setManaged(false);
            getChildren().addAll(track, fill);
        }

        void draw(double share, Palette p) {
            track.setWidth(GRAPH_WIDTH);
            track.setHeight(GRAPH_HEIGHT);
            track.setFill(p.grid());
            fill.setVisible(!Double.isNaN(share));
            fill.setWidth(Double.isNaN(share) ? 0 : clamp(share) * GRAPH_WIDTH);
            fill.setHeight(GRAPH_HEIGHT);
            fill.setFill(p.chosen());
        }
    }

    private static double clamp(double t) {
        return Math.max(0, Math.min(1, t));
    }
}
