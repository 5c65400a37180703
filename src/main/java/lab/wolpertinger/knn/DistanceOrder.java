package lab.wolpertinger.knn;

/**
 * The contract's order on candidates, (squared distance, index), for searches that first gather
 * candidates and then rank them exactly: an in-place sort of parallel arrays and a float
 * quickselect for thresholds. No objects, no boxing.
 */
final class DistanceOrder {

    private DistanceOrder() {
    }

    /** Sorts {@code dist[0..count)} with {@code id[0..count)} alongside by (dist, id). */
    static void sort(double[] dist, int[] id, int count) {
        quicksort(dist, id, 0, count - 1);
    }

    private static void quicksort(double[] dist, int[] id, int lo, int hi) {
        while (hi - lo > 24) {
            int mid = (lo + hi) >>> 1;
            // median of three as pivot, moved to hi
            if (before(dist[mid], id[mid], dist[lo], id[lo])) {
                swap(dist, id, mid, lo);
            }
            if (before(dist[hi], id[hi], dist[lo], id[lo])) {
                swap(dist, id, hi, lo);
            }
            if (before(dist[mid], id[mid], dist[hi], id[hi])) {
                swap(dist, id, mid, hi);
            }
            double pd = dist[hi];
            int pi = id[hi];
            int store = lo;
            for (int i = lo; i < hi; i++) {
                if (before(dist[i], id[i], pd, pi)) {
                    swap(dist, id, i, store++);
                }
            }
            swap(dist, id, store, hi);
            // recurse into the smaller side, loop on the larger (O(log n) stack)
            if (store - lo < hi - store) {
                quicksort(dist, id, lo, store - 1);
                lo = store + 1;
            } else {
                quicksort(dist, id, store + 1, hi);
                hi = store - 1;
            }
        }
        for (int i = lo + 1; i <= hi; i++) {
            double d = dist[i];
            int x = id[i];
            int j = i - 1;
            while (j >= lo && before(d, x, dist[j], id[j])) {
                dist[j + 1] = dist[j];
                id[j + 1] = id[j];
                j--;
            }
            dist[j + 1] = d;
            id[j + 1] = x;
        }
    }

    /** True when (d1, i1) comes strictly before (d2, i2). */
    static boolean before(double d1, int i1, double d2, int i2) {
        return d1 < d2 || (d1 == d2 && i1 < i2);
    }

    private static void swap(double[] dist, int[] id, int a, int b) {
        double d = dist[a];
        dist[a] = dist[b];
        dist[b] = d;
        int x = id[a];
        id[a] = id[b];
        id[b] = x;
    }

    /**
     * The value of rank {@code rank} (0-based) among {@code a[0..len)} in ascending order; reorders
     * {@code a}. Expected O(len). Values must not be NaN.
     */
    static float select(float[] a, int len, int rank) {
        int lo = 0;
        int hi = len - 1;
        while (lo < hi) {
            float pivot = median(a[lo], a[(lo + hi) >>> 1], a[hi]);
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (a[i] < pivot) {
                    i++;
                }
                while (a[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    float t = a[i];
                    a[i] = a[j];
                    a[j] = t;
                    i++;
                    j--;
                }
            }
            // [lo, j] <= pivot, [i, hi] >= pivot, (j, i) == pivot
            if (rank <= j) {
                hi = j;
            } else if (rank >= i) {
                lo = i;
            } else {
                return a[rank];
            }
        }
        return a[rank];
    }

    /**
     * The value of rank {@code m - 1} (0-based) among {@code a[from..from + len)} in ascending order, the
     * same value {@link #select} gives, through a max-heap of the m smallest in {@code heap}
     * (length >= m); {@code a} is not reordered. For m much smaller than len it costs about one
     * compare per value (a later value enters the heap with probability about m / i).
     */
    static float smallest(float[] a, int from, int len, int m, float[] heap) {
        for (int i = 0; i < m; i++) { // sift up
            float v = a[from + i];
            int c = i;
            while (c > 0 && heap[(c - 1) >>> 1] < v) {
                heap[c] = heap[(c - 1) >>> 1];
                c = (c - 1) >>> 1;
            }
            heap[c] = v;
        }
        float top = heap[0];
        for (int i = m; i < len; i++) {
            float v = a[from + i];
            if (v < top) { // replace the largest kept, sift down
                int c = 0;
                while (true) {
                    int child = 2 * c + 1;
                    if (child >= m) {
                        break;
                    }
                    if (child + 1 < m && heap[child + 1] > heap[child]) {
                        child++;
                    }
                    if (heap[child] <= v) {
                        break;
                    }
                    heap[c] = heap[child];
                    c = child;
                }
                heap[c] = v;
                top = heap[0];
            }
        }
        return top;
    }

    /**
     * The value of rank {@code rank} (0-based) among {@code a[from..from + len)} in ascending
     * order, the value {@link #select} gives, without reordering {@code a}: one pass counts the
     * values into {@link #BUCKETS} buckets linear in the value (monotone, so the bucket holding
     * the rank is known from the counts), a second copies that bucket's values into
     * {@code scratch} (length >= len), and {@link #select} finishes on those. Two predictable passes
     * where a quickselect over thousands of values mispredicts about every other compare.
     */
    static float rankOf(float[] a, int from, int len, int rank, float[] scratch, int[] counts) {
        // compares, not Math.min/max: those keep NaN and -0 rules at several instructions each, on
        // a chain through every value; a NaN (never from a search) goes to the plain select below
        float lo = Float.POSITIVE_INFINITY;
        float hi = Float.NEGATIVE_INFINITY;
        boolean nan = false;
        for (int i = from; i < from + len; i++) {
            float v = a[i];
            lo = v < lo ? v : lo;
            hi = v > hi ? v : hi;
            nan |= v != v;
        }
        if (nan) {
            return select(copy(a, from, len, scratch), len, rank);
        }
        if (hi == lo) {
            return lo;
        }
        // float arithmetic: (v - lo) * scale rounds monotonically, so the buckets stay in value order
        float scale = (float) (BUCKETS / ((double) hi - lo));
        if (!(scale < Float.POSITIVE_INFINITY) || hi - lo == Float.POSITIVE_INFINITY) { // a span too small or too large for float
            return select(copy(a, from, len, scratch), len, rank);
        }
        java.util.Arrays.fill(counts, 0, BUCKETS, 0);
        for (int i = from; i < from + len; i++) {
            counts[Math.min(BUCKETS - 1, (int) ((a[i] - lo) * scale))]++;
        }
        int bucket = 0;
        int below = 0;
        while (below + counts[bucket] <= rank) {
            below += counts[bucket++];
        }
        int m = 0;
        for (int i = from; i < from + len; i++) {
            if (Math.min(BUCKETS - 1, (int) ((a[i] - lo) * scale)) == bucket) {
                scratch[m++] = a[i];
            }
        }
        return select(scratch, m, rank - below);
    }

    private static float[] copy(float[] a, int from, int len, float[] scratch) {
        System.arraycopy(a, from, scratch, 0, len);
        return scratch;
    }

    /** Buckets of {@link #rankOf} (its {@code counts} needs this many). */
    static final int BUCKETS = 256;

    private static float median(float a, float b, float c) {
        return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
    }
}
