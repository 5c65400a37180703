package lab.wolpertinger.agent;

import java.util.Arrays;
import lab.wolpertinger.knn.ActionSet;
import lab.wolpertinger.knn.NeighbourSearch;
import lab.wolpertinger.nn.CriticHead;
import lab.wolpertinger.nn.CriticNet;
import lab.wolpertinger.nn.LineArgmax;
import lab.wolpertinger.nn.LineCandidates;

/**
 * The Wolpertinger action selection (Dulac-Arnold et al. 2015, Algorithm 1, lines 1-3):
 * given a proto-action, take its k nearest discrete actions and act the one the critic
 * scores highest. Scoring uses the critic's algebraic split (layer-2 pre-activation =
 * W_h·h(s) + b + W_a·a), so k candidates cost O(k·h2·d) instead of a k×(h1+d) product.
 *
 * <p>The definition ("exact path"): the k nearest in (distance, index) order from the search,
 * each scored by {@link CriticHead#score}, the first maximum in that order wins.
 *
 * <p>Fast path, d = 1 and k >= {@link #DEFAULT_LINE_THRESHOLD}: the k nearest are an index range
 * found in O(log N) ({@link NeighbourSearch#nearestRun}), and {@link LineArgmax} finds the same
 * winner as the definition from about h2 log k unit evaluations and a few full scores (its
 * Javadoc has the proof; tests compare both paths on random and constructed-tie critics). When
 * the range is not provable (a distance tie at its border) the search's own order is used; when
 * the line solver declines (non-finite values) every candidate is scored.
 *
 * <p>After a fast selection the full neighbour list and its Q values are not computed; the
 * accessors {@link #neighbours()}, {@link #qValues()} and {@link #lastBestPosition()} compute
 * them on first use from a copy of the call's inputs (proto-action, base and critic head), so
 * they describe that call even after the critic has been updated. The result itself is always
 * in {@link #lastIndex()} and {@link #lastQ()}.
 *
 * <p>Not thread-safe: the training thread owns it. Results of the last call stay readable
 * until the next call.
 */
public final class WolpertingerPolicy {
    /** Smallest k for which d = 1 uses the line solver (below it, scoring all k is as cheap). */
    public static final int DEFAULT_LINE_THRESHOLD = 48;


    private final ActionSet actions;
    private final NeighbourSearch search;
    private final int dim;
    private final int lineThreshold;
    private int k;
    private int[] neighbours;
    private float[] candidates;
    private double[] q;

    // d = 1 fast path
    private final BatchTargets batch;
    private final LineArgmax line;
    private final Run run;

    // the last call: result, and what is needed to rebuild its neighbour list and Q values
    private int lastK;
    private int lastIndex = -1;
    private double lastQ = Double.NaN;
    private int lastBest = -1;
    private int lastScored;
    private boolean neighboursValid;
    private boolean qValid;
    private final double[] lastProto;
    private float[] lastBase = new float[0];
    private CriticHead lastHead;

    /** A policy over {@code actions} returning the best of the {@code k} nearest. */
    public WolpertingerPolicy(ActionSet actions, int k) {
        this(actions, k, DEFAULT_LINE_THRESHOLD);
    }

    /**
     * As {@link #WolpertingerPolicy(ActionSet, int)} with the smallest k for the d = 1 line
     * solver ({@code Integer.MAX_VALUE} disables it; tests and the bench use both).
     */
    public WolpertingerPolicy(ActionSet actions, int k, int lineThreshold) {
        this(actions, actions.search(), k, lineThreshold);
    }

    /**
     * A policy over {@code actions} that takes its k nearest from {@code search} (one of
     * {@code knn.Searches}, e.g. the config's {@code search}; this policy owns it: searches are
     * not thread-safe).
     */
    public WolpertingerPolicy(ActionSet actions, NeighbourSearch search, int k) {
        this(actions, search, k, DEFAULT_LINE_THRESHOLD);
    }

    private WolpertingerPolicy(ActionSet actions, NeighbourSearch search, int k, int lineThreshold) {
        if (search.dim() != actions.dim()) {
            throw new IllegalArgumentException("search has d=" + search.dim() + ", the action set d=" + actions.dim());
        }
        this.actions = actions;
        this.search = search;
        this.dim = actions.dim();
        this.lineThreshold = lineThreshold;
        this.batch = new BatchTargets(actions, search);
        this.line = dim == 1 ? new LineArgmax() : null;
        this.run = dim == 1 ? new Run(actions) : null;
        this.lastProto = new double[dim];
        setK(k);
    }

