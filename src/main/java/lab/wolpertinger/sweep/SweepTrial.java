package lab.wolpertinger.sweep;

import java.io.Serializable;
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
 * @param status {@value #OK}, or {@value #DIVERGED} when training diverged (at step {@code steps}; the
 *               trial's snapshot holds the last finite state and the scores are empty)
 */
public record SweepTrial(double kRatio, int k, long seed, long steps, double evalMeanReturn, double evalStd,
                         double trainStepsPerS, double selectMedianUs, double wallS, String status)
        implements Serializable {

    /** The status of a trial that trained (or was scored) normally. */
    public static final String OK = "ok";
    /** The status of a trial whose training diverged. */
    public static final String DIVERGED = "diverged";

    /** The header of a trial's own row file ({@code trials/<stem>.csv}): {@link #toCsv()}'s cells. */
    public static final String OWN_HEADER =
            "k_ratio,k,seed,steps,eval_mean_return,eval_std,train_steps_per_s,select_median_us,wall_s,status";

    /**
     * The header of {@code sweep.csv}: {@link #toCsv()}'s cells, then the row's k ratio's
     * {@link SweepStats} ({@value SweepStats#CSV_COLUMNS}, see {@link SweepStats#csv}).
     */
    public static final String CSV_HEADER = OWN_HEADER + "," + SweepStats.CSV_COLUMNS;

    /** Checks the status. */
    public SweepTrial {
        if (!OK.equals(status) && !DIVERGED.equals(status)) {
            throw new IllegalArgumentException("a sweep trial's status is ok or diverged, got " + status);
        }
    }

    /** A trial with status {@value #OK}. */
    public SweepTrial(double kRatio, int k, long seed, long steps, double evalMeanReturn, double evalStd,
                      double trainStepsPerS, double selectMedianUs, double wallS) {
        this(kRatio, k, seed, steps, evalMeanReturn, evalStd, trainStepsPerS, selectMedianUs, wallS, OK);
    }

    /** Whether training diverged. */
    public boolean diverged() {
        return DIVERGED.equals(status);
    }

    /**
     * This trial's own cells of its {@code sweep.csv} row (all but the statistics, which depend on
     * the other rows): doubles in round-trip form, an undefined (NaN) value as an empty cell.
     */
    public String toCsv() {
        return ratioText(kRatio) + "," + k + "," + seed + "," + steps + "," + cell(evalMeanReturn) + ","
                + cell(evalStd) + "," + cell(trainStepsPerS) + "," + cell(selectMedianUs) + "," + cell(wallS) + ","
                + status;
    }

    /**
     * Parses a row of {@code sweep.csv}: 13 cells, or 10 from before the statistics columns, or 9
     * from before the status column (then {@value #OK}). The statistics cells are not read: they are
     * recomputed from all rows whenever the table is written.
     *
     * @throws IllegalArgumentException naming the row if it is not one
     */
    public static SweepTrial parseCsv(String line) {
        String[] c = line.split(",", -1);
        if (c.length != 9 && c.length != 10 && c.length != 13) {
            throw new IllegalArgumentException("a sweep.csv row has 13 cells, got " + c.length + ": " + line);
        }
        try {
            return new SweepTrial(Double.parseDouble(c[0]), Integer.parseInt(c[1]), Long.parseLong(c[2]),
                    Long.parseLong(c[3]), number(c[4]), number(c[5]), number(c[6]), number(c[7]), number(c[8]),
                    c.length == 9 ? OK : c[9]);
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
