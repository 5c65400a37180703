package lab.wolpertinger.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The sweep's statistics columns against a computation by hand: 3 seeds x 2 k ratios, a diverged trial, one seed. */
class SweepStatsTest {

    private static SweepTrial ok(double kRatio, int k, long seed, double ret) {
        return new SweepTrial(kRatio, k, seed, 20000, ret, 5.0, 300.0, 10.0, 60.0);
    }

    private static final List<SweepTrial> ROWS = List.of(
            ok(0.001, 200, 0, -150), ok(0.001, 200, 1, -160), ok(0.001, 200, 2, -170), // mean -160, sd 10
            ok(0.01, 2000, 0, -180), ok(0.01, 2000, 1, -190), ok(0.01, 2000, 2, -200), // mean -190, sd 10
            new SweepTrial(0.01, 2000, 3, 65, Double.NaN, Double.NaN, 300.0, Double.NaN, 1.0, SweepTrial.DIVERGED),
            ok(0.1, 20000, 0, -300)); // one seed

    /** t(0.975, 2) in closed form: for 2 degrees of freedom F(t) = 1/2 + t / (2 sqrt(2 + t^2)); solve F = 0.975. */
    private static final double T975_DF2 = Math.sqrt(2 * 0.95 * 0.95 / (1 - 0.95 * 0.95)); // 4.302652729749464

    @Test
    void theQuantileIsStudentsT() {
        assertEquals(4.302652729749464, T975_DF2, 1e-12);
        assertEquals(T975_DF2, SweepStats.tQuantile975(2), 1e-9);
        assertEquals(12.706204736174696, SweepStats.tQuantile975(1), 1e-8); // tan(0.475 pi) for 1 degree of freedom
        assertEquals(12.706204736174696, Math.tan(0.475 * Math.PI), 1e-9);
    }

    @Test
    void meanSdIntervalAndWelchPByHand() {
        List<SweepStats> stats = SweepStats.of(ROWS);
        assertEquals(List.of(0.001, 0.01, 0.1), stats.stream().map(SweepStats::kRatio).toList());
        double half = T975_DF2 * 10 / Math.sqrt(3); // t(0.975, n - 1) sd / sqrt(n) = 24.8414...

        SweepStats best = stats.get(0);
        assertEquals(3, best.n());
        assertEquals(-160, best.mean(), 1e-12);
        assertEquals(10, best.sd(), 1e-12);
        assertEquals(-160 - half, best.ci95Low(), 1e-9);
        assertEquals(-160 + half, best.ci95High(), 1e-9);
        assertEquals(1.0, best.pVsBest(), "the best k ratio against itself: t = 0");

        SweepStats other = stats.get(1);
        assertEquals(3, other.n(), "the diverged trial is left out");
        assertEquals(-190, other.mean(), 1e-12);
        assertEquals(10, other.sd(), 1e-12);
        assertEquals(-190 - half, other.ci95Low(), 1e-9);
        assertEquals(-190 + half, other.ci95High(), 1e-9);
        // Welch: t = (-190 - -160) / sqrt(10^2/3 + 10^2/3) = -30 / sqrt(200/3), t^2 = 13.5;
        // df = (200/3)^2 / ((100/3)^2/2 + (100/3)^2/2) = 4 exactly. For 4 degrees of freedom
        // F(t) = 1/2 + (3u - u^3)/4 with u = t / sqrt(4 + t^2), so the two-sided p = 1 - (3u - u^3)/2.
        double u = Math.sqrt(13.5 / (4 + 13.5));
        double p = 1 - (3 * u - u * u * u) / 2; // 0.021311...
        assertEquals(0.0213, p, 1e-4);
        assertEquals(p, other.pVsBest(), 1e-9);

        SweepStats single = stats.get(2);
        assertEquals(1, single.n());
        assertEquals(-300, single.mean(), 0.0);
        assertTrue(Double.isNaN(single.sd()) && Double.isNaN(single.ci95Low()) && Double.isNaN(single.ci95High())
                && Double.isNaN(single.pVsBest()), "one seed: no spread, no interval, no test");
    }

    @Test
    void theCsvColumnsCarryEachRowsKRatio() {
        List<String> lines = SweepStats.csv(ROWS).lines().toList();
        assertEquals("k_ratio,k,seed,steps,eval_mean_return,eval_std,train_steps_per_s,select_median_us,wall_s,status,"
                + "ci95_low,ci95_high,p_vs_best", lines.get(0));
        assertEquals(ROWS.size() + 1, lines.size());
        double half = T975_DF2 * 10 / Math.sqrt(3);
        double u = Math.sqrt(13.5 / 17.5);
        double p = 1 - (3 * u - u * u * u) / 2;
        for (int i = 1; i <= 3; i++) {
            String[] c = lines.get(i).split(",", -1);
            assertEquals(13, c.length);
            assertEquals(-160 - half, Double.parseDouble(c[10]), 1e-9);
            assertEquals(-160 + half, Double.parseDouble(c[11]), 1e-9);
            assertEquals("1.0", c[12]);
        }
        for (int i = 4; i <= 6; i++) {
            String[] c = lines.get(i).split(",", -1);
            assertEquals(-190 - half, Double.parseDouble(c[10]), 1e-9);
            assertEquals(-190 + half, Double.parseDouble(c[11]), 1e-9);
            assertEquals(p, Double.parseDouble(c[12]), 1e-9);
        }
        assertTrue(lines.get(7).startsWith("0.01,2000,3,65,,,300.0,,1.0,diverged,"), "a diverged row keeps its k ratio's values");
        assertTrue(lines.get(8).endsWith(",ok,,,"), lines.get(8));
        for (int i = 1; i < lines.size(); i++) {
            assertEquals(ROWS.get(i - 1), SweepTrial.parseCsv(lines.get(i)), "rows parse back");
        }
    }

    @Test
    void equalMeansAndNoSpreadAreHandled() {
        List<SweepStats> flat = SweepStats.of(List.of(ok(0.1, 20, 0, -5), ok(0.1, 20, 1, -5),
                ok(0.2, 40, 0, -5), ok(0.2, 40, 1, -5)));
        assertEquals(0.1, flat.get(0).kRatio());
        assertEquals(1.0, flat.get(0).pVsBest(), "a tie: the smaller k ratio is the best");
        assertEquals(-5, flat.get(0).ci95Low(), 0.0);
        assertTrue(Double.isNaN(flat.get(1).pVsBest()), "no spread in either sample: Welch's t is undefined");
        assertTrue(SweepStats.of(List.of(new SweepTrial(0.1, 20, 0, 5, Double.NaN, Double.NaN, 1, Double.NaN, 1,
                SweepTrial.DIVERGED))).get(0).mean() != 0, "all diverged: no mean (NaN)");
    }
}
