package lab.wolpertinger.random;

import java.util.random.RandomGenerator;

/**
 * The SplitMix64 generator of {@link java.util.SplittableRandom} (Steele, Lea and Flood 2014),
 * written out so that its state can be saved and restored: every run's random stream must
 * continue exactly after a snapshot is loaded, and {@code SplittableRandom} hides its state.
 *
 * <p>For the same seed it returns the same values as {@code new SplittableRandom(seed)} from
 * {@link #nextLong()}, {@link #nextInt()}, {@link #nextInt(int)} and {@link #nextDouble()}
 * (JDK 17's algorithms: {@code seed += gamma}, then the mix64 / mix32 finalisers; bounded ints
 * by rejection; doubles from the top 53 bits). {@code SplitMix64Test} checks this against the JDK.
 *
 * <p>Not thread-safe: each stream has one owner.
 */
public final class SplitMix64 implements RandomGenerator {

    /** The odd increment {@code SplittableRandom(long)} uses: 2^64 / phi, rounded to odd. */
    public static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

    private long seed;
    private final long gamma;

    /** A generator equal to {@code new SplittableRandom(seed)}. */
    public SplitMix64(long seed) {
        this(seed, GOLDEN_GAMMA);
    }

    private SplitMix64(long seed, long gamma) {
        if ((gamma & 1L) == 0) {
            throw new IllegalArgumentException("SplitMix64 gamma must be odd, got " + gamma);
        }
        this.seed = seed;
        this.gamma = gamma;
    }

    /** A generator continuing exactly where the one that reported {@code state} was. */
    public static SplitMix64 of(State state) {
        return new SplitMix64(state.seed(), state.gamma());
    }

    /** The current state (a value; the generator keeps running independently). */
    public State state() {
        return new State(seed, gamma);
    }

    /**
     * The complete state of a {@link SplitMix64}.
     *
     * @param seed the running sum, advanced by {@code gamma} before each output
     * @param gamma the odd increment
     */
    public record State(long seed, long gamma) {

        /** Validates that {@code gamma} is odd, as every SplitMix64 increment is. */
        public State {
            if ((gamma & 1L) == 0) {
                throw new IllegalArgumentException("SplitMix64 gamma must be odd, got " + gamma);
            }
        }
    }

    private long nextSeed() {
        return seed += gamma;
    }

    /** Stafford's variant 13 of the MurmurHash3 64-bit finaliser. */
    private static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** Stafford's variant 4 of the finaliser, upper 32 bits. */
    private static int mix32(long z) {
        z = (z ^ (z >>> 33)) * 0x62a9d9ed799705f5L;
        return (int) (((z ^ (z >>> 28)) * 0xcb24d0a5c88c35b3L) >>> 32);
    }

    @Override
    public long nextLong() {
        return mix64(nextSeed());
    }

    @Override
    public int nextInt() {
        return mix32(nextSeed());
    }

    /** Uniform in {@code [0, bound)}: a mask for powers of two, else rejection of the biased tail. */
    @Override
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive, got " + bound);
        }
        final int m = bound - 1;
        int r = nextInt();
        if ((bound & m) == 0) {
            r &= m;
        } else {
            // u is a 31-bit candidate; reject it when u's block of `bound` values is incomplete
            for (int u = r >>> 1; u + m - (r = u % bound) < 0; u = nextInt() >>> 1) {
                // retry
            }
        }
        return r;
    }

    /** Uniform in {@code [0, 1)} with 53 random bits. */
    @Override
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }
}
