package lab.wolpertinger.ui;

import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.Node;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Region;
import javafx.scene.shape.Rectangle;
import javafx.scene.text.Text;
import javafx.scene.text.TextAlignment;
import javafx.scene.transform.Affine;

/**
 * A region with two layers: a canvas for what changes rarely (axes, labels, density strips,
 * whole plots), drawn by {@link #drawBackground}, and an overlay of shape nodes for what moves
 * every frame, placed by {@link #updateOverlay}.
 *
 * <p>Why two layers: JavaFX repaints only the screen area a change touches. A canvas that is
 * redrawn is dirty as a whole, so with one canvas per view every frame re-rasterised both big
 * views (their text, ticks and strips) and composited them again; a moved node dirties only its
 * own bounds. Measured with software rendering under Xvfb (pendulum-200k, steps 18-28 s of a
 * 30,000-step lab run): the renderer thread used 27 % of a core with full redraws and 4 % with
 * nothing drawn; CPU the UI does not use is CPU the training thread gets.
 *
 * <p>{@link #invalidate()} redraws the background and the overlay (on resize, theme change, or
 * when a background input changed); {@link #update()} only moves the overlay (once per pulse).
 * An update {@link #show shows} the nodes it uses; the others are hidden. Visibility changes only
 * when it differs, so a node that stays put costs no repaint.
 *
 * <p>Words are never drawn with {@code GraphicsContext.fillText}: a canvas lays its text out on
 * the renderer thread, and JavaFX 21's Pango text layout is not safe while the FX thread lays out
 * text too ({@code PangoGlyphLayout.dispose} releases its shared instance before it frees the
 * instance's UTF-8 strings, so two threads free the same strings: glibc's "malloc(): unaligned
 * tcache chunk detected", reproduced in 1 of 3 40-second runs of a Canvas and a few Labels; see
 * the README). The background's words are {@link Text} nodes instead, placed by
 * {@link #fillText(GraphicsContext, String, double, double)} with the graphics context's font,
 * fill, alignment, baseline and transform, so all text is laid out on the FX thread.
 */
public abstract class CanvasView extends Region {
    private final Canvas canvas = new Canvas();
    private final Pane words = new Pane();
    private final Pane overlay = new Pane();
    private final List<Text> wordNodes = new ArrayList<>();
    private int wordsUsed;
    private boolean drawing;
    private final ObjectProperty<Palette> palette = new SimpleObjectProperty<>(this, "palette", Palette.LIGHT);
    private final List<Node> shown = new ArrayList<>();

    /** A view with an empty canvas and an empty overlay. */
    protected CanvasView() {
        overlay.setMouseTransparent(true); // mouse handlers sit on the canvas
        words.setMouseTransparent(true);
        getChildren().addAll(canvas, words, overlay);
        Rectangle clip = new Rectangle();
        clip.widthProperty().bind(widthProperty());
        clip.heightProperty().bind(heightProperty());
        setClip(clip); // moving parts never paint outside the view
        getStyleClass().add("canvas-view");
        palette.addListener((obs, a, b) -> invalidate());
        setMinSize(120, 80);
    }

    /** The colours to draw with (follows the theme). */
    public ObjectProperty<Palette> paletteProperty() {
        return palette;
    }

    /** The current colours. */
    protected Palette palette() {
        return palette.get();
    }

    /** The canvas (for snapshots and mouse handlers). */
    public Canvas canvas() {
        return canvas;
    }

    /** Adds moving parts to the overlay, hidden until an update {@link #show shows} them (in order: later on top). */
    protected void addOverlay(Node... nodes) {
        for (Node n : nodes) {
            n.setVisible(false);
            overlay.getChildren().add(n);
        }
    }

    /** Marks {@code n} as part of the current update's picture; returns it. */
    protected <T extends Node> T show(T n) {
        shown.add(n);
        return n;
    }

    /** Places {@code r} at (x, y) with the given size and {@link #show shows} it. */
    protected void showRect(Rectangle r, double x, double y, double width, double height) {
        r.setX(x);
        r.setY(y);
        r.setWidth(width);
        r.setHeight(height);
        show(r);
    }

