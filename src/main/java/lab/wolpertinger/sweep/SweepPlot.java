package lab.wolpertinger.sweep;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

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
        Graphics2D g = PlotFrame.page(img, title, c);
        try {
            List<Group> groups = groups(trials);
            String note = noteOf(groups);
            if (!note.isEmpty()) { // the title states the plan; say where the folder has fewer seeds
                g.setFont(PlotFrame.LABEL);
                PlotFrame.drawCentered(g, note, WIDTH / 2.0, 58);
            }
            PlotAxis x = xAxis(groups, LEFT.getWidth());
            drawReturnPanel(g, LEFT, x, groups, c);
            drawSpeedPanel(g, RIGHT, x, groups, c);
        } finally {
            g.dispose();
        }
        return img;
    }

    /**
     * "" when every k ratio has as many seeds as the best-covered one; otherwise the k ratios
     * with fewer, e.g. {@code "fewer seeds than the most (3) at k = 10,000: 2"} (a sweep still
     * running, or merged with trials missing).
     */
    static String seedNote(List<SweepTrial> trials) {
        return noteOf(groups(trials));
    }

    private static String noteOf(List<Group> groups) {
        int most = 0;
        for (Group gr : groups) {
            most = Math.max(most, gr.trials().size());
        }
        StringBuilder sb = new StringBuilder();
        for (Group gr : groups) {
            if (gr.trials().size() < most) {
                sb.append(sb.length() == 0 ? "" : ", ")
                        .append(String.format(Locale.ROOT, "k = %,d: %d", gr.k(), gr.trials().size()));
            }
        }
        return sb.length() == 0 ? "" : "fewer seeds than the most (" + most + ") at " + sb;
    }

    /** Renders and writes the PNG to {@code png} (a temp file beside it, then a move over it). */
    public static void write(List<SweepTrial> trials, String title, Path png) throws IOException {
        PlotFrame.writePng(render(trials, title), png);
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
        PlotAxis x = xAxis(groups, LEFT.getWidth());
        List<Double> speeds = new ArrayList<>();
        for (SweepTrial t : trials) {
            if (Double.isFinite(t.trainStepsPerS())) {
                speeds.add(t.trainStepsPerS());
            }
            if (Double.isFinite(selectionsPerSecond(t))) {
                speeds.add(selectionsPerSecond(t));
            }
        }
        PlotAxis yReturn = returnAxis(groups);
        PlotAxis ySpeed = PlotAxis.log(speeds);
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
    private static PlotAxis returnAxis(List<Group> groups) {
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
        return PlotAxis.linear(ys);
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

    private static void drawReturnPanel(Graphics2D g, Rectangle2D r, PlotAxis x, List<Group> groups, Scheme c) {
        PlotAxis y = returnAxis(groups);
        PlotFrame.frame(g, r, x, y, "return against k", kLabel(x), "greedy return (mean of eval episodes)", c);
        if (groups.isEmpty()) {
            PlotFrame.empty(g, r, c);
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
            g.setColor(PlotFrame.translucent(c.returns(), 45));
            g.fill(band);
        }
        // Seeds as dots, the mean as a line with markers.
        List<double[]> occupied = new ArrayList<>();
        for (Group gr : groups) {
            for (double v : gr.values(SweepTrial::evalMeanReturn)) {
                double[] p = {x.toPixel(gr.k(), r), y.toPixel(v, r)};
                PlotFrame.dot(g, p[0], p[1], 3.5, c.seed(), false, c);
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
        PlotFrame.legend(g, r, legend, occupied, c);
    }

    private static void drawSpeedPanel(Graphics2D g, Rectangle2D r, PlotAxis x, List<Group> groups, Scheme c) {
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
        PlotAxis y = PlotAxis.log(ys);
        PlotFrame.frame(g, r, x, y, "speed against k", kLabel(x), "per second (log scale)", c);
        if (groups.isEmpty()) {
            PlotFrame.empty(g, r, c);
            return;
        }
        Shape clip = g.getClip();
        g.clip(r);
        List<double[]> occupied = new ArrayList<>();
        for (Group gr : groups) {
            for (double v : gr.values(SweepTrial::trainStepsPerS)) {
                double[] p = {x.toPixel(gr.k(), r), y.toPixel(v, r)};
                PlotFrame.dot(g, p[0], p[1], 3, c.train(), false, c);
                occupied.add(p);
            }
            for (double v : gr.values(SweepPlot::selectionsPerSecond)) {
                double[] p = {x.toPixel(gr.k(), r), y.toPixel(v, r)};
                PlotFrame.dot(g, p[0], p[1], 3, c.select(), false, c);
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
        PlotFrame.legend(g, r, legend, occupied, c);
    }

    /** Draws the mean over seeds as a line with markers; adds the pixels it covers to {@code occupied}. */
    private static void series(Graphics2D g, Rectangle2D r, PlotAxis x, PlotAxis y, List<Group> groups,
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
            PlotFrame.dot(g, p[0], p[1], 5.5, colour, true, c);
            if (i > 0) { // sample the segment so the legend keeps off the line too
                double[] q = points.get(i - 1);
                for (int j = 0; j <= 20; j++) {
                    occupied.add(new double[] {q[0] + (p[0] - q[0]) * j / 20.0, q[1] + (p[1] - q[1]) * j / 20.0});
                }
            }
            occupied.add(p);
        }
    }

    private static String kLabel(PlotAxis x) {
        return "k, actions scored per step (log scale" + (x.marks().isEmpty() ? ")" : "; r = k ratio)");
    }

    private static PlotAxis xAxis(List<Group> groups, double width) {
        Map<Double, String> marks = new TreeMap<>();
        for (Group gr : groups) {
            marks.merge((double) gr.k(), "r " + SweepTrial.ratioText(gr.kRatio()), (a, b) -> a + ", " + b.substring(2));
        }
        return PlotAxis.logK(marks, width);
    }
}
