package lab.wolpertinger.nn;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * Work arrays keyed by batch size, made lazily on first use of a size. The last size used is
 * kept in fields so the common case (the same B every step) does no map look-up or boxing.
 * Only the {@link #SIZES} most recently used sizes are kept (a net sees two or three: 1 for
 * acting, B for updates): a batch-size slider dragged over 1..1024 would otherwise keep a set
 * of native arrays for every size it passed. Dropped arrays are freed by ND4J once unreachable.
 */
final class BatchCache<T> {

    private final IntFunction<T> factory;
    /** Sizes kept. */
    static final int SIZES = 4;

    private final Map<Integer, T> bySize = new LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, T> eldest) {
            return size() > SIZES;
        }
    };
    private int lastSize = -1;
    private T last;

    BatchCache(IntFunction<T> factory) {
        this.factory = factory;
    }

    /** The work arrays for batch size b, made if absent. */
    T get(int b) {
        if (b == lastSize) {
            return last;
        }
        T t = bySize.computeIfAbsent(b, factory::apply);
        lastSize = b;
        last = t;
        return t;
    }

    /** The work arrays for batch size b, which a forward must already have made. */
    T existing(int b) {
        if (b == lastSize) {
            return last;
        }
        T t = bySize.get(b);
        if (t == null) {
            throw new IllegalStateException("backward with batch size " + b
                + " before any forward with that batch size");
        }
        lastSize = b;
        last = t;
        return t;
    }
}
