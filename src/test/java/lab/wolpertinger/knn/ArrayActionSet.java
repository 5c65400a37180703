package lab.wolpertinger.knn;

/** A test action set with explicit coordinates, for embeddings that are not grids. */
final class ArrayActionSet implements ActionSet {

    private final double[][] points;
    private final int d;

    ArrayActionSet(double[][] points) {
        this.points = points;
        this.d = points[0].length;
    }

    @Override
    public int size() {
        return points.length;
    }

    @Override
    public int dim() {
        return d;
    }

    @Override
    public double coordinate(int index, int j) {
        return points[index][j];
    }

    @Override
    public double[] envAction(int index) {
        return points[index].clone();
    }

    @Override
    public NeighbourSearch search() {
        return new KdTreeSearch(this);
    }

    @Override
    public String toString() {
        return "ArrayActionSet[N=" + points.length + ", d=" + d + "]";
    }
}
