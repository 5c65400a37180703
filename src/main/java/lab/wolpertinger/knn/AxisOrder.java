package lab.wolpertinger.knn;

/**
 * Enumerates the positions of one {@link UniformAxis} nearest first to a query coordinate q, in
 * exact (squared distance, position) order, O(log m) to start and amortised O(1) per position.
 *
 * <p>Why this equals sorting all m positions: the computed coordinates c(t) are non-decreasing in
 * t, and rounding is monotone, so on the left of the split (c(t) < q) the computed
 * {@code (c(t) - q)^2} is non-increasing in t, and on the right (c(t) >= q) non-decreasing. A
 * two-pointer merge outward from the split therefore yields every distance in order. Equal
 * distances need care: on the right they already come out by increasing position, but walking
 * left goes down in position, so a left run of equal distances is found (galloping then binary
 * search, since the side is monotone) and emitted in increasing position; on a tie between the
 * sides the left run goes first, its positions being lower.
 *
 * <p>Reusable: {@link #reset} starts a new query without allocating.
 */
final class AxisOrder {

    private final UniformAxis axis;
    private final int m;

    private double q;
    /** Next unvisited position on the left (going down), -1 when exhausted. */
    private int left;
    /** Next unvisited position on the right (going up), m when exhausted. */
    private int right;
    /** A left run being emitted upward: positions runNext..runEnd, all at distance runDistance. */
    private int runNext;
    private int runEnd;
    private double runDistance;
    private double lastDistance;

    AxisOrder(UniformAxis axis) {
        this.axis = axis;
        this.m = axis.points();
    }

    /** Starts enumerating for query coordinate q (not NaN). */
    void reset(double q) {
        this.q = q;
        int split = split(q);
        left = split - 1;
        right = split;
        runNext = 0;
        runEnd = -1;
    }

    /**
     * The first position whose *computed* coordinate is >= q (binary search, so the sides agree
     * with the doubles the oracle sees, not with exact arithmetic); m when there is none.
     */
    int split(double q) {
        int lo = 0;
        int hi = m;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (axis.coordinate(mid) < q) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /**
     * The start lo of the k nearest positions to q when they are provably the range
     * {@code [lo, lo + k)}, else -1 (then {@link #next()} has to settle ties). O(log m); it
     * leaves a running enumeration in an undefined state, so call {@link #reset} afterwards.
     *
     * <p>With s = {@link #split}, distances are non-increasing on [0, s) and non-decreasing on
     * [s, m) (see the class comment). Every window of k positions that can be the answer holds
     * s - 1 or s, so lo ranges over [max(0, s - k), min(s, m - k)], and "moving the window right
     * by one helps", {@code dist(lo) > dist(lo + k)}, is true then false over that range (the
     * left term does not grow, the right one does not shrink): a binary search finds the first
     * lo where it is false. The result is then checked, not trusted: the window's largest
     * distance (at one of its ends, each side being monotone) must be strictly below the
     * distance of both positions just outside it, and hence below every outside position's.
     * Equal distances across the border (a query exactly half-way between grid points) fail the
     * check and return -1: the enumeration's (distance, index) order decides those.
     */
    int nearestRun(double q, int k) {
        this.q = q;
        if (k >= m) {
            return 0;
        }
        int s = split(q);
        int lo = Math.max(0, s - k);
        int hi = Math.min(s, m - k);
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (squaredDistance(mid) > squaredDistance(mid + k)) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        double inside = Math.max(squaredDistance(lo), squaredDistance(lo + k - 1));
        double outside = Double.POSITIVE_INFINITY;
        if (lo > 0) {
            outside = squaredDistance(lo - 1);
        }
        if (lo + k < m) {
            outside = Math.min(outside, squaredDistance(lo + k));
        }
        return inside < outside ? lo : -1;
    }

    /** The squared axis distance exactly as the oracle computes its term for this axis. */
    double squaredDistance(int t) {
        double diff = axis.coordinate(t) - q;
        return diff * diff;
    }

    /** The next position in (squared distance, position) order; call at most m times per reset. */
    int next() {
        if (runNext <= runEnd) {
            lastDistance = runDistance;
            return runNext++;
        }
        boolean hasLeft = left >= 0;
        boolean hasRight = right < m;
        if (!hasLeft && !hasRight) {
            throw new IllegalStateException("all " + m + " positions already enumerated");
        }
        if (hasLeft) {
            double dl = squaredDistance(left);
            if (!hasRight || dl <= squaredDistance(right)) {
                int start = leftRunStart(left, dl);
                runDistance = dl;
                runNext = start;
                runEnd = left;
                left = start - 1;
                lastDistance = dl;
                return runNext++;
            }
        }
        lastDistance = squaredDistance(right);
        return right++;
    }

    /** Squared distance of the position last returned by {@link #next()}. */
    double lastSquaredDistance() {
        return lastDistance;
    }

    /**
     * Lowest position s <= from with squared distance == dist, given that distances are
     * non-increasing in t on [0, from] (so all of [s, from] equals dist and [0, s) exceeds it).
     * Gallops down then bisects: O(log run length), O(1) in the common no-tie case.
     */
    private int leftRunStart(int from, double dist) {
        int equal = from; // known: distance(equal) == dist
        int step = 1;
        int greater = -1; // known: distance(greater) > dist, or -1 meaning "before position 0"
        while (equal > 0) {
            int probe = equal - Math.min(step, equal);
            if (squaredDistance(probe) == dist) {
                equal = probe;
                step = step <= (Integer.MAX_VALUE >> 1) ? step << 1 : step;
            } else {
                greater = probe;
                break;
            }
        }
        while (equal - greater > 1) {
            int mid = (greater + equal) >>> 1;
            if (squaredDistance(mid) == dist) {
                equal = mid;
            } else {
                greater = mid;
            }
        }
        return equal;
    }
}
