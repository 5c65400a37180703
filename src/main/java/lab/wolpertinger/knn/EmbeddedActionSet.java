package lab.wolpertinger.knn;

import java.util.Objects;

/**
 * N discrete actions at arbitrary points of [-1, 1]^d (a catalog's item embeddings), read from a
 * shared float32 table {@code table[i * d + j]}. Nothing is copied: the table is the env's, and
 * nobody writes it after it is built.
 *
 * <p>The env receives the action index itself, {@code {index}}.
 */
public final class EmbeddedActionSet implements ActionSet {

    private final int n;
    private final int d;
    private final float[] table;
    // indexes, built on first use and shared by every search over this set
    private KdTree kdTree;
    private GemmIndex gemmIndex;
    private CellIndex cellIndex;

    /**
     * @param n number of actions, >= 1
     * @param d embedding dimension, >= 1
     * @param table n * d coordinates, row-major
     * @throws IllegalArgumentException if the sizes disagree
     */
    public EmbeddedActionSet(int n, int d, float[] table) {
        Objects.requireNonNull(table, "table");
        if (n < 1 || d < 1) {
            throw new IllegalArgumentException("an embedded action set needs n >= 1 and d >= 1, got n=" + n + ", d=" + d);
        }
        if ((long) n * d != table.length) {
            throw new IllegalArgumentException("table has " + table.length + " values, expected n * d = " + ((long) n * d));
        }
        this.n = n;
        this.d = d;
        this.table = table;
    }

    @Override
    public int size() {
        return n;
    }

    @Override
    public int dim() {
        return d;
    }

    @Override
    public double coordinate(int index, int j) {
        return table[index * d + j];
    }

    @Override
    public void embedding(int index, double[] out) {
        int base = index * d;
        for (int j = 0; j < d; j++) {
            out[j] = table[base + j];
        }
    }

    /** The shared row-major table (read only). */
    public float[] table() {
        return table;
    }

    /** The action number itself: {@code {index}}. */
    @Override
    public double[] envAction(int index) {
        Objects.checkIndex(index, n);
        return new double[] {index};
    }

    /**
     * A new exact search over these points, the fastest for d ({@link Searches#exact}); the
     * index is built once and shared. Not thread-safe: one per thread.
     */
    @Override
    public NeighbourSearch search() {
        return Searches.exact(this);
    }

    /** The kd-tree over these points, built on first call (thread-safe). */
    public synchronized KdTree kdTree() {
        if (kdTree == null) {
            kdTree = new KdTree(this);
        }
        return kdTree;
    }

    /** The GEMM brute force's table, built on first call (thread-safe). */
    public synchronized GemmIndex gemmIndex() {
        if (gemmIndex == null) {
            gemmIndex = new GemmIndex(this);
        }
        return gemmIndex;
    }

    /** The approximate search's cells, built on first call (thread-safe; about 12 s at N = 1M, d = 16). */
    public synchronized CellIndex cellIndex() {
        if (cellIndex == null) {
            cellIndex = new CellIndex(this);
        }
        return cellIndex;
    }

    @Override
    public String toString() {
        return "EmbeddedActionSet[n=" + n + ", d=" + d + "]";
    }
}
