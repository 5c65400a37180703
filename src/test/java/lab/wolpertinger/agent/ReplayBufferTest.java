package lab.wolpertinger.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ReplayBufferTest {

    @Test
    void ringOverwritesTheOldestAndSamplesWholeTransitions() {
        ReplayBuffer b = new ReplayBuffer(4, 2, 1);
        for (int i = 0; i < 6; i++) {
            // transition i: s = (i, -i), a = i/10, r = 100 + i, s' = (i + 1, 0), terminated iff i odd
            b.add(new double[] {i, -i}, new double[] {i / 10.0}, 100 + i, new double[] {i + 1, 0}, i % 2 == 1);
        }
        assertEquals(4, b.size());
        int n = 200;
        float[] s = new float[n * 2];
        float[] a = new float[n];
        float[] r = new float[n];
        float[] s2 = new float[n * 2];
        float[] nt = new float[n];
        b.sample(new SplittableRandom(1), n, s, a, r, s2, nt);
        Set<Integer> seen = new HashSet<>();
        for (int k = 0; k < n; k++) {
            int i = (int) s[2 * k];
            seen.add(i);
            assertEquals(-i, s[2 * k + 1], 0);
            assertEquals((float) (i / 10.0), a[k], 0);
            assertEquals(100 + i, r[k], 0);
            assertEquals(i + 1, s2[2 * k], 0);
            assertEquals(i % 2 == 1 ? 0f : 1f, nt[k], 0);
        }
        assertEquals(Set.of(2, 3, 4, 5), seen, "transitions 0 and 1 were overwritten");
    }

    @Test
    void emptyBufferRefusesToSample() {
        ReplayBuffer b = new ReplayBuffer(4, 1, 1);
        assertThrows(IllegalStateException.class,
                () -> b.sample(new SplittableRandom(1), 1, new float[1], new float[1], new float[1], new float[1], new float[1]));
    }
}
