package lab.wolpertinger.ui;

import javafx.geometry.VPos;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.Text;
import javafx.scene.text.TextAlignment;

/**
 * A text node of a view's overlay, placed like {@code GraphicsContext.fillText} with a top
 * baseline: x is the left edge, centre or right edge by alignment. Setting the same string or
 * position again changes nothing, so an unchanged label costs no repaint.
 */
final class OverlayText extends Text {

    OverlayText(double fontSize) {
        setFont(Font.font(fontSize));
        setTextOrigin(VPos.TOP);
        setManaged(false);
    }

    /** Sets {@code s} in {@code colour} at ({@code x}, {@code y}) with {@code align}; returns this. */
    OverlayText place(String s, Color colour, double x, double y, TextAlignment align) {
        return place(s, colour, x, y, align, Double.POSITIVE_INFINITY);
    }

    /** Like {@link #place(String, Color, double, double, TextAlignment)}, squeezed sideways to at most {@code maxWidth}. */
    OverlayText place(String s, Color colour, double x, double y, TextAlignment align, double maxWidth) {
        if (!s.equals(getText())) {
            setText(s);
        }
        setFill(colour);
        double width = getLayoutBounds().getWidth();
        double scale = width > maxWidth ? maxWidth / width : 1;
        setScaleX(scale); // scales about the text's centre
        double visible = width * scale;
        double left = switch (align) {
            case RIGHT -> x - visible;
            case CENTER -> x - visible / 2;
            default -> x;
        };
        setX(left - width * (1 - scale) / 2);
        setY(y);
        return this;
    }
}
