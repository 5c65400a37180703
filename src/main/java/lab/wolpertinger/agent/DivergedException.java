package lab.wolpertinger.agent;

import java.util.Locale;

/**
 * Training diverged: a DDPG update met a non-finite {@code quantity} (the critic loss, a Q value,
 * a target y, a gradient) at env step {@code step}. Thrown before that update reached the
 * networks, which keep their last finite weights; the run may be saved and inspected, not trained on.
 */
public final class DivergedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final long step;
    private final String quantity;
    private final double value;

    /**
     * @param step the env step whose update diverged
     * @param quantity what became non-finite, e.g. "critic loss"
     * @param value its value (NaN, an infinity, or a finite value whose square overflows float32)
     */
    public DivergedException(long step, String quantity, double value) {
        super(String.format(Locale.ROOT, "diverged at step %,d: %s is %s", step, quantity, describe(value)));
        this.step = step;
        this.quantity = quantity;
        this.value = value;
    }

    /** Throws a DivergedException for {@code quantity} at {@code step} if {@code value} is not finite. */
    public static void requireFinite(long step, String quantity, double value) {
        if (!Double.isFinite(value)) {
            throw new DivergedException(step, quantity, value);
        }
    }

    private static String describe(double value) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%.3g (its square overflows float32)", value)
                : Double.toString(value);
    }

    /** The env step whose update diverged. */
    public long step() {
        return step;
    }

    /** What became non-finite. */
    public String quantity() {
        return quantity;
    }

    /** Its value. */
    public double value() {
        return value;
    }
}