    /** Redraws the background and updates the overlay now. */
    public void invalidate() {
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        if (w > 0 && h > 0) {
            GraphicsContext g = canvas.getGraphicsContext2D();
            g.setFill(palette().background());
            g.fillRect(0, 0, w, h);
            wordsUsed = 0;
            drawing = true;
            try {
                drawBackground(g, w, h);
            } finally {
                drawing = false;
                for (int i = 0; i < wordNodes.size(); i++) {
                    Text t = wordNodes.get(i);
                    if (t.isVisible() != i < wordsUsed) {
                        t.setVisible(i < wordsUsed);
                    }
                }
            }
            placeOverlay(w, h);
        }
    }

    /** Moves the overlay to the current data, leaving the background as it is. */
    public void update() {
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        if (w > 0 && h > 0) {
            placeOverlay(w, h);
        }
    }

    private void placeOverlay(double w, double h) {
        shown.clear();
        updateOverlay(w, h);
        for (Node n : overlay.getChildren()) {
            boolean visible = shown.contains(n); // a handful of nodes
            if (n.isVisible() != visible) {
                n.setVisible(visible);
            }
        }
    }

    @Override
    protected void layoutChildren() {
        double w = Math.floor(getWidth() - snappedLeftInset() - snappedRightInset());
        double h = Math.floor(getHeight() - snappedTopInset() - snappedBottomInset());
        canvas.relocate(snappedLeftInset(), snappedTopInset());
        overlay.resizeRelocate(snappedLeftInset(), snappedTopInset(), Math.max(0, w), Math.max(0, h));
        words.resizeRelocate(snappedLeftInset(), snappedTopInset(), Math.max(0, w), Math.max(0, h));
        if (canvas.getWidth() != w || canvas.getHeight() != h) {
            canvas.setWidth(Math.max(0, w));
            canvas.setHeight(Math.max(0, h));
            invalidate();
        }
    }

    @Override
    protected double computePrefWidth(double height) {
        return 400;
    }

    @Override
    protected double computePrefHeight(double width) {
        return 300;
    }

    /**
     * Writes a word on a view's background: the view's {@link #fillText(GraphicsContext, String,
     * double, double)}, handed to a part that draws for it (a legend, a plane), valid while the
     * view's {@link #drawBackground} runs.
     */
    interface Words {
        void fill(GraphicsContext g, String s, double x, double y);
    }

    /**
     * Writes {@code s} on the background as {@code g.fillText(s, x, y)} would: in g's font,
     * fill, global alpha, text alignment, text baseline and current transform. Only while
     * {@link #drawBackground} runs; the words stay until the next background.
     */
    protected final void fillText(GraphicsContext g, String s, double x, double y) {
        fillText(g, s, x, y, Double.POSITIVE_INFINITY);
    }

    /** Like {@link #fillText(GraphicsContext, String, double, double)}, squeezed sideways to at most {@code maxWidth} as the canvas does. */
    protected final void fillText(GraphicsContext g, String s, double x, double y, double maxWidth) {
        if (!drawing) {
            throw new IllegalStateException("fillText outside drawBackground");
        }
        if (wordsUsed == wordNodes.size()) {
            Text t = new Text();
            t.setManaged(false);
            t.getTransforms().add(new Affine());
            wordNodes.add(t);
            words.getChildren().add(t);
        }
        Text t = wordNodes.get(wordsUsed++);
        if (!s.equals(t.getText())) {
            t.setText(s);
        }
        t.setFont(g.getFont());
        t.setFill(g.getFill());
        t.setOpacity(g.getGlobalAlpha());
        t.setTextOrigin(g.getTextBaseline());
        double width = t.getLayoutBounds().getWidth();
        double scale = width > maxWidth && maxWidth > 0 ? maxWidth / width : 1;
        TextAlignment align = g.getTextAlign();
        double left = align == TextAlignment.CENTER ? x - width * scale / 2
            : align == TextAlignment.RIGHT ? x - width * scale : x;
        // node transform = g's transform, then the anchor, then the sideways squeeze
        Affine a = (Affine) t.getTransforms().get(0);
        Affine m = g.getTransform();
        a.setToTransform(m.getMxx() * scale, m.getMxy(), m.getMxx() * left + m.getMxy() * y + m.getTx(),
            m.getMyx() * scale, m.getMyy(), m.getMyx() * left + m.getMyy() * y + m.getTy());
    }

    /** Draws the background into a cleared canvas of size {@code w} x {@code h}. */
    protected abstract void drawBackground(GraphicsContext g, double w, double h);

    /** Places the overlay's nodes for a view of size {@code w} x {@code h} and {@link #show shows} those in use (default: none). */
    protected void updateOverlay(double w, double h) {
    }
}
