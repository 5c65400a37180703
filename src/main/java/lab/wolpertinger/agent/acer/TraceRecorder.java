package lab.wolpertinger.agent.acer;

import java.util.Arrays;

/** A growable record of the current trace, turned into an immutable {@link Trajectory} at its end. */
final class TraceRecorder {
    private final int obsDim;
    private final int n;
    private float[] obs = new float[0];
    private int[] acts = new int[0];
    private float[] rews = new float[0];
    private float[] mu = new float[0];
    private int length;

    TraceRecorder(int obsDim, int n) {
        this.obsDim = obsDim;
        this.n = n;
    }

    void add(double[] x, int action, double reward, float[] policy) {
        if (length == acts.length) {
            int cap = Math.max(16, 2 * length);
            obs = Arrays.copyOf(obs, cap * obsDim);
            acts = Arrays.copyOf(acts, cap);
            rews = Arrays.copyOf(rews, cap);
            mu = Arrays.copyOf(mu, cap * n);
        }
        for (int j = 0; j < obsDim; j++) {
            obs[length * obsDim + j] = (float) x[j];
        }
        acts[length] = action;
        rews[length] = (float) reward;
        System.arraycopy(policy, 0, mu, length * n, n);
        length++;
    }

    Trajectory finish(double[] lastObs, boolean terminated) {
        float[] last = new float[obsDim];
        for (int j = 0; j < obsDim; j++) {
            last[j] = (float) lastObs[j];
        }
        Trajectory t = new Trajectory(length, Arrays.copyOf(obs, length * obsDim), Arrays.copyOf(acts, length),
                Arrays.copyOf(rews, length), Arrays.copyOf(mu, length * n), last, terminated);
        length = 0;
        return t;
    }

    void clear() {
        length = 0;
    }

    Trajectory snapshot() {
        return new Trajectory(length, Arrays.copyOf(obs, length * obsDim), Arrays.copyOf(acts, length),
                Arrays.copyOf(rews, length), Arrays.copyOf(mu, length * n), new float[0], false);
    }

    void restore(Trajectory t) {
        int len = t.length();
        int cap = Math.max(16, len);
        obs = Arrays.copyOf(t.obs(), cap * obsDim);
        acts = Arrays.copyOf(t.actions(), cap);
        rews = Arrays.copyOf(t.rewards(), cap);
        mu = Arrays.copyOf(t.mu(), cap * n);
        length = len;
    }

    int length() {
        return length;
    }
}
