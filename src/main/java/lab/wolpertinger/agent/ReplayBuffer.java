package lab.wolpertinger.agent;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * A ring buffer of transitions (s, a, r, s', terminated) in flat float arrays, preallocated
 * at its capacity. {@code a} is the acted action's embedding in [-1, 1]^d (what the critic
 * sees). Only {@code terminated} is stored: a time-limit truncation still bootstraps, so the
 * real final observation is stored as s' (never the observation after the reset).
 */
public final class ReplayBuffer {
    private final int capacity;
    private final int obsDim;
    private final int actionDim;
    private final float[] obs;
    private final float[] actions;
    private final float[] rewards;
    private final float[] nextObs;
    private final boolean[] terminated;
    private int next;
    private int size;

    /** An empty buffer for {@code capacity} transitions. */
    public ReplayBuffer(int capacity, int obsDim, int actionDim) {
        if (capacity < 1 || obsDim < 1 || actionDim < 1) {
            throw new IllegalArgumentException("replay buffer needs capacity, obsDim, actionDim >= 1");
        }
        long floats = (long) capacity * (2L * obsDim + actionDim + 1);
        if (floats > Integer.MAX_VALUE - 8L) {
            throw new IllegalArgumentException("bufferCapacity " + capacity + " is too large for one buffer");
        }
        this.capacity = capacity;
        this.obsDim = obsDim;
        this.actionDim = actionDim;
        this.obs = new float[capacity * obsDim];
        this.actions = new float[capacity * actionDim];
        this.rewards = new float[capacity];
        this.nextObs = new float[capacity * obsDim];
        this.terminated = new boolean[capacity];
    }

    /** Appends one transition, overwriting the oldest once full. */
    public void add(double[] s, double[] a, double r, double[] s2, boolean term) {
        int i = next;
        for (int j = 0; j < obsDim; j++) {
            obs[i * obsDim + j] = (float) s[j];
            nextObs[i * obsDim + j] = (float) s2[j];
        }
        for (int j = 0; j < actionDim; j++) {
            actions[i * actionDim + j] = (float) a[j];
        }
        rewards[i] = (float) r;
        terminated[i] = term;
        next = (next + 1) % capacity;
        size = Math.min(size + 1, capacity);
    }

    /** Number of stored transitions. */
    public int size() {
        return size;
    }

    /** Capacity in transitions. */
    public int capacity() {
        return capacity;
    }

    /**
     * Samples {@code batch} transitions uniformly with replacement into the given row-major
     * arrays ({@code batch*obsDim}, {@code batch*actionDim}, {@code batch}, ...).
     */
    public void sample(RandomGenerator rng, int batch, float[] s, float[] a, float[] r, float[] s2, float[] notTerminal) {
        if (size == 0) {
            throw new IllegalStateException("cannot sample from an empty replay buffer");
        }
        for (int b = 0; b < batch; b++) {
            int i = rng.nextInt(size);
            System.arraycopy(obs, i * obsDim, s, b * obsDim, obsDim);
            System.arraycopy(nextObs, i * obsDim, s2, b * obsDim, obsDim);
            System.arraycopy(actions, i * actionDim, a, b * actionDim, actionDim);
            r[b] = rewards[i];
            notTerminal[b] = terminated[i] ? 0f : 1f;
        }
    }

    /** Observation size per row. */
    public int obsDim() {
        return obsDim;
    }

    /** Action embedding size per row. */
    public int actionDim() {
        return actionDim;
    }

    /** A copy of the stored rows {@code [0, size)} and the ring position, for a snapshot. */
    public Contents contents() {
        boolean[] term = Arrays.copyOf(terminated, size);
        return new Contents(next, size, Arrays.copyOf(obs, size * obsDim), Arrays.copyOf(actions, size * actionDim),
                Arrays.copyOf(rewards, size), Arrays.copyOf(nextObs, size * obsDim), term);
    }

    /**
     * Replaces the contents by {@code c} (from {@link #contents()} of a buffer of the same
     * capacity and dimensions), so that sampling continues exactly.
     *
     * @throws IllegalArgumentException if sizes, position or array lengths do not fit this buffer
     */
    public void restore(Contents c) {
        int n = c.size();
        if (n < 0 || n > capacity) {
            throw new IllegalArgumentException("replay size must be in [0, " + capacity + "], got " + n);
        }
        boolean ringOk = n == capacity ? c.next() >= 0 && c.next() < capacity : c.next() == n;
        if (!ringOk) {
            throw new IllegalArgumentException("replay position " + c.next() + " does not fit size " + n
                    + " and capacity " + capacity);
        }
        if (c.obs().length != n * obsDim || c.nextObs().length != n * obsDim || c.actions().length != n * actionDim
                || c.rewards().length != n || c.terminated().length != n) {
            throw new IllegalArgumentException("replay arrays do not hold " + n + " rows of obs " + obsDim
                    + " and action " + actionDim);
        }
        System.arraycopy(c.obs(), 0, obs, 0, n * obsDim);
        System.arraycopy(c.nextObs(), 0, nextObs, 0, n * obsDim);
        System.arraycopy(c.actions(), 0, actions, 0, n * actionDim);
        System.arraycopy(c.rewards(), 0, rewards, 0, n);
        System.arraycopy(c.terminated(), 0, terminated, 0, n);
        Arrays.fill(terminated, n, capacity, false);
        next = c.next();
        size = n;
    }

    /**
     * The stored transitions, row-major, rows {@code [0, size)} of the ring.
     *
     * @param next the ring position the next transition is written to
     * @param size number of stored rows
     * @param obs s, {@code size * obsDim}
     * @param actions a's embedding, {@code size * actionDim}
     * @param rewards r, {@code size}
     * @param nextObs s', {@code size * obsDim}
     * @param terminated whether s' is terminal, {@code size}
     */
    public record Contents(int next, int size, float[] obs, float[] actions, float[] rewards, float[] nextObs,
                           boolean[] terminated) {
    }
}
