package lab.wolpertinger.knn;

/**
 * Groups a batch's queries around leaders so that one scan of the set answers a whole group
 * exactly: the triangle inequality turns a leader's ball into a candidate set for its members.
 *
 * <p>A leader c comes with a radius R_c that provably holds its k nearest points (the search
 * proves it from its sample: at least k points lie within R_c). A query r within
 * {@code delta = ||q_r - q_c|| <= }{@link #SLACK}{@code  R_c / 2} of a leader joins the first such
 * leader; otherwise it leads a group of its own. Its k nearest then lie within R_c + delta of
 * q_r (the leader's k points are that close), so within R_c + 2 delta of q_c: the group's ball
 * around its leader has radius {@code rho = R_c + 2 max delta <= (1 + SLACK) R_c}. After one scan
 * with the leader (keeping the ball), each member needs only the ball's points, not the whole set.
 *
 * <p>Why a batch's queries are this close: the critic targets' proto-actions come from one
 * target actor over a replay mini-batch, and a target actor that maps many states to nearly the
 * same proto-action (early in training, or saturated at a corner of [-1, 1]^d, as on Catalog-v0)
 * puts 64 queries within 1 % of R of each other. Scattered queries lead groups of their own,
 * which is the plain scan.
 *
 * <p>The ball holds at most (1 + SLACK)^d times the points of R_c's ball for a uniform density
 * (4.6 x at d = 16): small against N, a few k.
 */
final class QueryGroups {

    /** How much members may widen their leader's ball, relative to the leader's radius. */
    static final double SLACK = 0.1;
    /**
     * Relative widening of every radius and distance, far above double rounding (about 1e-15
     * here), so the ball is a superset of the exact one; extra points in it are harmless.
     */
    static final double MARGIN = 1e-9;

    /** leader[r]: the row whose scan answers row r (r itself for a leader); -1 for no group. */
    final int[] leader;
    /** ball[c]: the ball radius of leader c (its own radius until a member joins). */
    final double[] ball;
    /** members[c]: number of rows led by c, c excluded. */
    final int[] members;
    /** The leaders, in row order: leaders[0 .. leaderCount). */
    final int[] leaders;
    int leaderCount;
    private final double[] radius;

    QueryGroups(int capacity) {
        leader = new int[capacity];
        ball = new double[capacity];
        members = new int[capacity];
        leaders = new int[capacity];
        radius = new double[capacity];
    }

    /** Starts a new batch. */
    void reset() {
        leaderCount = 0;
    }

    /**
     * Row r joins the first leader within SLACK R_c / 2 and widens its ball; returns that
     * leader, or -1 when there is none (then the caller makes r a leader or leaves it out).
     */
    int join(double[][] query, int r, int d) {
        members[r] = 0;
        for (int g = 0; g < leaderCount; g++) {
            int c = leaders[g];
            double rc = radius[c];
            if (!(rc < Double.POSITIVE_INFINITY)) { // a leader without a finite radius shares nothing
                continue;
            }
            double delta = Math.sqrt(squaredDistance(query[r], query[c], d)) * (1 + MARGIN);
            if (2 * delta <= SLACK * rc) {
                leader[r] = c;
                ball[c] = Math.max(ball[c], (rc + 2 * delta) * (1 + MARGIN));
                members[c]++;
                return c;
            }
        }
        return -1;
    }

    /** Row r leads a group with radius R (+ infinity or NaN: a leader nobody may join). */
    void lead(int r, double radiusR) {
        leader[r] = r;
        members[r] = 0;
        radius[r] = radiusR;
        ball[r] = radiusR;
        leaders[leaderCount++] = r;
    }

    /** Row r is answered elsewhere (the double brute force): no group. */
    void skip(int r) {
        leader[r] = -1;
        members[r] = 0;
    }

    /** True when row r is a member (led by another row). */
    boolean isMember(int r) {
        return leader[r] >= 0 && leader[r] != r;
    }

    /** ||a - b||^2 over the first d coordinates, in double. */
    static double squaredDistance(double[] a, double[] b, int d) {
        double sum = 0.0;
        for (int j = 0; j < d; j++) {
            double v = a[j] - b[j];
            sum += v * v;
        }
        return sum;
    }
}
