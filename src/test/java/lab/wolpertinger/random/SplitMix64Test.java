package lab.wolpertinger.random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SplitMix64Test {

    private static final long[] SEEDS = {0L, 1L, -1L, 42L, Long.MIN_VALUE, Long.MAX_VALUE, 0x123456789abcdefL};

    @Test
    void longsIntsAndDoublesEqualSplittableRandom() {
        for (long seed : SEEDS) {
            SplittableRandom jdk = new SplittableRandom(seed);
            SplitMix64 ours = new SplitMix64(seed);
            for (int i = 0; i < 2000; i++) {
                switch (i % 3) {
                    case 0 -> assertEquals(jdk.nextLong(), ours.nextLong(), "seed " + seed + " call " + i);
                    case 1 -> assertEquals(jdk.nextInt(), ours.nextInt(), "seed " + seed + " call " + i);
                    default -> assertEquals(jdk.nextDouble(), ours.nextDouble(), 0.0, "seed " + seed + " call " + i);
                }
            }
        }
    }

    @Test
    void boundedIntsEqualSplittableRandomIncludingRejections() {
        // Powers of two take the mask path; 2^30 + 1 and Integer.MAX_VALUE reject about half the candidates.
        int[] bounds = {1, 2, 3, 7, 64, 1000, 2001, 200_000, 1 << 30, (1 << 30) + 1, Integer.MAX_VALUE};
        for (long seed : SEEDS) {
            SplittableRandom jdk = new SplittableRandom(seed);
            SplitMix64 ours = new SplitMix64(seed);
            for (int i = 0; i < 5000; i++) {
                int bound = bounds[i % bounds.length];
                assertEquals(jdk.nextInt(bound), ours.nextInt(bound), "seed " + seed + " bound " + bound);
            }
            assertEquals(jdk.nextLong(), ours.nextLong(), "streams stay aligned after rejections");
        }
    }

    @Test
    void restoredStateContinuesTheSameStream() {
        SplitMix64 a = new SplitMix64(7);
        for (int i = 0; i < 13; i++) {
            a.nextDouble();
        }
        SplitMix64 b = SplitMix64.of(a.state());
        for (int i = 0; i < 100; i++) {
            assertEquals(a.nextLong(), b.nextLong());
        }
    }

    @Test
    void rejectsBadArguments() {
        assertThrows(IllegalArgumentException.class, () -> new SplitMix64(1).nextInt(0));
        assertThrows(IllegalArgumentException.class, () -> new SplitMix64.State(1, 2));
    }
}
