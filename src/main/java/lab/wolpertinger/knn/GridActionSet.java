package lab.wolpertinger.knn;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Objects;

/**
 * A uniform grid of m^d actions over [-1, 1]^d for a continuous env action space of dimension d,
 * with m = pointsPerAxis chosen as the integer nearest to requestedN^(1/d).
 *
 * <p>Action indices enumerate the grid row-major (axis 0 most significant). Nothing is stored
 * per action: coordinates are computed on demand, so N = 10,000,000 costs no memory.
 * {@link #envAction} maps an embedding linearly onto the env's box [low, high].
 */
public final class GridActionSet implements ActionSet {

    private final int d;
    private final UniformAxis axis;
    private final int size;
    /** stride[j] = m^(d-1-j): how far the index moves when axis j's position moves by one. */
    private final int[] stride;
    private final double[] low;
    private final double[] high;

    /**
     * @param requestedN desired number of actions (>= 1); the grid gets m^d of them
     * @param d embedding (and env action) dimension, >= 1
     * @param low the env's lower action bound per axis, finite, length d
     * @param high the env's upper action bound per axis, finite, length d, high[j] > low[j]
     * @throws IllegalArgumentException on a bad argument or when m^d exceeds Integer.MAX_VALUE
     */
    public GridActionSet(int requestedN, int d, double[] low, double[] high) {
        if (requestedN < 1) {
            throw new IllegalArgumentException("requestedN must be >= 1, got " + requestedN);
        }
        if (d < 1) {
            throw new IllegalArgumentException("d must be >= 1, got " + d);
        }
        Objects.requireNonNull(low, "low");
        Objects.requireNonNull(high, "high");
        if (low.length != d) {
            throw new IllegalArgumentException("low has length " + low.length + ", expected d=" + d);
        }
        if (high.length != d) {
            throw new IllegalArgumentException("high has length " + high.length + ", expected d=" + d);
        }
        for (int j = 0; j < d; j++) {
            if (!Double.isFinite(low[j])) {
                throw new IllegalArgumentException("low[" + j + "] must be finite, got " + low[j]);
            }
            if (!Double.isFinite(high[j])) {
                throw new IllegalArgumentException("high[" + j + "] must be finite, got " + high[j]);
            }
            if (!(low[j] < high[j])) {
                throw new IllegalArgumentException("low[" + j + "] must be < high[" + j + "], got "
                        + low[j] + " and " + high[j]);
            }
        }
        int m = pointsPerAxis(requestedN, d);
        BigInteger n = BigInteger.valueOf(m).pow(d);
        if (n.bitLength() > 31) {
            throw new IllegalArgumentException("requestedN=" + requestedN + " with d=" + d
                    + " gives " + m + "^" + d + " = " + n + " actions, more than "
                    + Integer.MAX_VALUE + "; lower requestedN or d");
        }
        this.d = d;
        this.axis = new UniformAxis(m);
        this.size = n.intValueExact();
        this.stride = new int[d];
        int s = 1;
        for (int j = d - 1; j >= 0; j--) {
            stride[j] = s;
            s *= m; // cannot overflow past the last step: m^d fits in int
        }
        this.low = low.clone();
        this.high = high.clone();
    }

    /**
     * The integer nearest to requestedN^(1/d), as {@code Math.round(Math.pow(n, 1.0 / d))}
     * intends, but exact: pow can be off by an ulp (1e6^(1/3) = 99.99999999999997), so the
     * estimate is corrected until (m - 1/2)^d < n < (m + 1/2)^d holds in integers, i.e.
     * (2m - 1)^d < 2^d n < (2m + 1)^d. The midpoints are never hit exactly ((2m+1)^d is odd).
     */
    static int pointsPerAxis(int requestedN, int d) {
        long m = Math.max(1L, Math.round(Math.pow(requestedN, 1.0 / d)));
        BigInteger target = BigInteger.valueOf(requestedN).shiftLeft(d); // 2^d * n
        while (m > 1 && BigInteger.valueOf(2 * m - 1).pow(d).compareTo(target) > 0) {
            m--;
        }
        while (BigInteger.valueOf(2 * m + 1).pow(d).compareTo(target) < 0) {
            m++;
        }
        return (int) m; // m <= requestedN because requestedN^(1/d) <= requestedN
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public int dim() {
        return d;
    }

    /** Number of grid positions m per axis. */
    public int pointsPerAxis() {
        return axis.points();
    }

    /** Coordinate of grid position {@code t} in [0, m) on any axis; exactly -1 and +1 at the ends. */
    public double axisCoordinate(int t) {
        Objects.checkIndex(t, axis.points());
        return axis.coordinate(t);
    }

    /** The env's lower action bounds (a copy). */
    public double[] low() {
        return low.clone();
    }

    /** The env's upper action bounds (a copy). */
    public double[] high() {
        return high.clone();
    }

    /** Grid position of action {@code index} on axis {@code j} (row-major, axis 0 most significant). */
    int position(int index, int j) {
        return (index / stride[j]) % axis.points();
    }

    UniformAxis axis() {
        return axis;
    }

    @Override
    public double coordinate(int index, int j) {
        Objects.checkIndex(index, size);
        Objects.checkIndex(j, d);
        return axis.coordinate(position(index, j));
    }

    /** Per axis {@code low + (x + 1) / 2 * (high - low)}: x = -1 gives low, x = 1 gives high. */
    @Override
    public double[] envAction(int index) {
        Objects.checkIndex(index, size);
        double[] action = new double[d];
        for (int j = 0; j < d; j++) {
            double x = axis.coordinate(position(index, j));
            action[j] = low[j] + (x + 1.0) * 0.5 * (high[j] - low[j]);
        }
        return action;
    }

    /** A new exact {@link GridSearch} over this grid (not thread-safe: one per thread). */
    @Override
    public NeighbourSearch search() {
        return new GridSearch(this);
    }

    @Override
    public String toString() {
        return "GridActionSet[m=" + axis.points() + ", d=" + d + ", N=" + size
                + ", low=" + Arrays.toString(low) + ", high=" + Arrays.toString(high) + "]";
    }
}
