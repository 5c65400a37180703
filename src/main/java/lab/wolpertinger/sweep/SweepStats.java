package lab.wolpertinger.sweep;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.StatUtils;
import org.apache.commons.math3.stat.inference.TTest;

/**
 * The greedy return of one k ratio over the seeds of a sweep: mean, sample standard deviation, a
 * 95 % confidence interval of the mean (Student t, n - 1 degrees of freedom) and Welch's two-sided
 * t-test p-value against the best k ratio (the one with the highest mean). Only trials with status
 * {@value SweepTrial#OK} and a finite return count; a diverged trial has no return.
 *
 * <p>Undefined values are NaN (an empty cell in {@code sweep.csv}): with one seed the standard
 * deviation, the interval and p; p also when the best k ratio has one seed, or when neither sample
 * varies. The best k ratio itself gets p = 1 (Welch's test of a sample against itself: t = 0), so
 * that {@code p_vs_best < 0.05} reads "detectably worse than the best" with no special case.
 *
 * @param kRatio the k ratio
 * @param k its k
 * @param n trials that count (ok, with a return)
 * @param mean mean greedy return over those trials (NaN if none)
 * @param sd sample standard deviation (n - 1 in the denominator)
 * @param ci95Low lower end of the 95 % confidence interval of the mean: mean - t(0.975, n - 1) sd / sqrt(n)
 * @param ci95High upper end of that interval
 * @param pVsBest Welch's two-sided t-test p-value of this k ratio's returns against the best k ratio's
 */
public record SweepStats(double kRatio, int k, int n, double mean, double sd, double ci95Low, double ci95High,
                         double pVsBest) {

    /** Column names of the per-row statistics in {@code sweep.csv}, after {@link SweepTrial}'s own. */
    public static final String CSV_COLUMNS = "ci95_low,ci95_high,p_vs_best";

    /** The statistics of every k ratio in {@code trials} (any order), sorted by k ratio. */
    public static List<SweepStats> of(List<SweepTrial> trials) {
        Map<Double, List<SweepTrial>> byRatio = new TreeMap<>();
        for (SweepTrial t : trials) {
            byRatio.computeIfAbsent(t.kRatio(), r -> new ArrayList<>()).add(t);
        }
        List<double[]> samples = new ArrayList<>();
        double bestMean = Double.NEGATIVE_INFINITY;
        int best = -1;
        for (List<SweepTrial> group : byRatio.values()) {
            double[] v = group.stream().filter(t -> !t.diverged()).mapToDouble(SweepTrial::evalMeanReturn)
                    .filter(Double::isFinite).toArray();
            if (v.length > 0 && StatUtils.mean(v) > bestMean) { // ties: the smaller k ratio stays best
                bestMean = StatUtils.mean(v);
                best = samples.size();
            }
            samples.add(v);
        }
        List<SweepStats> out = new ArrayList<>();
        int i = 0;
        for (List<SweepTrial> group : byRatio.values()) {
            double[] v = samples.get(i);
            double mean = v.length == 0 ? Double.NaN : StatUtils.mean(v);
            double sd = v.length < 2 ? Double.NaN : Math.sqrt(StatUtils.variance(v));
            double half = v.length < 2 ? Double.NaN : tQuantile975(v.length - 1) * sd / Math.sqrt(v.length);
            double p;
            if (v.length < 2 || samples.get(best).length < 2) {
                p = Double.NaN;
            } else if (i == best) {
                p = 1.0;
            } else {
                p = welchP(v, samples.get(best));
            }
            out.add(new SweepStats(group.get(0).kRatio(), group.get(0).k(), v.length, mean, sd, mean - half, mean + half, p));
            i++;
        }
        return out;
    }

    /** t(0.975, df), the two-sided 95 % quantile of Student's t with {@code df} degrees of freedom. */
    static double tQuantile975(int df) {
        // A null generator: the quantile draws nothing (the default would seed one from the clock).
        return new TDistribution(null, df).inverseCumulativeProbability(0.975);
    }

    /** Welch's two-sided p-value; NaN when neither sample varies (the statistic is undefined). */
    private static double welchP(double[] a, double[] b) {
        if (StatUtils.variance(a) == 0 && StatUtils.variance(b) == 0) {
            return Double.NaN;
        }
        return new TTest().tTest(a, b);
    }

    /** {@code sweep.csv}: the header, then each trial's row followed by its k ratio's statistics. */
    public static String csv(List<SweepTrial> rows) {
        Map<Double, SweepStats> byRatio = new TreeMap<>();
        for (SweepStats s : of(rows)) {
            byRatio.put(s.kRatio(), s);
        }
        StringBuilder csv = new StringBuilder(SweepTrial.CSV_HEADER).append('\n');
        for (SweepTrial row : rows) {
            SweepStats s = byRatio.get(row.kRatio());
            csv.append(row.toCsv()).append(',').append(cell(s.ci95Low())).append(',').append(cell(s.ci95High()))
                    .append(',').append(cell(s.pVsBest())).append('\n');
        }
        return csv.toString();
    }

    private static String cell(double v) {
        return Double.isFinite(v) ? Double.toString(v) : "";
    }
}
