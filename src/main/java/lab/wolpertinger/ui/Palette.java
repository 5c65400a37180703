package lab.wolpertinger.ui;

import javafx.scene.paint.Color;

/**
 * Colours for the canvas views of one theme (canvases are drawn in code, so they cannot take
 * colours from the stylesheet; the controls around them do). {@code qLow} and {@code qHigh} are
 * the ends of the embedding view's Q ramp (high Q stands out most from the background).
 */
public record Palette(Color background, Color text, Color muted, Color grid, Color density,
                      Color neighbourhood, Color proto, Color noisy, Color chosen, Color curve,
                      Color average, Color loss, Color q, Color speed, Color marker, Color danger,
                      Color body, Color pole, Color qLow, Color qHigh) {

    /** Light theme colours. */
    public static final Palette LIGHT = new Palette(
            Color.web("#ffffff"), Color.web("#1f2328"), Color.web("#6e7781"), Color.web("#e4e7eb"),
            Color.web("#57606a"), Color.web("#f2cc60", 0.35), Color.web("#0969da"), Color.web("#d1242f"),
            Color.web("#1a7f37"), Color.web("#8250df"), Color.web("#0969da"), Color.web("#bc4c00"),
            Color.web("#1a7f37"), Color.web("#57606a"), Color.web("#9a6700"), Color.web("#d1242f"),
            Color.web("#424a53"), Color.web("#bc4c00"), Color.web("#f0b429"), Color.web("#6f2dbd"));

    /** Dark theme colours. */
    public static final Palette DARK = new Palette(
            Color.web("#0d1117"), Color.web("#e6edf3"), Color.web("#8b949e"), Color.web("#21262d"),
            Color.web("#8b949e"), Color.web("#d29922", 0.30), Color.web("#58a6ff"), Color.web("#ff7b72"),
            Color.web("#3fb950"), Color.web("#d2a8ff"), Color.web("#58a6ff"), Color.web("#ffa657"),
            Color.web("#3fb950"), Color.web("#8b949e"), Color.web("#e3b341"), Color.web("#f85149"),
            Color.web("#c9d1d9"), Color.web("#ffa657"), Color.web("#9e6a03"), Color.web("#e2c5ff"));
}
