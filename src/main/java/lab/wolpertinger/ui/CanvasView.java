package lab.wolpertinger.ui;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.layout.Region;

/**
 * A region holding one canvas that fills it; subclasses draw in {@link #draw}. Views call
 * {@link #invalidate()} from property listeners that fire at most once per animation pulse
 * (the model publishes one frame per pulse), and on resize.
 */
public abstract class CanvasView extends Region {
    private final Canvas canvas = new Canvas();
    private final ObjectProperty<Palette> palette = new SimpleObjectProperty<>(this, "palette", Palette.LIGHT);

    /** A view with an empty canvas. */
    protected CanvasView() {
        getChildren().add(canvas);
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

    /** Redraws the view now. */
    public void invalidate() {
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        if (w > 0 && h > 0) {
            GraphicsContext g = canvas.getGraphicsContext2D();
            g.setFill(palette().background());
            g.fillRect(0, 0, w, h);
            draw(g, w, h);
        }
    }

    @Override
    protected void layoutChildren() {
        double w = Math.floor(getWidth() - snappedLeftInset() - snappedRightInset());
        double h = Math.floor(getHeight() - snappedTopInset() - snappedBottomInset());
        canvas.relocate(snappedLeftInset(), snappedTopInset());
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

    /** Draws the whole view into a cleared canvas of size {@code w} x {@code h}. */
    protected abstract void draw(GraphicsContext g, double w, double h);
}
