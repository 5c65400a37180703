package lab.wolpertinger.agent;

import java.util.SplittableRandom;

/**
 * Standard normal samples from a {@link SplittableRandom} by the Marsaglia polar method,
 * written out so that the sequence is fixed by the seed and does not depend on JDK internals.
 */
final class Normal {
    private final SplittableRandom rng;
    private double spare;
    private boolean hasSpare;

    Normal(SplittableRandom rng) {
        this.rng = rng;
    }

    double next() {
        if (hasSpare) {
            hasSpare = false;
            return spare;
        }
        double u;
        double v;
        double s;
        do {
            u = 2.0 * rng.nextDouble() - 1.0;
            v = 2.0 * rng.nextDouble() - 1.0;
            s = u * u + v * v;
        } while (s >= 1.0 || s == 0.0);
        double f = StrictMath.sqrt(-2.0 * StrictMath.log(s) / s);
        spare = v * f;
        hasSpare = true;
        return u * f;
    }
}
