package lab.wolpertinger.env;

/** The action indices {@code 0 .. n-1}. */
public record Discrete(int n) implements Space {

    public Discrete {
        if (n < 1) {
            throw new IllegalArgumentException("Discrete needs n >= 1, got " + n);
        }
    }
}
