package lab.wolpertinger.knn;

/**
 * The k best candidates seen so far, ordered by (squared distance, index): a bounded max-heap
 * whose root is the worst kept candidate, so a better one replaces it in O(log k).
 *
 * <p>Ordering by the pair, not the distance alone, makes the kept set and its order exactly the
 * contract's, whatever order candidates are offered in.
 */
final class CandidateHeap {

    private int capacity;
    private int size;
    private double[] distance;
    private int[] index;

    CandidateHeap(int initialCapacity) {
        distance = new double[Math.max(1, initialCapacity)];
        index = new int[distance.length];
    }

    /** Empties the heap and sets how many candidates it keeps (the arrays grow if needed). */
    void reset(int k) {
        if (k > distance.length) {
            distance = new double[k];
            index = new int[k];
        }
        capacity = k;
        size = 0;
    }

    boolean isFull() {
        return size == capacity;
    }

    /** Squared distance of the worst kept candidate; only meaningful when {@link #isFull()}. */
    double worstDistance() {
        return distance[0];
    }

    /** Keeps (d, i) if the heap has room or it is better than the worst kept candidate. */
    void offer(double d, int i) {
        if (size < capacity) {
            int c = size++;
            // sift up: while the new candidate is worse than its parent, move the parent down
            while (c > 0) {
                int p = (c - 1) >>> 1;
                if (!worse(d, i, distance[p], index[p])) {
                    break;
                }
                distance[c] = distance[p];
                index[c] = index[p];
                c = p;
            }
            distance[c] = d;
            index[c] = i;
        } else if (worse(distance[0], index[0], d, i)) {
            siftDown(d, i, size);
        }
    }

    /** Writes the kept indices into out[0..size) best first and empties the heap. */
    void drainInto(int[] out) {
        for (int n = size; n > 0; n--) {
            out[n - 1] = index[0];
            int last = n - 1;
            if (last > 0) {
                siftDown(distance[last], index[last], last);
            }
        }
        size = 0;
    }

    /** Places (d, i) at the root of heap[0..n) and sifts it down. */
    private void siftDown(double d, int i, int n) {
        int c = 0;
        while (true) {
            int child = 2 * c + 1;
            if (child >= n) {
                break;
            }
            if (child + 1 < n && worse(distance[child + 1], index[child + 1], distance[child], index[child])) {
                child++;
            }
            if (!worse(distance[child], index[child], d, i)) {
                break;
            }
            distance[c] = distance[child];
            index[c] = index[child];
            c = child;
        }
        distance[c] = d;
        index[c] = i;
    }

    /** True when (d1, i1) comes strictly after (d2, i2) in (distance, index) order. */
    private static boolean worse(double d1, int i1, double d2, int i2) {
        return d1 > d2 || (d1 == d2 && i1 > i2);
    }
}
