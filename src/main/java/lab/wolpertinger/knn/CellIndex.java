package lab.wolpertinger.knn;

import java.util.Objects;

/**
 * The immutable index of a {@link CellSearch}: the points partitioned into cells by k-means (an
 * inverted file, as FAISS's IVF-Flat), each cell's points stored together in a {@link GemmIndex}
 * so that a cell is one contiguous run of the vector scan's table.
 *
 * <p>How it is built, a pure function of the set (no seed to pass: the same set gives the same
 * cells, as {@link GemmIndex}'s shuffle does):
 * <ul>
 *   <li>{@code cells = clamp(round(4 sqrt(N)), 1, min(N / }{@link #MIN_CELL_SIZE}{@code , }{@link #MAX_CELLS}{@code ))}
 *       (FAISS's rule of thumb for an inverted file: 4,000 cells of 250 points at N = 1M,
 *       1,265 of 79 at N = 100,000);</li>
 *   <li>a uniform training sample of {@link #TRAIN_PER_CELL} points per cell (all of them when N is
 *       smaller); the first {@code cells} of it are the starting centroids;</li>
 *   <li>{@link #ITERATIONS} Lloyd iterations on the sample: every sample point to its nearest
 *       centroid by the exact search ({@link Searches#exact} over the centroids, ties to the lower
 *       cell), each centroid to the mean of its points (an empty cell keeps its centroid);</li>
 *   <li>every point to its nearest centroid, and the points stored cell by cell, in index order
 *       within a cell.</li>
 * </ul>
 * Cost: (ITERATIONS + N / sample) passes of the sample against the centroids, 12-14 s at
 * N = 1,000,000, d = 16 on one core (README, Neighbour search), against minutes for a proximity
 * graph. Memory: the GEMM table in cell order, uncentred (N (4d + 4) bytes off the heap and again
 * on it, the lanes holding the set's own floats), and the centroids twice (double, and lanes).
 */
public final class CellIndex {

    /** Fewest points per cell on average (a cell is one run of the scan, read 16 points at a time). */
    public static final int MIN_CELL_SIZE = 32;
    /** Most cells (so that ordering them costs a query little next to the scan). */
    public static final int MAX_CELLS = 4096;
    /** Training sample points per cell. */
    static final int TRAIN_PER_CELL = 32;
    /** Lloyd iterations on the sample. */
    static final int ITERATIONS = 8;
    /** Seed of the training sample's shuffle (a constant: the index is a pure function of the set). */
    static final long SAMPLE_SEED = 0x63656c6c5f6b6d73L;

    final int n;
    final int d;
    final int cells;
    /** Centroid c's coordinates: centroids[c * d + j]. */
    final double[] centroids;
    /**
     * The centroids in the lanes layout of {@link GemmIndex#lanes}, centred as {@link #rows} is,
     * each followed by its squared norm and padded with NaN norms to a whole number of pairs of
     * groups: a query's centroid products are one {@link VectorScan#productsOne}.
     */
    final float[] centroidLanes;
    /** Cell c's stored positions are [cellStart[c], cellStart[c + 1]). */
    final int[] cellStart;
    /** The points in cell order, with the vector scan's lanes table always built. */
    final GemmIndex rows;
    final EmbeddedActionSet actions;
    final double buildSeconds;

    /**
     * Partitions {@code actions} into cells (an embedded set: its float table is what the cells'
     * lanes hold as they are, so exact distances can be read from them).
     *
     * @throws IllegalArgumentException if a coordinate is NaN
     */
    public CellIndex(EmbeddedActionSet actions) {
        this.actions = Objects.requireNonNull(actions, "actions");
        long t0 = System.nanoTime();
        this.n = actions.size();
        this.d = actions.dim();
        this.cells = (int) Math.max(1, Math.min(Math.min(MAX_CELLS, n / MIN_CELL_SIZE), Math.round(4 * Math.sqrt(n))));
        int[] shuffled = GemmIndex.shuffled(n, SAMPLE_SEED);
        int train = (int) Math.min(n, (long) TRAIN_PER_CELL * cells);
        float[] sample = new float[train * d];
        for (int s = 0; s < train; s++) {
            for (int j = 0; j < d; j++) {
                sample[s * d + j] = (float) actions.coordinate(shuffled[s], j);
            }
        }
        this.centroids = new double[cells * d];
        for (int c = 0; c < cells; c++) {
            for (int j = 0; j < d; j++) {
                centroids[c * d + j] = sample[c * d + j];
            }
        }
        int[] cellOf = new int[train];
        for (int it = 0; it < ITERATIONS && cells > 1; it++) {
            nearestCentroid(sample, train, cellOf);
            double[] sum = new double[cells * d];
            int[] count = new int[cells];
            for (int s = 0; s < train; s++) {
                int c = cellOf[s];
                count[c]++;
                for (int j = 0; j < d; j++) {
                    sum[c * d + j] += sample[s * d + j];
                }
            }
            for (int c = 0; c < cells; c++) {
                if (count[c] > 0) {
                    for (int j = 0; j < d; j++) {
                        centroids[c * d + j] = sum[c * d + j] / count[c];
                    }
                }
            }
        }
        int[] cellOfPoint = new int[n];
        if (cells > 1) {
            nearestCentroid(actions.table(), n, cellOfPoint);
        }
        // counting sort by cell, stable: index order within a cell
        cellStart = new int[cells + 1];
        for (int c : cellOfPoint) {
            cellStart[c + 1]++;
        }
        for (int c = 0; c < cells; c++) {
            cellStart[c + 1] += cellStart[c];
        }
        int[] order = new int[n];
        int[] next = cellStart.clone();
        for (int i = 0; i < n; i++) {
            order[next[cellOfPoint[i]]++] = i;
        }
        this.rows = new GemmIndex(actions, true, order);
        int g = VectorScan.GROUP;
        int width = d + 1;
        int padded = (cells + 2 * g - 1) / (2 * g) * 2 * g;
        this.centroidLanes = new float[padded * width];
        for (int c = 0; c < padded; c++) {
            int base = c / g * width * g + c % g;
            double norm = 0.0;
            for (int j = 0; j < d && c < cells; j++) {
                float f = (float) (centroids[c * d + j] - rows.centre[j]);
                centroidLanes[base + j * g] = f;
                norm += (double) f * f;
            }
            centroidLanes[base + d * g] = c < cells ? (float) norm : Float.NaN;
        }
        this.buildSeconds = (System.nanoTime() - t0) / 1e9;
    }

    /** out[i] = the cell whose centroid is nearest to point i of the row-major {@code points}. */
    private void nearestCentroid(float[] points, int count, int[] out) {
        float[] table = new float[cells * d];
        for (int i = 0; i < table.length; i++) {
            table[i] = (float) centroids[i];
        }
        NeighbourSearch search = Searches.exact(new EmbeddedActionSet(cells, d, table));
        search.nearestBatch(points, count, 1, out);
    }

    /** Number of points N. */
    public int size() {
        return n;
    }

    /** Dimension d. */
    public int dim() {
        return d;
    }

    /** Number of cells. */
    public int cells() {
        return cells;
    }

    /** Points in cell c. */
    public int cellSize(int c) {
        return cellStart[c + 1] - cellStart[c];
    }

    /** Wall time the cells took to build, in seconds (for the bench). */
    public double buildSeconds() {
        return buildSeconds;
    }
}
