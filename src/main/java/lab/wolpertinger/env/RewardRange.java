package lab.wolpertinger.env;

/**
 * The smallest and largest reward one step of an env can give (Gymnasium's old
 * {@code reward_range}). With discount gamma the return of every episode, and so every true Q
 * value, lies between the one-step and the infinite-horizon sums of these bounds: see
 * {@link #lowestReturn} and {@link #highestReturn}.
 *
 * @param min the smallest reward of one step
 * @param max the largest reward of one step
 */
public record RewardRange(double min, double max) {

    /** Checks min <= max, both finite. */
    public RewardRange {
        if (!(Double.isFinite(min) && Double.isFinite(max) && min <= max)) {
            throw new IllegalArgumentException("reward range needs finite min <= max, got [" + min + ", " + max + "]");
        }
    }

    /**
     * The lowest discounted return from any state: min(r_min, r_min / (1 - gamma)). A return is
     * sum_{t < T} gamma^t r_t over T >= 1 steps (T infinite when the episode never terminates; a
     * time limit is bootstrapped through, so it does not end the sum), so for r_min < 0 the
     * infinite sum r_min / (1 - gamma) is lowest, and for r_min >= 0 a single step r_min is.
     * For Pendulum-v1 (r_min = -16.27, gamma 0.99) that is -1627; -infinity for gamma = 1 and r_min < 0.
     */
    public double lowestReturn(double gamma) {
        return Math.min(min, horizonSum(min, gamma));
    }

    /** The highest discounted return from any state: max(r_max, r_max / (1 - gamma)), as {@link #lowestReturn}. */
    public double highestReturn(double gamma) {
        return Math.max(max, horizonSum(max, gamma));
    }

    /** r / (1 - gamma) = sum_{t >= 0} gamma^t r; 0 for r = 0 and +-infinity for gamma = 1. */
    private static double horizonSum(double r, double gamma) {
        if (r == 0) {
            return 0;
        }
        return gamma >= 1 ? Math.copySign(Double.POSITIVE_INFINITY, r) : r / (1 - gamma);
    }
}
