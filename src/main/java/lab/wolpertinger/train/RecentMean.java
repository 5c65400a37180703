package lab.wolpertinger.train;

/**
 * The mean of the last {@code capacity} values, kept in a ring with a running sum: O(1) per
 * value, no allocation. The sum is recomputed from the ring once per {@code capacity} values so
 * that rounding from adding and subtracting cannot drift. Not thread-safe: the training thread owns it.
 */
final class RecentMean {
    private final double[] ring;
    private int next;
    private int size;
    private int sinceResum;
    private double sum;

    /** An empty window of {@code capacity} >= 1 values. */
    RecentMean(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1, got " + capacity);
        }
        ring = new double[capacity];
    }

    /** Adds one value, dropping the oldest when the window is full. */
    void add(double value) {
        if (size == ring.length) {
            sum -= ring[next];
        } else {
            size++;
        }
        ring[next] = value;
        sum += value;
        next = (next + 1) % ring.length;
        if (++sinceResum == ring.length) {
            sinceResum = 0;
            double exact = 0;
            for (int i = 0; i < size; i++) {
                exact += ring[i];
            }
            sum = exact;
        }
    }

    /** Values in the window (at most the capacity). */
    int size() {
        return size;
    }

    /** Whether the window holds {@code capacity} values. */
    boolean full() {
        return size == ring.length;
    }

    /** The mean of the window's values, NaN when it is empty. */
    double mean() {
        return size == 0 ? Double.NaN : sum / size;
    }
}
