package lab.wolpertinger.ui;

/** The lowest and highest of the candidates' Q values (the colour scale of their marks). */
record QRange(double min, double max) {

    /** The range of {@code q} (+infinity, -infinity when it is empty). */
    static QRange of(double[] q) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double v : q) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        return new QRange(lo, hi);
    }
}
