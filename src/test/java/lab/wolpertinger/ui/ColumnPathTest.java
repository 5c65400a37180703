package lab.wolpertinger.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The curves' column-decimated polyline: bounded size, every column's extremes kept, gaps kept. */
class ColumnPathTest {

    /** Records the path: {x, y, 1 for moveTo / 0 for lineTo}. */
    private static final class Record implements ColumnPath.Sink {
        final List<double[]> points = new ArrayList<>();

        @Override
        public void moveTo(double x, double y) {
            points.add(new double[] {x, y, 1});
        }

        @Override
        public void lineTo(double x, double y) {
            points.add(new double[] {x, y, 0});
        }
    }

    @Test
    void aLongNoisySeriesBecomesAtMostTwoPointsPerColumnWithEveryColumnsExtremes() {
        Record r = new Record();
        ColumnPath path = new ColumnPath(r);
        SplittableRandom rng = new SplittableRandom(3);
        int n = 4_000;
        double width = 300;
        double[] lo = new double[300];
        double[] hi = new double[300];
        java.util.Arrays.fill(lo, Double.POSITIVE_INFINITY);
        java.util.Arrays.fill(hi, Double.NEGATIVE_INFINITY);
        for (int i = 0; i < n; i++) {
            double x = 10 + i * width / n;
            double y = 100 + 50 * rng.nextGaussian();
            path.add(x, y);
            int c = (int) Math.floor(x) - 10;
            lo[c] = Math.min(lo[c], y);
            hi[c] = Math.max(hi[c], y);
        }
        path.finish();
        assertTrue(r.points.size() <= 2 * 300, "points: " + r.points.size());
        assertEquals(r.points.size(), path.commands());
        assertEquals(1, r.points.get(0)[2], 0.0, "starts with a moveTo");
        for (int c = 0; c < 300; c++) {
            int col = c;
            double min = r.points.stream().filter(p -> (int) Math.floor(p[0]) - 10 == col).mapToDouble(p -> p[1]).min().orElseThrow();
            double max = r.points.stream().filter(p -> (int) Math.floor(p[0]) - 10 == col).mapToDouble(p -> p[1]).max().orElseThrow();
            assertEquals(lo[c], min, 0.0, "column " + c);
            assertEquals(hi[c], max, 0.0, "column " + c);
        }
    }

    @Test
    void aGapStartsANewPieceAndFewPointsPassUnchanged() {
        Record r = new Record();
        ColumnPath path = new ColumnPath(r);
        path.add(0.5, 1);
        path.add(5.5, 2);
        path.breakLine();
        path.add(9.5, 3);
        path.add(12.5, 4);
        path.finish();
        assertEquals(4, r.points.size());
        assertEquals(List.of(1.0, 0.0, 1.0, 0.0), r.points.stream().map(p -> p[2]).toList());
        assertEquals(List.of(1.0, 2.0, 3.0, 4.0), r.points.stream().map(p -> p[1]).toList());
    }
}
