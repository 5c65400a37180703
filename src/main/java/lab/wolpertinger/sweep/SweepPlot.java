package lab.wolpertinger.sweep;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;
import javax.imageio.ImageIO;

/**
 * The sweep's picture, drawn with java.awt into a PNG (no display needed): on the left the
 * greedy return against k (log x axis; the mean over seeds, the 95 % confidence interval of the
 * mean over seeds as a band (Student t, see {@link SweepStats}), every seed as a dot); on the right speed against k (log-log): training env steps per
 * second and greedy action selections per second (1 / median selection time).
 */
public final class SweepPlot {
    /** Width of the PNG in pixels. */
    public static final int WIDTH = 1400;
    /** Height of the PNG in pixels. */
    public static final int HEIGHT = 600;

    /** The plot areas of the two panels. */
    private static final Rectangle2D LEFT = new Rectangle2D.Double(95, 90, 560, 420);
    private static final Rectangle2D RIGHT = new Rectangle2D.Double(805, 90, 560, 420);

    /**
     * The plot's colours: {@link #LIGHT} for {@code sweep.png}, {@link #DARK} for the lab's dark theme.
     *
     * @param background page
     * @param text titles, labels, tick labels
     * @param axis axis lines and ticks
     * @param grid grid at the ticks
     * @param minorGrid grid between the ticks
     * @param faint secondary labels (the k value under a tick) and the empty-panel text
     * @param seed one seed's dot
     * @param legendFill the legend box (translucent)
     * @param legendBorder the legend box's border
     * @param returns the return series
     * @param train the training-speed series
     * @param select the selection-speed series
     */
    public record Scheme(Color background, Color text, Color axis, Color grid, Color minorGrid, Color faint,
                         Color seed, Color legendFill, Color legendBorder, Color returns, Color train, Color select) {
        /** Dark on white (the PNG the CLI writes). */
        public static final Scheme LIGHT = new Scheme(Color.WHITE, new Color(0x222222), new Color(0x444444),
                new Color(0xe6e6e6), new Color(0xf3f3f3), new Color(0x777777), new Color(0x7f7f7f),
                new Color(255, 255, 255, 225), new Color(0xbbbbbb), new Color(0x1f77b4), new Color(0xd62728),
                new Color(0x2ca02c));
        /** Light on the dark theme's background. */
        public static final Scheme DARK = new Scheme(new Color(0x0d1117), new Color(0xe6edf3), new Color(0x8b949e),
                new Color(0x30363d), new Color(0x1c2128), new Color(0x8b949e), new Color(0x8b949e),
                new Color(13, 17, 23, 225), new Color(0x30363d), new Color(0x58a6ff), new Color(0xff7b72),
                new Color(0x3fb950));
    }

