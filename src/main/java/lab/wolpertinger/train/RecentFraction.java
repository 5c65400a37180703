package lab.wolpertinger.train;

import java.util.Arrays;

/**
 * The share of the last {@code capacity} yes/no outcomes that were yes, kept in a ring: O(1) per
 * outcome, no allocation. The lab's "chosen ≠ nearest in X % of the last 1,000 steps" readout.
 * Not thread-safe: the training thread owns it.
 */
final class RecentFraction {
    private final boolean[] ring;
    private int next;
    private int size;
    private int yes;

    /** An empty window of {@code capacity} >= 1 outcomes. */
    RecentFraction(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1, got " + capacity);
        }
        ring = new boolean[capacity];
    }

    /** Adds one outcome, dropping the oldest when the window is full. */
    void add(boolean outcome) {
        if (size == ring.length) {
            if (ring[next]) {
                yes--;
            }
        } else {
            size++;
        }
        ring[next] = outcome;
        if (outcome) {
            yes++;
        }
        next = (next + 1) % ring.length;
    }

    /** Forgets every outcome. */
    void clear() {
        next = 0;
        size = 0;
        yes = 0;
        Arrays.fill(ring, false);
    }

    /** Outcomes in the window (at most the capacity). */
    int size() {
        return size;
    }

    /** The share of yes among the window's outcomes, NaN when it is empty. */
    double fraction() {
        return size == 0 ? Double.NaN : yes / (double) size;
    }
}
