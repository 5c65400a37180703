package lab.wolpertinger.knn;

import java.util.Objects;

/**
 * n discrete env actions (0 .. n-1) embedded as n evenly spaced points in [-1, 1] (d = 1), the
 * same spacing as one axis of a {@link GridActionSet}. CartPole's two actions sit at -1 and +1.
 */
public final class DiscreteActionSet implements ActionSet {

    private final UniformAxis axis;

    /** @param n number of actions, >= 1 */
    public DiscreteActionSet(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be >= 1, got " + n);
        }
        this.axis = new UniformAxis(n);
    }

    @Override
    public int size() {
        return axis.points();
    }

    @Override
    public int dim() {
        return 1;
    }

    UniformAxis axis() {
        return axis;
    }

    @Override
    public double coordinate(int index, int j) {
        Objects.checkIndex(index, axis.points());
        Objects.checkIndex(j, 1);
        return axis.coordinate(index);
    }

    /** The action number itself: {@code {index}}. */
    @Override
    public double[] envAction(int index) {
        Objects.checkIndex(index, axis.points());
        return new double[] {index};
    }

    /** A new exact {@link GridSearch} over these points (not thread-safe: one per thread). */
    @Override
    public NeighbourSearch search() {
        return new GridSearch(this);
    }

    @Override
    public String toString() {
        return "DiscreteActionSet[n=" + axis.points() + "]";
    }
}
