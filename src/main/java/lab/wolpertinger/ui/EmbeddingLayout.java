package lab.wolpertinger.ui;

import java.util.Objects;
import lab.wolpertinger.knn.ActionSet;
import lab.wolpertinger.knn.EmbeddedActionSet;
import lab.wolpertinger.knn.PrincipalPlane;

/**
 * Where every item of an action set with d >= 2 sits in the embedding view's plane: the
 * projection (d = 2: the two coordinates themselves; d > 2: the first two principal components)
 * and each item's two plane coordinates, with their bounds. Built once per catalog by
 * {@link #of}, off the FX thread (it reads all N embeddings: about 0.3 s at N = 1,000,000, d = 16);
 * the view then only bins the precomputed coordinates when its size or theme changes.
 *
 * @param actions the action set laid out
 * @param projection how an embedding maps to the plane
 * @param xy plane coordinates, item i at {@code (xy[2i], xy[2i + 1])}
 * @param minX smallest x of the items
 * @param maxX largest x
 * @param minY smallest y
 * @param maxY largest y
 */
public record EmbeddingLayout(ActionSet actions, Projection projection, float[] xy,
                              double minX, double maxX, double minY, double maxY) {

    /** Checks the sizes. */
    public EmbeddingLayout {
        Objects.requireNonNull(actions, "actions");
        Objects.requireNonNull(projection, "projection");
        if (xy.length != 2L * actions.size()) {
            throw new IllegalArgumentException("xy has " + xy.length + " values, expected 2 * " + actions.size());
        }
    }

    /** Lays out {@code set} (d >= 2; any thread, it only reads the set). */
    public static EmbeddingLayout of(ActionSet set) {
        int d = set.dim();
        if (d < 2) {
            throw new IllegalArgumentException("the embedding view needs d >= 2, got d=" + d);
        }
        Projection projection = d == 2 ? new AxisProjection(0, 1) : new PcaProjection(PrincipalPlane.of(set));
        int n = set.size();
        float[] xy = new float[2 * n];
        double[] e = new double[d];
        double[] out = new double[2];
        double minX = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            set.embedding(i, e);
            projection.project(e, out);
            xy[2 * i] = (float) out[0];
            xy[2 * i + 1] = (float) out[1];
            minX = Math.min(minX, out[0]);
            maxX = Math.max(maxX, out[0]);
            minY = Math.min(minY, out[1]);
            maxY = Math.max(maxY, out[1]);
        }
        return new EmbeddingLayout(set, projection, xy, minX, maxX, minY, maxY);
    }

    /** Whether this layout is {@code set}'s: the same set, or an embedded set over the same shared table. */
    public boolean fits(ActionSet set) {
        if (set == actions) {
            return true;
        }
        return set instanceof EmbeddedActionSet a && actions instanceof EmbeddedActionSet b && a.table() == b.table()
                && a.dim() == b.dim();
    }

    /** This layout for {@code set}, which {@link #fits} it (a new agent over the same catalog). */
    public EmbeddingLayout withActions(ActionSet set) {
        return set == actions ? this : new EmbeddingLayout(set, projection, xy, minX, maxX, minY, maxY);
    }
}