    private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 20);
    private static final Font PANEL = new Font(Font.SANS_SERIF, Font.BOLD, 16);
    private static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 14);
    private static final Font TICK = new Font(Font.SANS_SERIF, Font.PLAIN, 12);

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private SweepPlot() {
    }

    /** Renders {@code trials} (any order, possibly empty) under {@code title} in the light colours. */
    public static BufferedImage render(List<SweepTrial> trials, String title) {
        return render(trials, title, Scheme.LIGHT);
    }

    /** Renders {@code trials} (any order, possibly empty) under {@code title} in {@code c}'s colours. */
    public static BufferedImage render(List<SweepTrial> trials, String title, Scheme c) {
        BufferedImage img = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.setColor(c.background());
            g.fillRect(0, 0, WIDTH, HEIGHT);
            g.setColor(c.text());
            g.setFont(TITLE);
            drawCentered(g, title, WIDTH / 2.0, 34);

            List<Group> groups = groups(trials);
            Axis x = xAxis(groups, LEFT.getWidth());
            drawReturnPanel(g, LEFT, x, groups, c);
            drawSpeedPanel(g, RIGHT, x, groups, c);
        } finally {
            g.dispose();
        }
        return img;
    }

    /** Renders and writes the PNG to {@code png} (a temp file beside it, then a move over it). */
    public static void write(List<SweepTrial> trials, String title, Path png) throws IOException {
        BufferedImage img = render(trials, title);
        Path tmp = Files.createTempFile(png.toAbsolutePath().getParent(), "." + png.getFileName(), ".tmp");
        try {
            if (!ImageIO.write(img, "png", tmp.toFile())) {
                throw new IOException("no PNG writer");
            }
            SweepFolder.move(tmp, png);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Where a trial is drawn: its dot in one of the panels, in image pixels.
     *
     * @param trial the trial
     * @param x pixel column
     * @param y pixel row
     */
    public record Point(SweepTrial trial, double x, double y) {
    }

    /** The pixel positions of every trial's dots (return panel and speed panel) in {@link #render}'s image. */
    public static List<Point> points(List<SweepTrial> trials) {
        List<Group> groups = groups(trials);
        Axis x = xAxis(groups, LEFT.getWidth());
        List<Double> speeds = new ArrayList<>();
        for (SweepTrial t : trials) {
            if (Double.isFinite(t.trainStepsPerS())) {
                speeds.add(t.trainStepsPerS());
            }
            if (Double.isFinite(selectionsPerSecond(t))) {
                speeds.add(selectionsPerSecond(t));
            }
        }
        Axis yReturn = returnAxis(groups);
        Axis ySpeed = Axis.log(speeds);
        List<Point> out = new ArrayList<>();
        for (SweepTrial t : trials) {
            if (Double.isFinite(t.evalMeanReturn())) {
                out.add(new Point(t, x.toPixel(t.k(), LEFT), yReturn.toPixel(t.evalMeanReturn(), LEFT)));
            }
            double speed = Double.isFinite(t.trainStepsPerS()) ? t.trainStepsPerS() : selectionsPerSecond(t);
            if (Double.isFinite(speed)) {
                out.add(new Point(t, x.toPixel(t.k(), RIGHT), ySpeed.toPixel(speed, RIGHT)));
            }
        }
        return out;
    }

    // ---- data ----

    /** The trials of one k ratio: x = k, per-seed values, and the return's statistics over seeds. */
    private record Group(double kRatio, int k, List<SweepTrial> trials, SweepStats stats) {
        double[] values(ToDoubleFunction<SweepTrial> f) {
            return trials.stream().mapToDouble(f).filter(Double::isFinite).toArray();
        }
    }

    private static List<Group> groups(List<SweepTrial> trials) {
        Map<Double, List<SweepTrial>> byRatio = new TreeMap<>();
        for (SweepTrial t : trials) {
            byRatio.computeIfAbsent(t.kRatio(), r -> new ArrayList<>()).add(t);
        }
        List<SweepStats> stats = SweepStats.of(trials); // sorted by k ratio, like byRatio
        List<Group> out = new ArrayList<>();
        int i = 0;
        for (Map.Entry<Double, List<SweepTrial>> e : byRatio.entrySet()) {
            out.add(new Group(e.getKey(), e.getValue().get(0).k(), e.getValue(), stats.get(i++)));
        }
        return out;
    }

    /** The return panel's y axis: every seed's return and every confidence interval's ends. */
    private static Axis returnAxis(List<Group> groups) {
        List<Double> ys = new ArrayList<>();
        for (Group gr : groups) {
            for (double v : gr.values(SweepTrial::evalMeanReturn)) {
                ys.add(v);
            }
            if (Double.isFinite(gr.stats().ci95Low())) {
                ys.add(gr.stats().ci95Low());
                ys.add(gr.stats().ci95High());
            }
        }
        return Axis.linear(ys);
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double d : v) {
            s += d;
        }
        return s / v.length;
    }

    private static double selectionsPerSecond(SweepTrial t) {
        return t.selectMedianUs() > 0 ? 1e6 / t.selectMedianUs() : Double.NaN;
    }

    // ---- panels ----

    private static void drawReturnPanel(Graphics2D g, Rectangle2D r, Axis x, List<Group> groups, Scheme c) {
        Axis y = returnAxis(groups);
        frame(g, r, x, y, "return against k", kLabel(x), "greedy return (mean of eval episodes)", c);
        if (groups.isEmpty()) {
            empty(g, r, c);
            return;
        }
        boolean spread = groups.stream().anyMatch(gr -> Double.isFinite(gr.stats().ci95Low()));
        Shape clip = g.getClip();
        g.clip(r);
        // Band: the 95 % confidence interval of the mean over seeds (k ratios with 2 or more seeds).
        Path2D band = new Path2D.Double();
        List<double[]> lower = new ArrayList<>();
        for (Group gr : groups) {
            if (!Double.isFinite(gr.stats().ci95Low())) {
                continue;
            }
            double lo = gr.stats().ci95Low();
            double hi = gr.stats().ci95High();
            double px = x.toPixel(gr.k(), r);
            if (band.getCurrentPoint() == null) {
                band.moveTo(px, y.toPixel(hi, r));
            } else {
                band.lineTo(px, y.toPixel(hi, r));
            }
            lower.add(new double[] {px, y.toPixel(lo, r)});
        }
        for (int i = lower.size() - 1; i >= 0; i--) {
            band.lineTo(lower.get(i)[0], lower.get(i)[1]);
        }
        if (!lower.isEmpty()) { // every k ratio may lack an interval (one seed, or all diverged)
            band.closePath();
        }
        if (spread) {
            g.setColor(translucent(c.returns(), 45));
            g.fill(band);
        }
        // Seeds as dots, the mean as a line with markers.
        List<double[]> occupied = new ArrayList<>();
        for (Group gr : groups) {
            for (double v : gr.values(SweepTrial::evalMeanReturn)) {
                double[] p = {x.toPixel(gr.k(), r), y.toPixel(v, r)};
                dot(g, p[0], p[1], 3.5, c.seed(), false, c);
                occupied.add(p);
            }
        }
        series(g, r, x, y, groups, SweepTrial::evalMeanReturn, c.returns(), occupied, c);
        g.setClip(clip);
        List<Object[]> legend = new ArrayList<>();
        if (spread) {
            legend.add(new Object[] {"mean over seeds", c.returns(), "line"});
            legend.add(new Object[] {"95 % CI of the mean (Student t)", c.returns(), "band"});
            legend.add(new Object[] {"one seed", c.seed(), "dot"});
        } else {
            legend.add(new Object[] {"greedy return", c.returns(), "line"});
        }
        legend(g, r, legend, occupied, c);
    }

    private static void drawSpeedPanel(Graphics2D g, Rectangle2D r, Axis x, List<Group> groups, Scheme c) {
        List<Double> ys = new ArrayList<>();
        boolean trained = false;
        for (Group gr : groups) {
            for (double v : gr.values(SweepTrial::trainStepsPerS)) {
                ys.add(v);
                trained = true;
            }
            for (double v : gr.values(SweepPlot::selectionsPerSecond)) {
                ys.add(v);
            }
        }
        Axis y = Axis.log(ys);
        frame(g, r, x, y, "speed against k", kLabel(x), "per second (log scale)", c);
        if (groups.isEmpty()) {
            empty(g, r, c);
            return;
        }
        Shape clip = g.getClip();
        g.clip(r);
        List<double[]> occupied = new ArrayList<>();
        for (Group gr : groups) {
            for (double v : gr.values(SweepTrial::trainStepsPerS)) {
                double[] p = {x.toPixel(gr.k(), r), y.toPixel(v, r)};
                dot(g, p[0], p[1], 3, c.train(), false, c);
                occupied.add(p);
            }
            for (double v : gr.values(SweepPlot::selectionsPerSecond)) {
                double[] p = {x.toPixel(gr.k(), r), y.toPixel(v, r)};
                dot(g, p[0], p[1], 3, c.select(), false, c);
                occupied.add(p);
            }
        }
        if (trained) {
            series(g, r, x, y, groups, SweepTrial::trainStepsPerS, c.train(), occupied, c);
        }
        series(g, r, x, y, groups, SweepPlot::selectionsPerSecond, c.select(), occupied, c);
        g.setClip(clip);
        List<Object[]> legend = new ArrayList<>();
        if (trained) {
            legend.add(new Object[] {"training env steps/s (act + update)", c.train(), "line"});
        }
        legend.add(new Object[] {"greedy selections/s (1 / median)", c.select(), "line"});
        legend(g, r, legend, occupied, c);
    }

    /** Draws the mean over seeds as a line with markers; adds the pixels it covers to {@code occupied}. */
    private static void series(Graphics2D g, Rectangle2D r, Axis x, Axis y, List<Group> groups,
                               ToDoubleFunction<SweepTrial> f, Color colour, List<double[]> occupied, Scheme c) {
        Path2D line = new Path2D.Double();
        List<double[]> points = new ArrayList<>();
        for (Group gr : groups) {
            double[] v = gr.values(f);
            if (v.length == 0) {
                continue;
            }
            double px = x.toPixel(gr.k(), r);
            double py = y.toPixel(mean(v), r);
            if (points.isEmpty()) {
                line.moveTo(px, py);
            } else {
                line.lineTo(px, py);
            }
            points.add(new double[] {px, py});
        }
        g.setColor(colour);
        g.setStroke(new BasicStroke(2.5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(line);
        for (int i = 0; i < points.size(); i++) {
            double[] p = points.get(i);
            dot(g, p[0], p[1], 5.5, colour, true, c);
            if (i > 0) { // sample the segment so the legend keeps off the line too
                double[] q = points.get(i - 1);
                for (int j = 0; j <= 20; j++) {
                    occupied.add(new double[] {q[0] + (p[0] - q[0]) * j / 20.0, q[1] + (p[1] - q[1]) * j / 20.0});
                }
            }
            occupied.add(p);
        }
    }

    /** A dot: filled translucent, or with {@code ring} a page-coloured disc inside a ring of {@code colour}. */
    private static void dot(Graphics2D g, double px, double py, double radius, Color colour, boolean ring, Scheme c) {
        Ellipse2D e = new Ellipse2D.Double(px - radius, py - radius, 2 * radius, 2 * radius);
        g.setColor(ring ? c.background() : translucent(colour, 170));
        g.fill(e);
        if (ring) {
            g.setColor(colour);
            g.setStroke(new BasicStroke(2.2f));
            g.draw(e);
        }
    }

    // ---- frame, ticks, legend ----

    private static Color translucent(Color colour, int alpha) {
        return new Color(colour.getRed(), colour.getGreen(), colour.getBlue(), alpha);
    }

    private static void frame(Graphics2D g, Rectangle2D r, Axis x, Axis y, String title, String xLabel, String yLabel,
                              Scheme c) {
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

    /** Draws the legend in the inner corner (or side) of {@code r} that covers the fewest {@code occupied} pixels. */
    private static void legend(Graphics2D g, Rectangle2D r, List<Object[]> entries, List<double[]> occupied, Scheme c) {
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

    private static void empty(Graphics2D g, Rectangle2D r, Scheme c) {
        g.setFont(LABEL);
        g.setColor(c.faint());
        drawCentered(g, "no finished trials yet", r.getCenterX(), r.getCenterY());
    }

    private static void drawCentered(Graphics2D g, String s, double cx, double baseline) {
        FontMetrics fm = g.getFontMetrics();
        g.drawString(s, (float) (cx - fm.stringWidth(s) / 2.0), (float) baseline);
    }

    private static String kLabel(Axis x) {
        return "k, actions scored per step (log scale" + (x.marks().isEmpty() ? ")" : "; r = k ratio)");
    }

    private static Axis xAxis(List<Group> groups, double width) {
        Map<Double, String> marks = new TreeMap<>();
        for (Group gr : groups) {
            marks.merge((double) gr.k(), "r " + SweepTrial.ratioText(gr.kRatio()), (a, b) -> a + ", " + b.substring(2));
        }
        return Axis.logK(marks, width);
    }

    /** A linear or log axis over [min, max], horizontal (x) or vertical (y), with its ticks and labels. */
    private record Axis(double min, double max, boolean log, boolean horizontal, Map<Double, String> marks) {

        static Axis linear(List<Double> values) {
            if (values.isEmpty()) {
                return new Axis(0, 1, false, false, Map.of());
            }
            double lo = values.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
            double hi = values.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
            double span = hi - lo;
            if (span < 1e-9 * Math.max(1, Math.abs(hi))) {
                span = Math.max(1, Math.abs(hi) * 0.1);
                lo -= span / 2;
                hi += span / 2;
            } else {
                lo -= span * 0.08;
                hi += span * 0.08;
            }
            return new Axis(lo, hi, false, false, Map.of());
        }

        static Axis log(List<Double> values) {
            List<Double> pos = values.stream().filter(v -> v > 0).toList();
            if (pos.isEmpty()) {
                return new Axis(1, 1000, true, false, Map.of());
            }
            double lo = Math.log10(pos.stream().mapToDouble(Double::doubleValue).min().orElseThrow());
            double hi = Math.log10(pos.stream().mapToDouble(Double::doubleValue).max().orElseThrow());
            double pad = Math.max(0.15, (hi - lo) * 0.08);
            if (hi - lo < 1) { // show at least one decade
                double mid = (hi + lo) / 2;
                lo = Math.min(lo, mid - 0.5);
                hi = Math.max(hi, mid + 0.5);
            }
            return new Axis(Math.pow(10, lo - pad), Math.pow(10, hi + pad), true, false, Map.of());
        }

        /**
         * The k axis: log scale, each k of the data labelled with its k ratio underneath when
         * the labels fit ({@code marks}: k to ratio text), else decades.
         */
        static Axis logK(Map<Double, String> marks, double width) {
            List<Double> ks = new ArrayList<>(marks.keySet());
            if (ks.isEmpty()) {
                return new Axis(1, 100_000, true, true, Map.of());
            }
            double lo = Math.log10(ks.stream().mapToDouble(Double::doubleValue).min().orElseThrow());
            double hi = Math.log10(ks.stream().mapToDouble(Double::doubleValue).max().orElseThrow());
            if (hi - lo < 1) {
                double mid = (hi + lo) / 2;
                lo = Math.min(lo, mid - 0.5);
                hi = Math.max(hi, mid + 0.5);
            }
            double pad = Math.max(0.2, (hi - lo) * 0.07);
            Axis decades = new Axis(Math.pow(10, lo - pad), Math.pow(10, hi + pad), true, true, Map.of());
            double perDecade = width / (hi - lo + 2 * pad);
            double closest = Double.MAX_VALUE;
            for (int i = 1; i < ks.size(); i++) {
                closest = Math.min(closest, Math.log10(ks.get(i)) - Math.log10(ks.get(i - 1)));
            }
            // Labels need ~70 px between neighbours; otherwise fall back to decade ticks.
            return closest * perDecade >= 70 ? new Axis(decades.min, decades.max, true, true, Map.copyOf(marks)) : decades;
        }

        double toPixel(double v, Rectangle2D r) {
            double f = log ? (Math.log10(v) - Math.log10(min)) / (Math.log10(max) - Math.log10(min))
                    : (v - min) / (max - min);
            return horizontal ? r.getX() + f * r.getWidth() : r.getMaxY() - f * r.getHeight();
        }

        List<Double> ticks() {
            List<Double> out = new ArrayList<>();
            if (!marks.isEmpty()) {
                out.addAll(new TreeMap<>(marks).keySet());
                return out;
            }
            if (log) {
                int a = (int) Math.ceil(Math.log10(min) - 1e-9);
                int b = (int) Math.floor(Math.log10(max) + 1e-9);
                boolean fine = b - a < 2; // fewer than 3 decades labelled: add 2 and 5
                for (int e = a - 1; e <= b; e++) {
                    double d = Math.pow(10, e);
                    for (double m : fine ? new double[] {1, 2, 5} : new double[] {1}) {
                        double v = m * d;
                        if (v >= min * (1 - 1e-9) && v <= max * (1 + 1e-9)) {
                            out.add(v);
                        }
                    }
                }
                return out;
            }
            double step = niceStep((max - min) / 6);
            for (double v = Math.ceil(min / step) * step; v <= max + step * 1e-9; v += step) {
                out.add(Math.abs(v) < step * 1e-9 ? 0.0 : v);
            }
            return out;
        }

        List<Double> minorTicks() {
            List<Double> out = new ArrayList<>();
            if (!log) {
                return out;
            }
            int a = (int) Math.floor(Math.log10(min));
            int b = (int) Math.ceil(Math.log10(max));
            for (int e = a; e <= b; e++) {
                for (int m = marks.isEmpty() ? 2 : 1; m <= 9; m++) {
                    double v = m * Math.pow(10, e);
                    if (v > min && v < max) {
                        out.add(v);
                    }
                }
            }
            return out;
        }

        String label(double v) {
            if (log) {
                if (v >= 1) {
                    return String.format(Locale.ROOT, "%,d", Math.round(v));
                }
                return new java.math.BigDecimal(v).round(new java.math.MathContext(1)).stripTrailingZeros().toPlainString();
            }
            double step = niceStep((max - min) / 6);
            int decimals = Math.max(0, (int) Math.ceil(-Math.log10(step) - 1e-9));
            return String.format(Locale.ROOT, "%,." + decimals + "f", v);
        }

        private static double niceStep(double raw) {
            double e = Math.pow(10, Math.floor(Math.log10(raw)));
            double f = raw / e;
            double nice = f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10;
            return nice * e;
        }
    }
}
