package lab.wolpertinger.ui;

import java.net.URL;

/** The lab's two looks: a stylesheet from {@code styles/} plus the matching canvas colours. */
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

    /** The stylesheet's URL (bundled in the jar under {@code /styles/}). */
    public String stylesheetUrl() {
        URL url = Theme.class.getResource(stylesheet);
        if (url == null) {
            throw new IllegalStateException("missing stylesheet " + stylesheet + " (styles/ not on the classpath)");
        }
        return url.toExternalForm();
    }

    /** Canvas colours. */
    public Palette palette() {
        return palette;
    }
}
