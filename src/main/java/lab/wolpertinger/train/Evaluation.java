package lab.wolpertinger.train;

/**
 * Result of greedy evaluation episodes (no noise).
 *
 * @param episodes number of episodes
 * @param meanReturn mean undiscounted return
 * @param stdReturn population standard deviation of the returns
 * @param returns every episode's return, in order
 */
public record Evaluation(int episodes, double meanReturn, double stdReturn, double[] returns) {

    /** Summarises a list of episode returns. */
    public static Evaluation of(double[] returns) {
        int n = returns.length;
        if (n == 0) {
            return new Evaluation(0, Double.NaN, Double.NaN, returns);
        }
        double sum = 0;
        for (double r : returns) {
            sum += r;
        }
        double mean = sum / n;
        double sq = 0;
        for (double r : returns) {
            sq += (r - mean) * (r - mean);
        }
        return new Evaluation(n, mean, Math.sqrt(sq / n), returns.clone());
    }
}
