package lab.wolpertinger.env;

import java.util.Arrays;

/**
 * A box in R^n with per-dimension bounds {@code low[i] <= x[i] <= high[i]} (bounds may be
 * infinite). Arrays are copied in and out: a box is immutable.
 */
public record Box(double[] low, double[] high) implements Space {

    public Box {
        if (low.length != high.length || low.length == 0) {
            throw new IllegalArgumentException("Box needs low and high of the same non-zero length");
        }
        low = low.clone();
        high = high.clone();
        for (int i = 0; i < low.length; i++) {
            if (!(low[i] <= high[i])) {
                throw new IllegalArgumentException("Box dimension " + i + ": low " + low[i] + " > high " + high[i]);
            }
        }
    }

    /** Number of dimensions. */
    public int dim() {
        return low.length;
    }

    @Override
    public double[] low() {
        return low.clone();
    }

    @Override
    public double[] high() {
        return high.clone();
    }

    /** Lower bound of dimension {@code i} (no copy). */
    public double low(int i) {
        return low[i];
    }

    /** Upper bound of dimension {@code i} (no copy). */
    public double high(int i) {
        return high[i];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Box b && Arrays.equals(low, b.low) && Arrays.equals(high, b.high);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(low) + Arrays.hashCode(high);
    }

    @Override
    public String toString() {
        return "Box(" + Arrays.toString(low) + ", " + Arrays.toString(high) + ")";
    }
}
