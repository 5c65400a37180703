package lab.wolpertinger.agent;

/**
 * Derives independent seeds for named random streams from one run seed, so that every random
 * source of a run (network init, noise, replay sampling, env resets, evaluation) follows from
 * the run seed and no two streams share a sequence.
 */
public final class Seeds {
    private Seeds() {
    }

    /** A seed for the stream {@code name} of the run seeded {@code runSeed}. */
    public static long derive(long runSeed, String name) {
        long h = 0xcbf29ce484222325L; // FNV-1a over the stream name
        for (int i = 0; i < name.length(); i++) {
            h ^= name.charAt(i);
            h *= 0x100000001b3L;
        }
        return mix64(runSeed + 0x9E3779B97F4A7C15L * mix64(h));
    }

    /** Stafford's variant 13 of the MurmurHash3 finaliser (as SplittableRandom uses). */
    private static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
