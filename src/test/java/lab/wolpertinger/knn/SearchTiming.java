package lab.wolpertinger.knn;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import lab.wolpertinger.env.CatalogItems;

/**
 * Not a test: a measurement main for the exact searches on Catalog-v0 items. Every search runs
 * the same queries, alternating search by search in each round (so load from other processes
 * hits all of them alike), and the medians are printed per case. Also checks that every search
 * returned the same indices as the first one.
 *
 * <p>Run: {@code java -cp target/classes:target/test-classes:<deps> lab.wolpertinger.knn.SearchTiming [n] [rounds]}
 * with {@code OMP_NUM_THREADS=1}. {@code -Dcases=64x1000,1x1000} picks (queries, k) cases;
 * {@code -Dbaseline=some.Search} adds a search class with an (ActionSet) constructor (an older
 * version compiled apart) to compare against in the same process.
 */
public final class SearchTiming {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private SearchTiming() {
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 21;
        int d = 16;
        CatalogItems items = CatalogItems.of(n, d, 0);
        EmbeddedActionSet set = new EmbeddedActionSet(n, d, items.embeddings());
        float[] queries = actorLikeQueries(set, 64 * rounds, new Random(11));
        Map<String, Function<EmbeddedActionSet, NeighbourSearch>> kinds = new LinkedHashMap<>();
        kinds.put("gemm", s -> new GemmSearch(s.gemmIndex()));
        for (String extra : System.getProperty("baseline", "").split(",")) {
            if (!extra.isEmpty()) {
                kinds.put(extra.substring(extra.lastIndexOf('.') + 1), s -> construct(extra, s));
            }
        }
        List<String> names = new ArrayList<>(kinds.keySet());
        List<NeighbourSearch> searches = new ArrayList<>();
        for (String name : names) {
            long t0 = System.nanoTime();
            searches.add(kinds.get(name).apply(set));
            System.out.printf("build %-16s %8.1f ms%n", name, (System.nanoTime() - t0) / 1e6);
        }
        for (String c : System.getProperty("cases", "64x1000,64x10000,1x1000").split(",")) {
            int count = Integer.parseInt(c.split("x")[0]);
            int k = Integer.parseInt(c.split("x")[1]);
            double[][] ms = new double[names.size()][rounds];
            double[][] cpu = new double[names.size()][rounds];
            int[][] out = new int[names.size()][count * k];
            double[] q = new double[d];
            for (int warm = 0; warm < 3; warm++) {
                for (int s = 0; s < searches.size(); s++) {
                    run(searches.get(s), queries, warm, count, k, out[s], q);
                }
            }
            for (int r = 0; r < rounds; r++) {
                for (int s = 0; s < searches.size(); s++) {
                    long c0 = THREADS.getCurrentThreadCpuTime();
                    long t0 = System.nanoTime();
                    run(searches.get(s), queries, r, count, k, out[s], q);
                    ms[s][r] = (System.nanoTime() - t0) / 1e6;
                    cpu[s][r] = (THREADS.getCurrentThreadCpuTime() - c0) / 1e6;
                    if (s > 0 && !Arrays.equals(out[0], out[s])) {
                        throw new AssertionError(names.get(s) + " differs from " + names.get(0) + " count=" + count + " k=" + k);
                    }
                }
            }
            for (int s = 0; s < searches.size(); s++) {
                double[] m = ms[s].clone();
                double[] c2 = cpu[s].clone();
                Arrays.sort(m);
                Arrays.sort(c2);
                System.out.printf("n=%d %-16s count=%2d k=%5d  wall median %7.2f ms (p25 %7.2f, p75 %7.2f)  cpu median %7.2f ms%n",
                        n, names.get(s), count, k, m[rounds / 2], m[rounds / 4], m[3 * rounds / 4], c2[rounds / 2]);
            }
        }
    }

    /** A search of class {@code name} with an (ActionSet) constructor, e.g. an old version compiled apart. */
    private static NeighbourSearch construct(String name, EmbeddedActionSet set) {
        try {
            return (NeighbourSearch) Class.forName(name).getConstructor(ActionSet.class).newInstance(set);
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("cannot construct baseline search " + name + ": " + e, e);
        }
    }

    private static void run(NeighbourSearch search, float[] queries, int round, int count, int k, int[] out, double[] q) {
        int d = search.dim();
        if (count == 1) {
            for (int j = 0; j < d; j++) {
                q[j] = queries[round * 64 * d + j];
            }
            search.nearest(q, k, out);
        } else {
            search.nearestBatch(Arrays.copyOfRange(queries, round * 64 * d, (round * 64 + count) * d), count, k, out);
        }
    }

    /** An item's embedding + 0.05 N(0, 1) noise, the signal coordinate pushed toward 1, inside (-1, 1). */
    static float[] actorLikeQueries(EmbeddedActionSet set, int count, Random rnd) {
        int d = set.dim();
        float[] q = new float[count * d];
        for (int r = 0; r < count; r++) {
            int item = rnd.nextInt(set.size());
            for (int j = 0; j < d; j++) {
                double v = set.table()[item * d + j] + 0.05 * rnd.nextGaussian();
                if (j == d - 1) {
                    v = 0.7 + 0.25 * rnd.nextDouble();
                }
                q[r * d + j] = (float) Math.max(-0.999, Math.min(0.999, v));
            }
        }
        return q;
    }
}
