package lab.wolpertinger.ui;

import java.util.Locale;

/** Axis ticks for the views and plots: a step of 1, 2 or 5 times a power of ten, and its labels. */
final class Ticks {

    private Ticks() {
    }

    /** The step of 1, 2, 5 or 10 times a power of ten nearest {@code raw} (above 1.5, 3.5, 7.5 times it round up). */
    static double niceStep(double raw) {
        double e = Math.pow(10, Math.floor(Math.log10(raw)));
        double f = raw / e;
        return (f < 1.5 ? 1 : f < 3.5 ? 2 : f < 7.5 ? 5 : 10) * e;
    }

    /** A tick label for {@code v} with as many decimals as {@code step} needs. */
    static String tick(double v, double step) {
        int decimals = (int) Math.max(0, Math.ceil(-Math.log10(step) + 1e-9));
        if (Math.abs(v) < step * 1e-6) {
            v = 0;
        }
        return String.format(Locale.ROOT, "%." + Math.min(decimals, 9) + "f", v);
    }
}