    /** The neighbour search this policy uses (the critic target batches through it too). */
    public NeighbourSearch search() {
        return search;
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
        if (neighbours == null) {
            neighbours = new int[newK];
            candidates = new float[newK * dim];
            q = new double[newK];
        } else if (neighbours.length < newK) { // grow, keeping the last call's lists readable
            neighbours = Arrays.copyOf(neighbours, newK);
            candidates = Arrays.copyOf(candidates, newK * dim);
            q = Arrays.copyOf(q, newK);
        }
    }

    /**
     * Scores the k nearest actions of {@code protoAction} with the critic whose split base for
     * this state is {@code base[baseOffset .. baseOffset + h2)} and returns the index (into the
     * action set) of the best one. Ties go to the nearer candidate.
     */
    public int select(CriticNet critic, float[] base, int baseOffset, double[] protoAction) {
        score(critic, base, baseOffset, protoAction);
        return lastIndex;
    }

    /** Like {@link #select} but returns the best Q value (used for the critic's target). */
    public double maxQ(CriticNet critic, float[] base, int baseOffset, double[] protoAction) {
        score(critic, base, baseOffset, protoAction);
        return lastQ;
    }

    /**
     * {@link #maxQ} for {@code count} states at once, for d > 1 (the critic targets of a replay
     * mini-batch): row r's proto-action is {@code protos[r * d .. (r + 1) * d)}, its split base
     * {@code bases[r * h2 .. (r + 1) * h2)}, and {@code out[r]} gets exactly what
     * {@code maxQ(critic, bases, r * h2, protos row r)} returns: the same neighbours (one
     * {@link NeighbourSearch#nearestBatch} for all rows) scored by the same function. The
     * "last call" accessors keep describing the last {@link #select} or {@link #maxQ}.
     */
    public void maxQBatch(CriticNet critic, float[] bases, float[] protos, int count, double[] out) {
        if (dim == 1) {
            throw new IllegalStateException("maxQBatch is for d > 1; d = 1 uses maxQ and its line solver");
        }
        batch.maxQ(critic, bases, protos, count, k, out);
    }

    /** Distinct items the last {@link #maxQBatch} projected (for the bench: how much the rows shared). */
    public int lastBatchDistinct() {
        return batch.lastDistinct();
    }

    private void score(CriticNet critic, float[] base, int baseOffset, double[] protoAction) {
        lastK = k;
        lastBest = -1;
        neighboursValid = false;
        qValid = false;
        if (dim == 1 && k >= lineThreshold) {
            int lo = search.nearestRun(protoAction[0], k);
            if (lo < 0) {
                // a distance tie at the border: let the search's order decide the set
                search.nearest(protoAction, k, neighbours);
                neighboursValid = true;
                lo = contiguousStart();
            }
            if (lo >= 0 && solveLine(critic.head(), base, baseOffset, protoAction[0], lo)) {
                remember(critic.head(), base, baseOffset, protoAction);
                return;
            }
        }
        if (!neighboursValid) {
            search.nearest(protoAction, k, neighbours);
            neighboursValid = true;
        }
        fillCandidates();
        critic.scoreCandidates(base, baseOffset, candidates, k, q);
        qValid = true;
        int best = 0;
        for (int i = 1; i < k; i++) {
            if (q[i] > q[best]) {
                best = i;
            }
        }
        lastBest = best;
        lastIndex = neighbours[best];
        lastQ = q[best];
        lastScored = k;
    }

    /** The line solver over [lo, lo + k); false when it declines. */
    private boolean solveLine(CriticHead head, float[] base, int baseOffset, double proto, int lo) {
        run.reset(lo, k, proto);
        int pos = line.argmax(head, base, baseOffset, run);
        if (pos < 0) {
            return false;
        }
        lastIndex = lo + pos;
        lastQ = line.bestQ();
        lastScored = line.lastScored();
        return true;
    }

    /** The smallest index of the search's k neighbours if they form a contiguous range, else -1. */
    private int contiguousStart() {
        int min = Integer.MAX_VALUE;
        int max = Integer.MIN_VALUE;
        for (int i = 0; i < k; i++) {
            min = Math.min(min, neighbours[i]);
            max = Math.max(max, neighbours[i]);
        }
        return max - min + 1 == k ? min : -1;
    }

    private void remember(CriticHead head, float[] base, int baseOffset, double[] protoAction) {
        System.arraycopy(protoAction, 0, lastProto, 0, dim);
        int h2 = head.hidden2();
        if (lastBase.length != h2) {
            lastBase = new float[h2];
        }
        System.arraycopy(base, baseOffset, lastBase, 0, h2);
        if (lastHead == null || lastHead.hidden2() != h2) {
            lastHead = new CriticHead(h2, dim);
        }
        lastHead.copyFrom(head);
    }

