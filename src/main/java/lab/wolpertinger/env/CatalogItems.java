package lab.wolpertinger.env;

import java.lang.ref.SoftReference;
import java.util.LinkedHashMap;
import java.util.Map;
import lab.wolpertinger.random.SplitMix64;

/**
 * The items of a {@link Catalog}: embeddings and hidden qualities, built deterministically from
 * (n, d, catalogSeed) and never written afterwards, so envs, action sets and threads share one
 * copy. Memory: n * (d + 1) float32 values (68 MB at n = 1,000,000, d = 16), within the
 * 2 * n * d * 4 bytes the catalog may hold.
 *
 * <h2>How the items are made</h2>
 * <ul>
 *   <li>{@code clusters = clamp(n / 1000, 1, 256)} topic centres, each coordinate ~ U[-0.6, 0.6],
 *       over the first {@code d - 1} ("topic") coordinates;</li>
 *   <li>item i belongs to a uniformly drawn cluster c and sits at
 *       {@code clip(centre_c + 0.25 z, -1, 1)} on the topic coordinates (z standard normal);</li>
 *   <li>a hidden quality {@code quality_i ~ N(0, 1)};</li>
 *   <li>its public signal, the last coordinate:
 *       {@code clip(0.05 (0.9 quality_i + sqrt(1 - 0.9^2) z'), -1, 1)}, a noisy and small view of
 *       the quality. Small on purpose: it moves an item's distance to a proto-action by little, so
 *       the item nearest to a good proto-action has an ordinary quality, and only a critic that
 *       reads the signal among several neighbours finds the good ones.</li>
 * </ul>
 * Draw order: the centres (cluster-major), then per item: cluster, topic coordinates, quality, signal noise.
 */
public final class CatalogItems {

    /** Cluster centres lie in [-CENTRE_SPREAD, CENTRE_SPREAD] on each topic coordinate. */
    static final double CENTRE_SPREAD = 0.6;
    /** Standard deviation of an item around its centre, per topic coordinate. */
    static final double ITEM_SPREAD = 0.25;
    /** Scale of the public quality signal (last coordinate). */
    static final double SIGNAL_SCALE = 0.05;
    /** Correlation of the public signal with the hidden quality. */
    static final double SIGNAL_CORRELATION = 0.9;

    private static final Map<Key, SoftReference<CatalogItems>> CACHE = new LinkedHashMap<>();

    private final int n;
    private final int d;
    private final long seed;
    private final float[] embedding;
    private final float[] quality;
    private final float[] centres;
    private final int clusters;

    private record Key(int n, int d, long seed) {
    }

    private CatalogItems(int n, int d, long seed) {
        this.n = n;
        this.d = d;
        this.seed = seed;
        int topics = d - 1;
        this.clusters = Math.max(1, Math.min(256, n / 1000));
        SplitMix64 rng = new SplitMix64(seed);
        centres = new float[clusters * topics];
        for (int i = 0; i < centres.length; i++) {
            centres[i] = (float) (CENTRE_SPREAD * (2 * rng.nextDouble() - 1));
        }
        embedding = new float[n * d];
        quality = new float[n];
        double noise = Math.sqrt(1 - SIGNAL_CORRELATION * SIGNAL_CORRELATION);
        for (int i = 0; i < n; i++) {
            int c = rng.nextInt(clusters);
            int row = i * d;
            for (int j = 0; j < topics; j++) {
                embedding[row + j] = (float) clip(centres[c * topics + j] + ITEM_SPREAD * rng.nextGaussian());
            }
            double q = rng.nextGaussian();
            quality[i] = (float) q;
            embedding[row + topics] = (float) clip(SIGNAL_SCALE * (SIGNAL_CORRELATION * q + noise * rng.nextGaussian()));
        }
    }

    /**
     * The items for (n, d, seed): built on first use, then shared while anyone holds them
     * (a soft cache, so a 1M-item catalog is built once per process, not once per env).
     *
     * @throws IllegalArgumentException if n or d is out of the catalog's range
     */
    public static CatalogItems of(int n, int d, long seed) {
        if (n < 1 || n > Catalog.MAX_ITEMS) {
            throw new IllegalArgumentException("Catalog-v0 takes 1 to 1,000,000 items (maxActions), got " + n);
        }
        if (d < Catalog.MIN_DIM || d > Catalog.MAX_DIM) {
            throw new IllegalArgumentException("Catalog-v0 embeddings have actionDim 2 to 64, got " + d);
        }
        Key key = new Key(n, d, seed);
        synchronized (CACHE) {
            SoftReference<CatalogItems> ref = CACHE.get(key);
            CatalogItems items = ref == null ? null : ref.get();
            if (items == null) {
                items = new CatalogItems(n, d, seed);
                CACHE.values().removeIf(r -> r.get() == null);
                CACHE.put(key, new SoftReference<>(items));
            }
            return items;
        }
    }

    private static double clip(double v) {
        return Math.max(-1.0, Math.min(1.0, v));
    }

    /** Number of items n. */
    public int size() {
        return n;
    }

    /** Embedding dimension d (d - 1 topic coordinates and the quality signal). */
    public int dim() {
        return d;
    }

    /** The seed the items were built from. */
    public long seed() {
        return seed;
    }

    /** The shared row-major n x d embedding table (read only). */
    public float[] embeddings() {
        return embedding;
    }

    /** Item i's hidden quality (what the signal coordinate shows noisily). */
    public double quality(int i) {
        return quality[i];
    }

    /** Number of topic clusters. */
    public int clusters() {
        return clusters;
    }

    /** Topic coordinate j of cluster c's centre. */
    public double centre(int c, int j) {
        return centres[c * (d - 1) + j];
    }
}
