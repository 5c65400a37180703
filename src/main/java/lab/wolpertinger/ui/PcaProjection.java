package lab.wolpertinger.ui;

import java.util.Locale;
import lab.wolpertinger.knn.PrincipalPlane;

/**
 * A {@link Projection} onto the first two principal components of a catalog; the axes are
 * labelled with their share of the variance, as in the TensorBoard Embedding Projector.
 *
 * @param plane the principal plane (computed off the FX thread)
 */
public record PcaProjection(PrincipalPlane plane) implements Projection {

    @Override
    public void project(double[] embedding, double[] out) {
        plane.project(embedding, out);
    }

    /** {@code "PC1 (23.4 % of variance)"} or {@code "PC2 (…)"}. */
    @Override
    public String axisLabel(int axis) {
        double share = axis == 0 ? plane.explained1() : plane.explained2();
        return String.format(Locale.ROOT, "PC%d (%.1f %% of variance)", axis + 1, 100 * share);
    }
}
