package lab.wolpertinger.knn;

import java.util.Arrays;

/**
 * The points a batch's leader query keeps for the members of its group ({@link QueryGroups}):
 * their stored positions, and their rows copied in the lanes layout of {@link GemmIndex#lanes}
 * (groups of {@link VectorScan#GROUP} points, one coordinate of all 8 per 8 floats, the norm
 * last) while the leader's scan has them in cache, so that a member's p over all of them is one
 * {@link VectorScan#productsOne} or {@link VectorScan#products}. A separate gather after the scan
 * missed the cache once per coordinate group. Each point also keeps the leader's own p (the
 * scan's {@code ||x||^2 - 2 x·q}), by which {@link #split} cuts the ball. Grow-only scratch,
 * reused from batch to batch.
 */
final class LeaderBall {

    private final int width;
    /** Points kept: positions[0 .. count), the leader's p of each in p[0 .. count), their rows in {@link #lanes}. */
    int count;
    int[] positions = new int[64];
    float[] p = new float[64];
    float[] lanes;

    /** A ball for rows of {@code width} floats (d coordinates and the norm). */
    LeaderBall(int width) {
        this.width = width;
        this.lanes = new float[64 * width];
    }

    /** Empties the ball (its arrays stay). */
    void clear() {
        count = 0;
    }

    /** Appends stored position {@code position} of the lanes table {@code source}, row and all, with the leader's {@code p}. */
    void add(float[] source, int position, float p) {
        copyRow(source, position, position, p);
    }

    /** Appends point t of {@code ball} (its position, p and row). */
    void addFrom(LeaderBall ball, int t) {
        copyRow(ball.lanes, t, ball.positions[t], ball.p[t]);
    }

    /** Appends row {@code row} of the lanes table {@code source} as stored position {@code position}. */
    private void copyRow(float[] source, int row, int position, float value) {
        int t = count;
        if (t == positions.length) {
            positions = Arrays.copyOf(positions, 2 * t);
            p = Arrays.copyOf(p, 2 * t);
        }
        positions[t] = position;
        p[t] = value;
        count = t + 1;
        int g8 = VectorScan.GROUP;
        int dst = t / g8 * width * g8 + t % g8;
        if (lanes.length < dst + width * g8) {
            lanes = Arrays.copyOf(lanes, Math.max(2 * lanes.length, (t / g8 + 2) * width * g8));
        }
        int from = row / g8 * width * g8 + row % g8;
        for (int j = 0; j < width; j++) {
            lanes[dst + j * g8] = source[from + j * g8];
        }
    }

    /**
     * Splits the ball by the leader's p: the points with p below {@code coreLimit} are the core,
     * their indices ({@code ids[position]}) written to {@code core}; those up to
     * {@code shellLimit} are copied into {@code shell} (emptied first). Returns the core's size,
     * or -1 when it would reach k (at most k - 1 points lie strictly inside the k-th distance, so
     * only with wrong limits).
     */
    int split(double coreLimit, double shellLimit, int k, int[] ids, int[] core, LeaderBall shell) {
        shell.clear();
        int size = 0;
        for (int t = 0; t < count; t++) {
            float v = p[t];
            if (v < coreLimit) {
                if (size == k - 1) {
                    return -1;
                }
                core[size++] = ids[positions[t]];
            } else if (v <= shellLimit) {
                shell.addFrom(this, t);
            }
        }
        return size;
    }

    /** The count rounded up to whole pairs of groups: the rows {@link #pad} fills and a scan reads. */
    int padded() {
        int pair = 2 * VectorScan.GROUP;
        return (count + pair - 1) / pair * pair;
    }

    /**
     * Pads the rows to a whole number of pairs of groups (what the scans read at a time) with zero
     * coordinates and NaN norms, which pass no limit; returns that padded count.
     */
    int pad() {
        int padded = padded();
        int g8 = VectorScan.GROUP;
        if (lanes.length < padded * width) {
            lanes = Arrays.copyOf(lanes, padded * width);
        }
        int d = width - 1;
        for (int t = count; t < padded; t++) {
            int dst = t / g8 * width * g8 + t % g8;
            for (int j = 0; j < d; j++) {
                lanes[dst + j * g8] = 0f;
            }
            lanes[dst + d * g8] = Float.NaN;
        }
        return padded;
    }
}
