package lab.wolpertinger.env;

import java.util.Objects;

/**
 * A discrete action space whose n actions carry embeddings: Gymnasium's {@code Discrete(n)} with
 * a table of n points in [-1, 1]^d that says which actions are alike (a catalog's items).
 * Actions are passed to {@code Env.step} like a {@link Discrete} space's: {@code {index}}.
 *
 * <p>The table is shared, never copied: {@code table[i * d + j]} is coordinate j of action i.
 * Whoever builds it promises not to write it afterwards, so any thread may read it.
 *
 * @param n number of actions, >= 1
 * @param d embedding dimension, >= 1
 * @param table n * d float32 coordinates, row-major, each in [-1, 1]
 */
public record Embedded(int n, int d, float[] table) implements Space {

    public Embedded {
        Objects.requireNonNull(table, "table");
        if (n < 1 || d < 1) {
            throw new IllegalArgumentException("Embedded needs n >= 1 and d >= 1, got n=" + n + ", d=" + d);
        }
        if ((long) n * d != table.length) {
            throw new IllegalArgumentException("table has " + table.length + " values, expected n * d = " + ((long) n * d));
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Embedded e && e.n == n && e.d == d && e.table == table;
    }

    @Override
    public int hashCode() {
        return 31 * (31 * n + d) + System.identityHashCode(table);
    }

    @Override
    public String toString() {
        return "Embedded(n=" + n + ", d=" + d + ")";
    }
}
