package lab.wolpertinger.ui;

/**
 * Maps an action embedding in [-1, 1]^d to the two view coordinates of the action-space plane.
 * For d = 2 the identity; for d > 2 any projection (two axes, PCA, a random plane) can be
 * plugged in without touching the drawing code.
 */
public interface Projection {

    /** Writes the view coordinates of {@code embedding} into {@code out[0]} (x) and {@code out[1]} (y). */
    void project(double[] embedding, double[] out);

    /** The name of view axis 0 (x) or 1 (y), e.g. {@code "a[0]"}. */
    String axisLabel(int axis);
}
