package lab.wolpertinger.ui;

import java.net.URL;
import java.util.List;

/**
 * The lab's two looks: the shared rules ({@code styles/lab.css}) with a theme's colours
 * ({@code styles/light.css} or {@code styles/dark.css}) plus the matching canvas colours.
 */
public enum Theme {
    /** Light background. */
    LIGHT("/styles/light.css", Palette.LIGHT),
    /** Dark background (projectors in dim lecture halls). */
    DARK("/styles/dark.css", Palette.DARK);

    private final String stylesheet;
    private final Palette palette;

    Theme(String stylesheet, Palette palette) {
        this.stylesheet = stylesheet;
        this.palette = palette;
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
}
