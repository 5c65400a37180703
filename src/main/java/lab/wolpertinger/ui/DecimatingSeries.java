package lab.wolpertinger.ui;

/**
 * An (x, y) series of bounded size for long runs: when full, the older half is merged pairwise
 * (means of x and y), so recent points stay exact and old ones get coarser. Memory stays
 * O(capacity) however long training runs. Not thread-safe (the FX thread owns it).
 */
public final class DecimatingSeries {
    private final double[] xs;
    private final double[] ys;
    private int size;

    /** A series holding at most {@code capacity} points (at least 4). */
    public DecimatingSeries(int capacity) {
        if (capacity < 4) {
            throw new IllegalArgumentException("capacity must be >= 4, got " + capacity);
        }
        xs = new double[capacity];
        ys = new double[capacity];
    }

    /** Makes this series equal to {@code other} (same capacity expected; a larger one is cut to the newest points). */
    public void copyFrom(DecimatingSeries other) {
        int n = Math.min(other.size, xs.length);
        System.arraycopy(other.xs, other.size - n, xs, 0, n);
        System.arraycopy(other.ys, other.size - n, ys, 0, n);
        size = n;
    }

    /** Appends a point; non-finite y values are kept (drawn as gaps). */
    public void add(double x, double y) {
        if (size == xs.length) {
            compress();
        }
        xs[size] = x;
        ys[size] = y;
        size++;
    }

    private void compress() {
        int half = size / 2;
        int w = 0;
        for (int i = 0; i + 1 < half; i += 2) {
            xs[w] = (xs[i] + xs[i + 1]) / 2;
            ys[w] = (ys[i] + ys[i + 1]) / 2;
            w++;
        }
        int from = half - (half % 2);
        System.arraycopy(xs, from, xs, w, size - from);
        System.arraycopy(ys, from, ys, w, size - from);
        size = w + size - from;
    }

    /** Number of points held. */
    public int size() {
        return size;
    }

    /** The capacity. */
    public int capacity() {
        return xs.length;
    }

    /** x of point i. */
    public double x(int i) {
        return xs[i];
    }

    /** y of point i. */
    public double y(int i) {
        return ys[i];
    }

    /** Removes every point. */
    public void clear() {
        size = 0;
    }
}
