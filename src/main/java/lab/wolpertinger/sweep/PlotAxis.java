package lab.wolpertinger.sweep;

import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A linear or log axis over [min, max], horizontal (x) or vertical (y), with its ticks and labels;
 * {@code marks} (value to a second label drawn under it) replace the ticks when given.
 *
 * @param min the lowest value shown
 * @param max the highest value shown
 * @param log log10 scale
 * @param horizontal an x axis (pixels grow rightwards), else a y axis (pixels grow downwards)
 * @param marks ticks with a second label each, or empty for automatic ticks
 */
public record PlotAxis(double min, double max, boolean log, boolean horizontal, Map<Double, String> marks) {

    /** A vertical linear axis padded 8 % around {@code values}. */
    public static PlotAxis linear(List<Double> values) {
        if (values.isEmpty()) {
            return new PlotAxis(0, 1, false, false, Map.of());
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
        return new PlotAxis(lo, hi, false, false, Map.of());
    }

    /** A vertical log axis around the positive {@code values}, at least one decade. */
    public static PlotAxis log(List<Double> values) {
        List<Double> pos = values.stream().filter(v -> v > 0).toList();
        if (pos.isEmpty()) {
            return new PlotAxis(1, 1000, true, false, Map.of());
        }
        double lo = Math.log10(pos.stream().mapToDouble(Double::doubleValue).min().orElseThrow());
        double hi = Math.log10(pos.stream().mapToDouble(Double::doubleValue).max().orElseThrow());
        double pad = Math.max(0.15, (hi - lo) * 0.08);
        if (hi - lo < 1) { // show at least one decade
            double mid = (hi + lo) / 2;
            lo = Math.min(lo, mid - 0.5);
            hi = Math.max(hi, mid + 0.5);
        }
        return new PlotAxis(Math.pow(10, lo - pad), Math.pow(10, hi + pad), true, false, Map.of());
    }

    /**
     * The k axis: log scale, each k of the data labelled with its k ratio underneath when
     * the labels fit ({@code marks}: k to ratio text), else decades.
     */
    public static PlotAxis logK(Map<Double, String> marks, double width) {
        List<Double> ks = new ArrayList<>(marks.keySet());
        if (ks.isEmpty()) {
            return new PlotAxis(1, 100_000, true, true, Map.of());
        }
        double lo = Math.log10(ks.stream().mapToDouble(Double::doubleValue).min().orElseThrow());
        double hi = Math.log10(ks.stream().mapToDouble(Double::doubleValue).max().orElseThrow());
        if (hi - lo < 1) {
            double mid = (hi + lo) / 2;
            lo = Math.min(lo, mid - 0.5);
            hi = Math.max(hi, mid + 0.5);
        }
        double pad = Math.max(0.2, (hi - lo) * 0.07);
        PlotAxis decades = new PlotAxis(Math.pow(10, lo - pad), Math.pow(10, hi + pad), true, true, Map.of());
        double perDecade = width / (hi - lo + 2 * pad);
        double closest = Double.MAX_VALUE;
        for (int i = 1; i < ks.size(); i++) {
            closest = Math.min(closest, Math.log10(ks.get(i)) - Math.log10(ks.get(i - 1)));
        }
        // Labels need ~70 px between neighbours; otherwise fall back to decade ticks.
        return closest * perDecade >= 70 ? new PlotAxis(decades.min, decades.max, true, true, Map.copyOf(marks)) : decades;
    }

    /** This axis laid horizontally (an x axis). */
    public PlotAxis horizontally() {
        return new PlotAxis(min, max, log, true, marks);
    }

    /** The pixel of value {@code v} along this axis in plot area {@code r}. */
    public double toPixel(double v, Rectangle2D r) {
        double f = log ? (Math.log10(v) - Math.log10(min)) / (Math.log10(max) - Math.log10(min))
                : (v - min) / (max - min);
        return horizontal ? r.getX() + f * r.getWidth() : r.getMaxY() - f * r.getHeight();
    }

    /** The values to label: the marks, or decades (log; with 2 and 5 when few) or round steps (linear). */
    public List<Double> ticks() {
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

    /** The unlabelled grid values between the ticks (log axes: 2..9 x each decade). */
    public List<Double> minorTicks() {
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

    /** The tick label of {@code v}: grouped whole numbers, one significant digit below 1 (log), or the step's decimals. */
    public String label(double v) {
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
