package lab.wolpertinger.agent;

import lab.wolpertinger.knn.ActionSet;
import lab.wolpertinger.knn.NeighbourSearch;
import lab.wolpertinger.nn.CriticNet;

/**
 * The Wolpertinger action selection (Dulac-Arnold et al. 2015, Algorithm 1, lines 1-3):
 * given a proto-action, take its k nearest discrete actions and act the one the critic
 * scores highest. Scoring uses the critic's algebraic split (layer-2 pre-activation =
 * W_h·h(s) + b + W_a·a), so k candidates cost O(k·h2·d) instead of a k×(h1+d) product.
 *
 * <p>Not thread-safe: the training thread owns it. Results of the last call stay readable
 * through {@link #neighbours()} and {@link #qValues()} until the next call.
 */
public final class WolpertingerPolicy {
    private final ActionSet actions;
    private final NeighbourSearch search;
    private final int dim;
    private int k;
    private int[] neighbours;
    private float[] candidates;
    private double[] q;
    private int lastBest;

    /** A policy over {@code actions} returning the best of the {@code k} nearest. */
    public WolpertingerPolicy(ActionSet actions, int k) {
        this.actions = actions;
        this.search = actions.search();
        this.dim = actions.dim();
        setK(k);
    }

    /** The action set this policy chooses from. */
    public ActionSet actions() {
        return actions;
    }

    /** Current k. */
    public int k() {
        return k;
    }

    /** Changes k (1 <= k <= N); takes effect at the next selection. */
    public void setK(int newK) {
        if (newK < 1 || newK > actions.size()) {
            throw new IllegalArgumentException("k must be in [1, " + actions.size() + "], got " + newK);
        }
        this.k = newK;
        if (neighbours == null || neighbours.length < newK) {
            neighbours = new int[newK];
            candidates = new float[newK * dim];
            q = new double[newK];
        }
    }

    /**
     * Scores the k nearest actions of {@code protoAction} with the critic whose split base for
     * this state is {@code base[baseOffset .. baseOffset + h2)} and returns the index (into the
     * action set) of the best one. Ties go to the nearer candidate.
     */
    public int select(CriticNet critic, float[] base, int baseOffset, double[] protoAction) {
        score(critic, base, baseOffset, protoAction);
        return neighbours[lastBest];
    }

    /** Like {@link #select} but returns the best Q value (used for the critic's target). */
    public double maxQ(CriticNet critic, float[] base, int baseOffset, double[] protoAction) {
        score(critic, base, baseOffset, protoAction);
        return q[lastBest];
    }

    private void score(CriticNet critic, float[] base, int baseOffset, double[] protoAction) {
        search.nearest(protoAction, k, neighbours);
        for (int i = 0; i < k; i++) {
            int idx = neighbours[i];
            for (int j = 0; j < dim; j++) {
                candidates[i * dim + j] = (float) actions.coordinate(idx, j);
            }
        }
        critic.scoreCandidates(base, baseOffset, candidates, k, q);
        int best = 0;
        for (int i = 1; i < k; i++) {
            if (q[i] > q[best]) {
                best = i;
            }
        }
        lastBest = best;
    }

    /** Neighbour indices of the last call, nearest first (valid for {@code [0, k)}). */
    public int[] neighbours() {
        return neighbours;
    }

    /** Critic values of the last call's neighbours, in neighbour order (valid for {@code [0, k)}). */
    public double[] qValues() {
        return q;
    }

    /** Position in {@link #neighbours()} of the last call's chosen action. */
    public int lastBestPosition() {
        return lastBest;
    }
}
