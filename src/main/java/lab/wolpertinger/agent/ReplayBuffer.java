package lab.wolpertinger.agent;

import java.util.SplittableRandom;

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
    public void sample(SplittableRandom rng, int batch, float[] s, float[] a, float[] r, float[] s2, float[] notTerminal) {
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
}
