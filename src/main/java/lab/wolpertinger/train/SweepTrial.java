package lab.wolpertinger.train;

import java.math.BigDecimal;

/**
 * One finished trial of a k sweep, as one row of {@code sweep.csv}: a run trained (or, when a
 * single snapshot is scored at many k, re-scored) at one k ratio and seed, then scored greedily.
 *
 * @param kRatio the k ratio, in (0, 1]
 * @param k k = max(1, floor(N * kRatio))
 * @param seed the run seed
 * @param steps training env steps (when scoring a snapshot: the steps it was trained for)
 * @param evalMeanReturn mean greedy return over the evaluation episodes
 * @param evalStd population standard deviation of those returns
 * @param trainStepsPerS training throughput, env steps per second of the training loop (NaN: not trained here)
 * @param selectMedianUs median wall time of one greedy action selection during evaluation, microseconds
 * @param wallS the trial's wall time in seconds (build, train, save, evaluate)
 */
public record SweepTrial(double kRatio, int k, long seed, long steps, double evalMeanReturn, double evalStd,
                         double trainStepsPerS, double selectMedianUs, double wallS) {

    /** CSV header matching {@link #toCsv()}. */
    public static final String CSV_HEADER =
            "k_ratio,k,seed,steps,eval_mean_return,eval_std,train_steps_per_s,select_median_us,wall_s";

    /** This trial as one CSV row: doubles in round-trip form, an undefined (NaN) value as an empty cell. */
    public String toCsv() {
        return ratioText(kRatio) + "," + k + "," + seed + "," + steps + "," + cell(evalMeanReturn) + ","
                + cell(evalStd) + "," + cell(trainStepsPerS) + "," + cell(selectMedianUs) + "," + cell(wallS);
    }

    /**
     * Parses a row written by {@link #toCsv()}.
     *
     * @throws IllegalArgumentException naming the row if it is not one
     */
    public static SweepTrial parseCsv(String line) {
        String[] c = line.split(",", -1);
        if (c.length != 9) {
            throw new IllegalArgumentException("a sweep.csv row has 9 cells, got " + c.length + ": " + line);
        }
        try {
            return new SweepTrial(Double.parseDouble(c[0]), Integer.parseInt(c[1]), Long.parseLong(c[2]),
                    Long.parseLong(c[3]), number(c[4]), number(c[5]), number(c[6]), number(c[7]), number(c[8]));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a sweep.csv row (" + e.getMessage() + "): " + line, e);
        }
    }

    /** The file name stem of this trial's snapshot: {@code k<ratio>-s<seed>}. */
    public String fileStem() {
        return fileStem(kRatio, seed);
    }

    /** The file name stem of the trial at {@code kRatio} and {@code seed}: {@code k0.001-s2}. */
    public static String fileStem(double kRatio, long seed) {
        return "k" + ratioText(kRatio) + "-s" + seed;
    }

    /** A k ratio in plain decimal form, shortest that parses back to the same double: 1.0E-4 as {@code 0.0001}. */
    public static String ratioText(double kRatio) {
        return BigDecimal.valueOf(kRatio).stripTrailingZeros().toPlainString();
    }

    private static String cell(double v) {
        return Double.isFinite(v) ? Double.toString(v) : "";
    }

    private static double number(String s) {
        return s.isEmpty() ? Double.NaN : Double.parseDouble(s);
    }
}
