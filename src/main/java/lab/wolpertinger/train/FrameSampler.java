package lab.wolpertinger.train;

import java.util.Arrays;
import lab.wolpertinger.agent.WolpertingerPolicy;
import lab.wolpertinger.agent.acer.AcerAgent;

/**
 * Which actions a {@link Frame} shows, at most {@link Frame#MAX_SAMPLES} (+ the chosen one): the
 * k neighbours of a Wolpertinger step (evenly along the axis for d = 1, the nearest for d >= 2),
 * or every N-th action of an agent that scores them all. Owned by the training thread.
 */
final class FrameSampler {
    private double[] qByIndex = new double[0];

    /**
     * The candidates a frame carries, with their Q values (and pi for ACER), and for d = 1 the
     * neighbourhood's index range.
     *
     * @param indices action indices
     * @param q Q of each
     * @param first for d = 1 the lowest neighbour index, else -1
     * @param last for d = 1 the highest neighbour index, else -1
     * @param pi pi of each for an agent with a policy over all N, else empty
     */
    record Sample(int[] indices, double[] q, int first, int last, double[] pi) {
        Sample(int[] indices, double[] q, int first, int last) {
            this(indices, q, first, last, new double[0]);
        }
    }

    /**
     * d = 1: the k neighbours form a contiguous index range; sample it evenly (at most
     * {@link Frame#MAX_SAMPLES}) in index order, always keeping the chosen action.
     */
    Sample line(WolpertingerPolicy policy, int chosen) {
        int k = policy.k();
        int[] nb = policy.neighbours();
        double[] qv = policy.qValues();
        int lo = Integer.MAX_VALUE;
        int hi = Integer.MIN_VALUE;
        for (int i = 0; i < k; i++) {
            lo = Math.min(lo, nb[i]);
            hi = Math.max(hi, nb[i]);
        }
        int span = hi - lo + 1;
        if (span != k) {
            Sample s = nearest(policy, chosen); // not contiguous (cannot happen on a grid): sort what we have
            Integer[] order = new Integer[s.indices.length];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (x, y) -> Integer.compare(s.indices[x], s.indices[y]));
            int[] idx = new int[order.length];
            double[] q = new double[order.length];
            for (int i = 0; i < order.length; i++) {
                idx[i] = s.indices[order[i]];
                q[i] = s.q[order[i]];
            }
            return new Sample(idx, q, lo, hi);
        }
        if (qByIndex.length < span) {
            qByIndex = new double[Math.max(span, 2 * qByIndex.length)];
        }
        for (int i = 0; i < k; i++) {
            qByIndex[nb[i] - lo] = qv[i];
        }
        int stride = (span + Frame.MAX_SAMPLES - 1) / Frame.MAX_SAMPLES;
        int count = (span + stride - 1) / stride;
        boolean extra = (chosen - lo) % stride != 0;
        int[] idx = new int[count + (extra ? 1 : 0)];
        double[] q = new double[idx.length];
        int n = 0;
        for (int off = 0; off < span; off += stride) {
            if (extra && chosen - lo < off && (n == 0 || idx[n - 1] < chosen)) {
                idx[n] = chosen;
                q[n++] = qByIndex[chosen - lo];
            }
            idx[n] = lo + off;
            q[n++] = qByIndex[off];
        }
        if (n < idx.length) {
            idx[n] = chosen;
            q[n++] = qByIndex[chosen - lo];
        }
        return new Sample(idx, q, lo, hi);
    }

    /**
     * All N actions of an agent that scores every one, every {@code ceil(N / MAX_SAMPLES)}th in index
     * order, plus the chosen one where the stride skips it; d = 1 gives the whole index range.
     */
    static Sample all(AcerAgent agent, int chosen) {
        int n = agent.actions().size();
        float[] qv = agent.lastQValues();
        int stride = (n + Frame.MAX_SAMPLES - 1) / Frame.MAX_SAMPLES;
        int count = (n + stride - 1) / stride;
        boolean extra = chosen >= 0 && chosen % stride != 0;
        int[] idx = new int[count + (extra ? 1 : 0)];
        int m = 0;
        for (int a = 0; a < n; a += stride) {
            if (extra && chosen < a && (m == 0 || idx[m - 1] < chosen)) {
                idx[m++] = chosen;
            }
            idx[m++] = a;
        }
        if (m < idx.length) {
            idx[m++] = chosen;
        }
        double[] q = new double[idx.length];
        double[] policy = agent.lastPolicy();
        double[] pi = new double[idx.length];
        for (int i = 0; i < idx.length; i++) {
            q[i] = qv[idx[i]];
            // pi per action, averaged over the run the sample stands for (a density; the chosen one its own)
            int a = idx[i];
            int end = a % stride == 0 ? Math.min(n, a + stride) : a + 1;
            double mass = 0;
            for (int j = a; j < end; j++) {
                mass += policy[j];
            }
            pi[i] = mass / (end - a);
        }
        boolean line = agent.actions().dim() == 1;
        return new Sample(idx, q, line ? 0 : -1, line ? n - 1 : -1, pi);
    }

    /** Any d: the nearest {@link Frame#MAX_SAMPLES} neighbours (nearest first) plus the chosen one. */
    static Sample nearest(WolpertingerPolicy policy, int chosen) {
        int k = policy.k();
        int n = Math.min(k, Frame.MAX_SAMPLES);
        int bestPos = policy.lastBestPosition();
        boolean extra = bestPos >= n;
        int[] idx = Arrays.copyOf(policy.neighbours(), n + (extra ? 1 : 0));
        double[] q = Arrays.copyOf(policy.qValues(), n + (extra ? 1 : 0));
        if (extra) {
            idx[n] = chosen;
            q[n] = policy.qValues()[bestPos];
        }
        return new Sample(idx, q, -1, -1);
    }
}
