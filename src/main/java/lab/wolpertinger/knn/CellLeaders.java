package lab.wolpertinger.knn;

import java.util.Arrays;

/**
 * The leaders of one {@link CellSearch} batch, in row order: each leader's query, its k-th
 * distance R_c among the points it scanned, the radius rho of the ball its threshold allows, and
 * its ball once one is built. A later query joins the first leader with R_c + 2 delta <= rho
 * (delta its distance to the leader's query): its k nearest among the leader's scanned points then
 * lie in the ball (the argument is in {@link CellSearch#nearestBatch}). The exact search's
 * counterpart is {@link QueryGroups}, whose radii come from the sample before the scan. Grow-only
 * scratch, reused from batch to batch.
 */
final class CellLeaders {

    private final int d;
    private final int width;
    private double[][] centre = new double[0][];
    private double[] ballRadius = new double[0];
    private double[] kthRadius = new double[0];
    private LeaderBall[] balls = new LeaderBall[0];
    /** Whether leader g's ball holds its points (built with the leader's scan, or for its first member). */
    private boolean[] built = new boolean[0];
    /** Leaders in this batch: [0, count). */
    int count;

    CellLeaders(int d, int width) {
        this.d = d;
        this.width = width;
    }

    /** Starts a new batch. */
    void reset() {
        count = 0;
    }

    /** The first leader whose ball holds q's k nearest among its scanned points, or -1. */
    int find(double[] q) {
        for (int g = 0; g < count; g++) {
            double[] c = centre[g];
            double sum = 0.0;
            for (int j = 0; j < d; j++) {
                double v = q[j] - c[j];
                sum += v * v;
            }
            double delta = Math.sqrt(sum) * (1 + QueryGroups.MARGIN);
            if ((kthRadius[g] + 2 * delta) * (1 + QueryGroups.MARGIN) <= ballRadius[g]) {
                return g;
            }
        }
        return -1;
    }

    /** The ball of the next leader (index {@link #count}), emptied, for its scan to fill. */
    LeaderBall nextBall() {
        return ball(count);
    }

    /**
     * Makes q the next leader: its ball may hold points within {@code rho}, its k-th distance is
     * {@code kth}; {@code filled} when its scan kept the ball. Returns its index.
     */
    int add(double[] q, double rho, double kth, boolean filled) {
        int g = count++;
        ensure(count);
        if (centre[g] == null) {
            centre[g] = new double[d];
        }
        System.arraycopy(q, 0, centre[g], 0, d);
        ballRadius[g] = rho;
        kthRadius[g] = kth * (1 + QueryGroups.MARGIN);
        built[g] = filled;
        if (filled) {
            balls[g].pad();
        }
        return g;
    }

    /** Leader g's query. */
    double[] centre(int g) {
        return centre[g];
    }

    /** Leader g's ball (filled or not: see {@link #isBuilt}). */
    LeaderBall ball(int g) {
        ensure(g + 1);
        if (balls[g] == null) {
            balls[g] = new LeaderBall(width);
        }
        return balls[g];
    }

    boolean isBuilt(int g) {
        return built[g];
    }

    /** Leader g's ball has been filled by a scan (padded here). */
    void built(int g) {
        balls[g].pad();
        built[g] = true;
    }

    private void ensure(int size) {
        if (size > centre.length) {
            int grown = Math.max(4, 2 * size);
            balls = Arrays.copyOf(balls, grown);
            centre = Arrays.copyOf(centre, grown);
            ballRadius = Arrays.copyOf(ballRadius, grown);
            kthRadius = Arrays.copyOf(kthRadius, grown);
            built = Arrays.copyOf(built, grown);
        }
    }
}
