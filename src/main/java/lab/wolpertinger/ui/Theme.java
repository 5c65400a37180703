package lab.wolpertinger.ui;

import java.net.URL;
import java.util.List;
import lab.wolpertinger.sweep.SweepPlot;

/**
 * The lab's two looks: the shared rules ({@code styles/lab.css}) with a theme's colours
 * ({@code styles/light.css} or {@code styles/dark.css}) plus the matching canvas and sweep-plot colours.
 */
public enum Theme {
    /** Light background. */
    LIGHT("/styles/light.css", Palette.LIGHT, SweepPlot.Scheme.LIGHT),
    /** Dark background (projectors in dim lecture halls). */
    DARK("/styles/dark.css", Palette.DARK, SweepPlot.Scheme.DARK);

    private final String stylesheet;
    private final Palette palette;
    private final SweepPlot.Scheme plotScheme;

    Theme(String stylesheet, Palette palette, SweepPlot.Scheme plotScheme) {
        this.stylesheet = stylesheet;
        this.palette = palette;
        this.plotScheme = plotScheme;
    }

    /** The stylesheets' URLs, shared rules first (bundled in the jar under {@code /styles/}). */
    public List<String> stylesheetUrls() {
        return List.of(url("/styles/lab.css"), url(stylesheet));
    }

    private static String url(String resource) {
        URL url = Theme.class.getResource(resource);
        if (url == null) {
            throw new IllegalStateException("missing stylesheet " + resource + " (styles/ not on the classpath)");
        }
        return url.toExternalForm();
    }

    /** Canvas colours. */
    public Palette palette() {
        return palette;
    }

    /** The sweep picture's colours (the PNG files keep the light ones). */
    public SweepPlot.Scheme plotScheme() {
        return plotScheme;
    }
}
