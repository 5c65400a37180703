package lab.wolpertinger.knn;

import java.util.Locale;
import java.util.Objects;

/**
 * The one place a neighbour search is chosen: {@code exact} or {@code approx} (the config key
 * {@code search}, the CLI's {@code --search}). Indexes are shared: an {@link EmbeddedActionSet}
 * builds each of its indexes once (kd-tree, GEMM table, cells) and every search made here over it
 * (the acting and the target policy, the lab's view) holds only per-query scratch.
 *
 * <p>Exact: a kd-tree up to d = {@link #KD_TREE_MAX_DIM}, the blocked BLAS brute force above
 * (the crossover measured at N = 100,000, k = 1,000, batches of 64: README, Neighbour search).
 * Approximate: an inverted file of k-means cells ({@link CellSearch}) for embedded sets; grids and discrete sets keep their exact
 * O(log N)-style searches, which an approximation could not beat.
 */
public final class Searches {

    /** Search name: exact k nearest. */
    public static final String EXACT = "exact";
    /** Search name: approximate k nearest (the nearest k-means cells scanned, exact ranking there). */
    public static final String APPROX = "approx";
    /** Largest d for which the exact search is the kd-tree. */
    public static final int KD_TREE_MAX_DIM = 4;

    private Searches() {
    }

    /**
     * A new search over {@code actions} of the given kind (not thread-safe: one per thread).
     *
     * @throws IllegalArgumentException naming the kind if it is neither {@code exact} nor {@code approx}
     */
    public static NeighbourSearch of(ActionSet actions, String search) {
        Objects.requireNonNull(actions, "actions");
        String kind = search == null ? EXACT : search.toLowerCase(Locale.ROOT);
        return switch (kind) {
            case EXACT -> exact(actions);
            case APPROX -> approx(actions, CellSearch.DEFAULT_PROBE);
            default -> throw new IllegalArgumentException("search must be 'exact' or 'approx', got '" + search + "'");
        };
    }

    /** The fastest exact search for {@code actions} (its own for grids and discrete sets). */
    public static NeighbourSearch exact(ActionSet actions) {
        if (actions instanceof EmbeddedActionSet embedded) {
            return embedded.dim() <= KD_TREE_MAX_DIM ? new KdTreeSearch(embedded.kdTree()) : new GemmSearch(embedded.gemmIndex());
        }
        return actions.search();
    }

    /** The approximate search scanning about {@code probe} k points (exact for sets that are not embedded). */
    public static NeighbourSearch approx(ActionSet actions, int probe) {
        if (actions instanceof EmbeddedActionSet embedded) {
            return new CellSearch(embedded.cellIndex(), probe);
        }
        return actions.search();
    }
}
