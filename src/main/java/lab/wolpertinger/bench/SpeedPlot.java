package lab.wolpertinger.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Shape;
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
import lab.wolpertinger.sweep.PlotAxis;
import lab.wolpertinger.sweep.PlotFrame;
import lab.wolpertinger.sweep.SweepPlot;

/**
 * The picture of {@code bench --speed-vs-n}: training env steps per second against the number
 * of actions N, log-log, one line per agent: ACER scores all N actions every step, Wolpertinger
 * k = N / 1,000 of them, so their lines part as N grows.
 */
public final class SpeedPlot {
    /** Width of the PNG in pixels. */
    public static final int WIDTH = 900;
    /** Height of the PNG in pixels. */
    public static final int HEIGHT = 600;
    private static final Rectangle2D AREA = new Rectangle2D.Double(100, 80, 760, 410);

    /**
     * One measured case.
     *
     * @param agent the {@code agent} config value: wolpertinger or acer
     * @param n the number of actions
     * @param k actions scored per step (ACER: N)
     * @param stepsPerS training env steps per second, updates included
     */
    public record Point(String agent, int n, int k, double stepsPerS) {
    }

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private SpeedPlot() {
    }

    /** Renders {@code points} (any order) under {@code title}. */
    public static BufferedImage render(List<Point> points, String title) {
        SweepPlot.Scheme c = SweepPlot.Scheme.LIGHT;
        BufferedImage img = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = PlotFrame.page(img, title, c);
        try {
            Map<Double, String> ns = new TreeMap<>();
            List<Double> speeds = new ArrayList<>();
            for (Point p : points) {
                ns.put((double) p.n(), "");
                speeds.add(p.stepsPerS());
            }
            PlotAxis x = PlotAxis.logK(ns, AREA.getWidth());
            PlotAxis y = PlotAxis.log(speeds);
            PlotFrame.frame(g, AREA, x, y, "", "N, the number of actions (log scale)",
                    "training env steps per second (log scale)", c);
            List<double[]> occupied = new ArrayList<>();
            Shape clip = g.getClip();
            g.clip(AREA);
            line(g, x, y, points, "acer", c.train(), occupied, c);
            line(g, x, y, points, "wolpertinger", c.returns(), occupied, c);
            g.setClip(clip);
            PlotFrame.legend(g, AREA, List.of(
                    new Object[] {"ACER: a softmax over all N actions", c.train(), "line"},
                    new Object[] {"Wolpertinger: k = N / 1,000 nearest, scored by the critic", c.returns(), "line"}),
                    occupied, c);
        } finally {
            g.dispose();
        }
        return img;
    }

    /** One agent's points joined in order of N, each labelled with its steps/s. */
    private static void line(Graphics2D g, PlotAxis x, PlotAxis y, List<Point> points, String agent, Color colour,
                             List<double[]> occupied, SweepPlot.Scheme c) {
        List<Point> mine = points.stream().filter(p -> p.agent().equals(agent))
                .sorted((a, b) -> Integer.compare(a.n(), b.n())).toList();
        Path2D path = new Path2D.Double();
        for (int i = 0; i < mine.size(); i++) {
            double px = x.toPixel(mine.get(i).n(), AREA);
            double py = y.toPixel(mine.get(i).stepsPerS(), AREA);
            if (i == 0) {
                path.moveTo(px, py);
            } else {
                path.lineTo(px, py);
            }
        }
        g.setColor(colour);
        g.setStroke(new BasicStroke(2.5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(path);
        g.setFont(PlotFrame.TICK);
        for (Point p : mine) {
            double px = x.toPixel(p.n(), AREA);
            double py = y.toPixel(p.stepsPerS(), AREA);
            PlotFrame.dot(g, px, py, 5.5, colour, true, c);
            g.setColor(colour);
            // the label on the side away from the other agent's point at the same N, so two close points keep theirs apart
            boolean above = points.stream().filter(o -> o.n() == p.n() && !o.agent().equals(agent))
                    .allMatch(o -> o.stepsPerS() <= p.stepsPerS());
            PlotFrame.drawCentered(g, format(p.stepsPerS()), px, above ? py - 11 : py + 22);
            occupied.add(new double[] {px, py});
        }
    }

    private static String format(double v) {
        return v >= 100 ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%.1f", v);
    }

    /** Renders and writes the PNG to {@code png}, atomically. */
    public static void write(List<Point> points, String title, Path png) throws IOException {
        PlotFrame.writePng(render(points, title), png);
    }
}
