package lab.wolpertinger.agent.acer;

import java.util.random.RandomGenerator;

/**
 * ACER's replay memory: a ring of whole {@link Trajectory traces}, counted in trajectories, the
 * oldest overwritten once full; replay draws one uniformly. The stored behaviour policies take N
 * floats per step, so the ring also refuses, with a message naming the settings, to grow past a
 * byte budget (80 % of the Java heap by default) instead of ending the process.
 */
public final class TrajectoryBuffer {
    private final Trajectory[] ring;
    private final long maxBytes;
    private int next;
    private int size;
    private long floats;

    /** An empty ring of {@code capacity} trajectories, at most {@code maxBytes} of floats. */
    public TrajectoryBuffer(int capacity, long maxBytes) {
        if (capacity < 1) {
            throw new IllegalArgumentException("trajectoryCapacity must be >= 1, got " + capacity);
        }
        ring = new Trajectory[capacity];
        this.maxBytes = maxBytes;
    }

    /**
     * Appends {@code t}, overwriting the oldest once full.
     *
     * @throws IllegalStateException if the ring would hold more than its byte budget
     */
    public void add(Trajectory t) {
        Trajectory old = ring[next];
        long after = floats + t.floats() - (old == null ? 0 : old.floats());
        if (after * Float.BYTES > maxBytes) {
            throw new IllegalStateException(String.format(java.util.Locale.ROOT,
                    "the ACER replay would hold %.1f GB (%d trajectories, N floats of behaviour policy per step), "
                            + "over its %.1f GB budget: lower trajectoryCapacity or traceLength, or give Java more "
                            + "heap with -Xmx", after * 4.0 / 1e9, size + (old == null ? 1 : 0), maxBytes / 1e9));
        }
        ring[next] = t;
        floats = after;
        next = (next + 1) % ring.length;
        size = Math.min(size + 1, ring.length);
    }

    /** A uniformly drawn stored trajectory. */
    public Trajectory sample(RandomGenerator rng) {
        if (size == 0) {
            throw new IllegalStateException("cannot replay from an empty trajectory buffer");
        }
        return ring[rng.nextInt(size)];
    }

    /** Trajectories stored. */
    public int size() {
        return size;
    }

    /** Capacity in trajectories. */
    public int capacity() {
        return ring.length;
    }

    /** The stored trajectories in ring order (index 0 first) and the next write position, for a snapshot. */
    public Contents contents() {
        return new Contents(next, java.util.Arrays.copyOf(ring, size));
    }

    /**
     * Replaces the contents by {@code c} (from {@link #contents()} of a ring of this capacity).
     *
     * @throws IllegalArgumentException if the size or position does not fit this ring
     */
    public void restore(Contents c) {
        int n = c.trajectories().length;
        boolean ringOk = n == ring.length ? c.next() >= 0 && c.next() < ring.length : c.next() == n;
        if (n > ring.length || !ringOk) {
            throw new IllegalArgumentException("trajectory replay of " + n + " at position " + c.next()
                    + " does not fit capacity " + ring.length);
        }
        java.util.Arrays.fill(ring, null);
        floats = 0;
        for (int i = 0; i < n; i++) {
            ring[i] = c.trajectories()[i];
            floats += ring[i].floats();
        }
        next = c.next();
        size = n;
    }

    /**
     * The ring's contents.
     *
     * @param next the position the next trajectory is written to
     * @param trajectories the stored ones, ring index 0 first
     */
    public record Contents(int next, Trajectory[] trajectories) {
    }

    /** Env steps stored over all trajectories. */
    public long steps() {
        long s = 0;
        for (int i = 0; i < size; i++) {
            s += ring[i].length();
        }
        return s;
    }
}
