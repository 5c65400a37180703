package lab.wolpertinger.sweep;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * The parts every java.awt plot of the lab shares ({@link SweepPlot}, the bench's speed plot): a
 * panel's frame with grid, ticks and labels over {@link PlotAxis} axes, a legend placed where it
 * hides the fewest points, and dots.
 */
public final class PlotFrame {
    /** The image's title. */
    public static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 20);
    /** A panel's title. */
    public static final Font PANEL = new Font(Font.SANS_SERIF, Font.BOLD, 16);
    /** Axis labels and the legend. */
    public static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 14);
    /** Tick labels. */
    public static final Font TICK = new Font(Font.SANS_SERIF, Font.PLAIN, 12);

    private PlotFrame() {
    }

    /**
     * Writes {@code img} as a PNG to {@code png}, creating its directory, through a temp file beside it
     * and a move over it (a reader never sees half a picture).
     */
    public static void writePng(BufferedImage img, Path png) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        if (!ImageIO.write(img, "png", bytes)) {
            throw new IOException("no PNG writer");
        }
        Path parent = png.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        SweepFolder.writeAtomically(png.toAbsolutePath(), bytes.toByteArray());
    }

    /**
     * A graphics context on {@code img}: anti-aliased, filled with the page colour, the title centred
     * at the top. The caller disposes it.
     */
    public static Graphics2D page(BufferedImage img, String title, SweepPlot.Scheme c) {
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setColor(c.background());
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.setColor(c.text());
        g.setFont(TITLE);
        drawCentered(g, title, img.getWidth() / 2.0, 34);
        return g;
    }

    /** A dot: filled translucent, or with {@code ring} a page-coloured disc inside a ring of {@code colour}. */
    public static void dot(Graphics2D g, double px, double py, double radius, Color colour, boolean ring, SweepPlot.Scheme c) {
        Ellipse2D e = new Ellipse2D.Double(px - radius, py - radius, 2 * radius, 2 * radius);
        g.setColor(ring ? c.background() : translucent(colour, 170));
        g.fill(e);
        if (ring) {
            g.setColor(colour);
            g.setStroke(new BasicStroke(2.2f));
            g.draw(e);
        }
    }

    /** {@code colour} with alpha {@code alpha} (0-255). */
    public static Color translucent(Color colour, int alpha) {
        return new Color(colour.getRed(), colour.getGreen(), colour.getBlue(), alpha);
    }

    /**
     * The panel around plot area {@code r}: title above, grid at the ticks and minor ticks, tick
     * labels (and the x axis's second labels), the border and both axis labels.
     */
    public static void frame(Graphics2D g, Rectangle2D r, PlotAxis x, PlotAxis y, String title, String xLabel, String yLabel,
                              SweepPlot.Scheme c) {
        g.setFont(PANEL);
        g.setColor(c.text());
        drawCentered(g, title, r.getCenterX(), r.getY() - 16);
        g.setStroke(new BasicStroke(1f));
        for (double v : x.minorTicks()) {
            g.setColor(c.minorGrid());
            int px = (int) Math.round(x.toPixel(v, r));
            g.drawLine(px, (int) r.getY(), px, (int) r.getMaxY());
        }
        for (double v : y.minorTicks()) {
            g.setColor(c.minorGrid());
            int py = (int) Math.round(y.toPixel(v, r));
            g.drawLine((int) r.getX(), py, (int) r.getMaxX(), py);
        }
        g.setFont(TICK);
        FontMetrics fm = g.getFontMetrics();
        for (double v : x.ticks()) {
            int px = (int) Math.round(x.toPixel(v, r));
            g.setColor(c.grid());
            g.drawLine(px, (int) r.getY(), px, (int) r.getMaxY());
            g.setColor(c.axis());
            g.drawLine(px, (int) r.getMaxY(), px, (int) r.getMaxY() + 5);
            g.setColor(c.text());
            drawCentered(g, x.label(v), px, r.getMaxY() + 8 + fm.getAscent());
            String sub = x.marks().get(v);
            if (sub != null) {
                g.setColor(c.faint());
                drawCentered(g, sub, px, r.getMaxY() + 10 + 2 * fm.getAscent());
            }
        }
        for (double v : y.ticks()) {
            int py = (int) Math.round(y.toPixel(v, r));
            g.setColor(c.grid());
            g.drawLine((int) r.getX(), py, (int) r.getMaxX(), py);
            g.setColor(c.axis());
            g.drawLine((int) r.getX() - 5, py, (int) r.getX(), py);
            g.setColor(c.text());
            String s = y.label(v);
            g.drawString(s, (float) (r.getX() - 9 - fm.stringWidth(s)), py + fm.getAscent() / 2f - 1);
        }
        g.setColor(c.axis());
        g.setStroke(new BasicStroke(1.2f));
        g.draw(r);
        g.setFont(LABEL);
        g.setColor(c.text());
        drawCentered(g, xLabel, r.getCenterX(), r.getMaxY() + 56);
        AffineTransform saved = g.getTransform();
        g.rotate(-Math.PI / 2);
        drawCentered(g, yLabel, -r.getCenterY(), r.getX() - 68);
        g.setTransform(saved);
    }

    /**
     * Draws the legend in the inner corner (or side) of {@code r} that covers the fewest {@code occupied}
     * pixels; an entry is {label, colour, "line" | "band" | "dot"}.
     */
    public static void legend(Graphics2D g, Rectangle2D r, List<Object[]> entries, List<double[]> occupied, SweepPlot.Scheme c) {
        g.setFont(LABEL);
        FontMetrics fm = g.getFontMetrics();
        int w = 0;
        for (Object[] e : entries) {
            w = Math.max(w, fm.stringWidth((String) e[0]));
        }
        int lineH = fm.getHeight() + 4;
        int boxW = w + 52;
        int boxH = entries.size() * lineH + 10;
        double bx = 0;
        double by = 0;
        int best = Integer.MAX_VALUE;
        // top right, top left, bottom right, bottom left, middle right, middle left
        for (int corner = 0; corner < 6; corner++) {
            double cx = corner % 2 == 0 ? r.getMaxX() - boxW - 10 : r.getX() + 10;
            double cy = corner < 2 ? r.getY() + 10 : corner < 4 ? r.getMaxY() - boxH - 10 : r.getCenterY() - boxH / 2.0;
            Rectangle2D box = new Rectangle2D.Double(cx - 8, cy - 8, boxW + 16, boxH + 16);
            int covered = 0;
            for (double[] p : occupied) {
                if (box.contains(p[0], p[1])) {
                    covered++;
                }
            }
            if (covered < best) {
                best = covered;
                bx = cx;
                by = cy;
            }
        }
        g.setColor(c.legendFill());
        g.fill(new Rectangle2D.Double(bx, by, boxW, boxH));
        g.setColor(c.legendBorder());
        g.setStroke(new BasicStroke(1f));
        g.draw(new Rectangle2D.Double(bx, by, boxW, boxH));
        for (int i = 0; i < entries.size(); i++) {
            Object[] e = entries.get(i);
            Color colour = (Color) e[1];
            double cy = by + 5 + i * lineH + lineH / 2.0;
            switch ((String) e[2]) {
                case "line" -> {
                    g.setColor(colour);
                    g.setStroke(new BasicStroke(2.5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
                    g.drawLine((int) bx + 8, (int) cy, (int) bx + 36, (int) cy);
                    dot(g, bx + 22, cy, 5, colour, true, c);
                }
                case "band" -> {
                    g.setColor(translucent(colour, 60));
                    g.fill(new Rectangle2D.Double(bx + 8, cy - 6, 28, 12));
                }
                default -> dot(g, bx + 22, cy, 3.5, colour, false, c);
            }
            g.setColor(c.text());
            g.drawString((String) e[0], (float) bx + 44, (float) (cy + fm.getAscent() / 2.0 - 2));
        }
    }

    /** "no finished trials yet" in the middle of {@code r}. */
    public static void empty(Graphics2D g, Rectangle2D r, SweepPlot.Scheme c) {
        g.setFont(LABEL);
        g.setColor(c.faint());
        drawCentered(g, "no finished trials yet", r.getCenterX(), r.getCenterY());
    }

    /** {@code s} centred on {@code cx}, on {@code baseline}. */
    public static void drawCentered(Graphics2D g, String s, double cx, double baseline) {
        FontMetrics fm = g.getFontMetrics();
        g.drawString(s, (float) (cx - fm.stringWidth(s) / 2.0), (float) baseline);
    }
}
