package lab.wolpertinger.knn;

/**
 * The m evenly spaced points of one axis of a uniform grid over [-1, 1].
 *
 * <p>Every grid-shaped action set and {@link GridSearch} compute coordinates through this one
 * formula, so the brute-force oracle and the grid search see bit-identical doubles.
 *
 * @param points number of grid positions m on the axis, at least 1
 */
record UniformAxis(int points) {

    UniformAxis {
        if (points < 1) {
            throw new IllegalArgumentException("points must be >= 1, got " + points);
        }
    }

    /**
     * Coordinate of grid position {@code t} in [0, m): 0.0 when m == 1, otherwise
     * {@code -1 + 2t/(m-1)}.
     *
     * <p>{@code 2.0 * t} is exact, and correctly rounded division and addition are monotone, so
     * the computed coordinates are non-decreasing in t (the exactness of {@link GridSearch} rests
     * on this) and hit exactly -1 at t = 0 and exactly +1 at t = m - 1 (2(m-1)/(m-1) is exactly 1).
     */
    double coordinate(int t) {
        if (points == 1) {
            return 0.0;
        }
        return -1.0 + (2.0 * t) / (points - 1);
    }
}
