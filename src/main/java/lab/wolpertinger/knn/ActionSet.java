package lab.wolpertinger.knn;

/**
 * N discrete actions embedded as points in [-1, 1]^d, each mapped to the raw action the env
 * receives. The embedding is what the actor's proto-action lives in and what the critic scores;
 * the raw action is what {@code Env.step} gets.
 */
public interface ActionSet {

    /** Number of actions N. */
    int size();

    /** Embedding dimension d. */
    int dim();

    /** Coordinate {@code j} of action {@code index}'s embedding, in [-1, 1]. */
    double coordinate(int index, int j);

    /** Writes action {@code index}'s embedding into {@code out[0..d)}. */
    default void embedding(int index, double[] out) {
        for (int j = 0; j < dim(); j++) {
            out[j] = coordinate(index, j);
        }
    }

    /** The raw env action for {@code index} (a fresh array; see {@code Env} for the encoding). */
    double[] envAction(int index);

    /** An exact k-nearest-neighbour search over this set (the fastest exact one it knows). */
    NeighbourSearch search();
}
