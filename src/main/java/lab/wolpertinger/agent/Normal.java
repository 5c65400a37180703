package lab.wolpertinger.agent;

import lab.wolpertinger.random.SplitMix64;

/**
 * Standard normal samples from a {@link SplitMix64} by the Marsaglia polar method,
 * written out so that the sequence is fixed by the seed and does not depend on JDK internals.
 * The method makes two samples at a time; the second waits as the spare, which is part of the
 * state a snapshot saves.
 */
final class Normal {
    private SplitMix64 rng;
    private double spare;
    private boolean hasSpare;

    Normal(SplitMix64 rng) {
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

    SplitMix64.State rngState() {
        return rng.state();
    }

    boolean hasSpare() {
        return hasSpare;
    }

    double spare() {
        return spare;
    }

    void restore(SplitMix64.State rngState, boolean withSpare, double spareValue) {
        rng = SplitMix64.of(rngState);
        hasSpare = withSpare;
        spare = withSpare ? spareValue : 0.0;
    }
}