    private void fillCandidates() {
        for (int i = 0; i < lastK; i++) {
            int idx = neighbours[i];
            for (int j = 0; j < dim; j++) {
                candidates[i * dim + j] = (float) actions.coordinate(idx, j);
            }
        }
    }

    private void ensureNeighbours() {
        if (!neighboursValid) {
            if (lastIndex < 0) {
                throw new IllegalStateException("no selection yet");
            }
            search.nearest(lastProto, lastK, neighbours);
            neighboursValid = true;
        }
    }

    /** Neighbour indices of the last call, nearest first (valid for {@code [0, k)}). */
    public int[] neighbours() {
        ensureNeighbours();
        return neighbours;
    }

    /** Critic values of the last call's neighbours, in neighbour order (valid for {@code [0, k)}). */
    public double[] qValues() {
        ensureNeighbours();
        if (!qValid) {
            fillCandidates();
            lastHead.score(lastBase, 0, candidates, lastK, q);
            qValid = true;
        }
        return q;
    }

    /** Position in {@link #neighbours()} of the last call's chosen action. */
    public int lastBestPosition() {
        if (lastBest < 0) {
            ensureNeighbours();
            for (int i = 0; i < lastK; i++) {
                if (neighbours[i] == lastIndex) {
                    lastBest = i;
                    break;
                }
            }
        }
        return lastBest;
    }

    /**
     * The action nearest to the last call's proto-action, {@code neighbours()[0]}, without building
     * the neighbour list: after a d = 1 line-solver selection it is the first position of the
     * call's index range in the search's (distance, index) order, found by bisection in O(log k).
     * Equal to {@link #lastIndex()} exactly when the critic chose the nearest action.
     */
    public int lastNearestIndex() {
        if (neighboursValid) {
            return neighbours[0];
        }
        if (lastIndex < 0) {
            throw new IllegalStateException("no selection yet");
        }
        return run.lo + run.first(0, run.count - 1);
    }

    /** Action index chosen by the last call (-1 before the first). */
    public int lastIndex() {
        return lastIndex;
    }

    /** How many candidates the last call scored in full (k on the exact path; for the bench). */
    public int lastScored() {
        return lastScored;
    }

    /** Critic value of the last call's chosen action. */
    public double lastQ() {
        return lastQ;
    }

    /**
     * The k nearest of a d = 1 query as the index range [lo, lo + k): coordinates as the critic
     * sees them ({@code (float) coordinate}), and the neighbour order of the search contract,
     * squared distance {@code (coordinate - q)^2} in double, then index.
     */
    private static final class Run implements LineCandidates {
        private final ActionSet actions;
        private int lo;
        private int count;
        private double query;
        /** First position whose coordinate is >= query (count when none). */
        private int split;

        Run(ActionSet actions) {
            this.actions = actions;
        }

        void reset(int lo, int count, double query) {
            this.lo = lo;
            this.count = count;
            this.query = query;
            int a = 0;
            int b = count;
            while (a < b) {
                int mid = (a + b) >>> 1;
                if (actions.coordinate(lo + mid, 0) < query) {
                    a = mid + 1;
                } else {
                    b = mid;
                }
            }
            this.split = a;
        }

        private double distance(int p) {
            double diff = actions.coordinate(lo + p, 0) - query;
            return diff * diff;
        }

        @Override
        public int count() {
            return count;
        }

        @Override
        public float coordinate(int p) {
            return (float) actions.coordinate(lo + p, 0);
        }

        @Override
        public boolean precedes(int p, int r) {
            double dp = distance(p);
            double dr = distance(r);
            return dp < dr || (dp == dr && p < r);
        }

        /**
         * Right of the split distances do not decrease with p, so s is first there. Left of it
         * they do not increase, so the nearest is the last left position and, among positions
         * tied with it (a run ending there), the lowest index comes first: bisect for the run's
         * start. With both sides present the two candidates are compared.
         */
        @Override
        public int first(int s, int e) {
            if (s >= split) {
                return s;
            }
            int leftEnd = Math.min(e, split - 1);
            double dist = distance(leftEnd);
            int a = s;
            int b = leftEnd; // distance(b) == dist; find the first such position in [s, leftEnd]
            while (a < b) {
                int mid = (a + b) >>> 1;
                if (distance(mid) == dist) {
                    b = mid;
                } else {
                    a = mid + 1;
                }
            }
            if (e < split) {
                return b;
            }
            return precedes(split, b) ? split : b;
        }
    }
}
