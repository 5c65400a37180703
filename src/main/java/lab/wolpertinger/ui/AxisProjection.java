package lab.wolpertinger.ui;

/**
 * The simplest {@link Projection}: two of the embedding's axes (for d = 2, the plane itself).
 *
 * @param xAxis embedding axis shown horizontally
 * @param yAxis embedding axis shown vertically
 */
public record AxisProjection(int xAxis, int yAxis) implements Projection {

    /** Validates the axes. */
    public AxisProjection {
        if (xAxis < 0 || yAxis < 0 || xAxis == yAxis) {
            throw new IllegalArgumentException("need two different axes >= 0, got " + xAxis + " and " + yAxis);
        }
    }

    @Override
    public void project(double[] embedding, double[] out) {
        out[0] = embedding[xAxis];
        out[1] = embedding[yAxis];
    }

    @Override
    public String axisLabel(int axis) {
        return "a[" + (axis == 0 ? xAxis : yAxis) + "]";
    }
}
