package lab.wolpertinger.knn;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Seeded query points that stress exactness: random inside and outside the cube, exactly on
 * action points, exactly halfway between neighbouring points (ties), mixtures per axis, and far
 * away (where distances round together or overflow to infinity, so everything ties).
 */
final class QuerySamples {

    private static final double[] FAR = {
        1e3, -1e8, 1e17, -1e200, Double.MAX_VALUE, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY
    };

    private QuerySamples() {
    }

    /** Queries for a uniform grid of m points per axis in d dimensions. */
    static List<double[]> forGrid(int m, int d, long seed, int perKind) {
        Random rnd = new Random(seed);
        UniformAxis axis = new UniformAxis(m);
        List<double[]> queries = new ArrayList<>();
        queries.add(filled(d, 0.0));
        queries.add(filled(d, 1.0));
        queries.add(filled(d, -1.0));
        for (double far : FAR) {
            queries.add(filled(d, far));
            double[] mixed = uniform(rnd, d, 1.0);
            mixed[rnd.nextInt(d)] = far;
            queries.add(mixed);
        }
        for (int s = 0; s < perKind; s++) {
            queries.add(uniform(rnd, d, 1.0));
            queries.add(uniform(rnd, d, 3.0));
            double[] onGrid = new double[d];
            double[] halfway = new double[d];
            double[] mixed = new double[d];
            for (int j = 0; j < d; j++) {
                onGrid[j] = axis.coordinate(rnd.nextInt(m));
                halfway[j] = midpoint(axis, rnd);
                switch (rnd.nextInt(4)) {
                    case 0 -> mixed[j] = axis.coordinate(rnd.nextInt(m));
                    case 1 -> mixed[j] = midpoint(axis, rnd);
                    case 2 -> mixed[j] = rnd.nextDouble() * 2.0 - 1.0;
                    default -> mixed[j] = rnd.nextBoolean() ? 1.5 : -1.25;
                }
            }
            queries.add(onGrid);
            queries.add(halfway);
            queries.add(mixed);
        }
        return queries;
    }

    /** Queries for an arbitrary point set: its points, midpoints of pairs, random, far. */
    static List<double[]> forPoints(ActionSet set, long seed, int perKind) {
        Random rnd = new Random(seed);
        int d = set.dim();
        int n = set.size();
        List<double[]> queries = new ArrayList<>();
        queries.add(filled(d, 0.0));
        for (double far : FAR) {
            queries.add(filled(d, far));
        }
        for (int s = 0; s < perKind; s++) {
            double[] a = new double[d];
            double[] b = new double[d];
            set.embedding(rnd.nextInt(n), a);
            set.embedding(rnd.nextInt(n), b);
            double[] mid = new double[d];
            for (int j = 0; j < d; j++) {
                mid[j] = (a[j] + b[j]) * 0.5;
            }
            queries.add(a);
            queries.add(mid);
            queries.add(uniform(rnd, d, 1.0));
            queries.add(uniform(rnd, d, 2.0));
        }
        return queries;
    }

    /** Halfway between two neighbouring grid positions (exactly, when m - 1 is a power of two). */
    private static double midpoint(UniformAxis axis, Random rnd) {
        int m = axis.points();
        if (m == 1) {
            return 0.5;
        }
        int t = rnd.nextInt(m - 1);
        return (axis.coordinate(t) + axis.coordinate(t + 1)) * 0.5;
    }

    private static double[] filled(int d, double v) {
        double[] q = new double[d];
        java.util.Arrays.fill(q, v);
        return q;
    }

    private static double[] uniform(Random rnd, int d, double halfWidth) {
        double[] q = new double[d];
        for (int j = 0; j < d; j++) {
            q[j] = (rnd.nextDouble() * 2.0 - 1.0) * halfWidth;
        }
        return q;
    }

    /** k values worth checking for N actions: 1, 2, 3, a few inside, N - 1, N (deduplicated). */
    static int[] kValues(int n, Random rnd) {
        return java.util.stream.IntStream
                .of(1, 2, 3, n / 2, n - 1, n, 1 + rnd.nextInt(n), 1 + rnd.nextInt(n))
                .filter(k -> k >= 1 && k <= n)
                .distinct()
                .toArray();
    }
}
