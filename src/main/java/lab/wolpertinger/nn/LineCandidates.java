package lab.wolpertinger.nn;

/**
 * Scalar candidate actions at positions 0..count-1 for {@link LineArgmax}, with coordinates that
 * never decrease with the position, and the tie-break order among them (for the Wolpertinger
 * step: nearest to the proto-action first, then lower action index).
 */
public interface LineCandidates {

    /** Number of candidates, at least 1. */
    int count();

    /** The candidate's action as the critic sees it; finite and non-decreasing in {@code p}. */
    float coordinate(int p);

    /** True when candidate p comes strictly before candidate r in the tie-break order. */
    boolean precedes(int p, int r);

    /** The candidate of {@code [s, e]} (s <= e) that comes first in the tie-break order. */
    int first(int s, int e);
}
