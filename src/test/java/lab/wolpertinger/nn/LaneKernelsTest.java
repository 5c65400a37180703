package lab.wolpertinger.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The vector lane loops give the plain loops' bits, on ordinary values and on zeros, NaN and
 * infinities (a NaN is any NaN: x86 vector and scalar instructions make different NaN payloads).
 */
class LaneKernelsTest {

    private static final int B = LaneKernels.BLOCK;

    @Test
    void theBuildsTestsRunTheVectorLoops() {
        // surefire adds --add-modules jdk.incubator.vector (pom.xml): the fast path is the tested one
        assertTrue(LaneKernels.VECTOR, LaneKernels.describe());
    }

    @Test
    void scoreLanesMatchesThePlainLoop() {
        SplittableRandom rng = new SplittableRandom(1);
        for (int h2 : new int[] {1, 7, 24, 128}) {
            for (int m : new int[] {1, 13, B}) {
                float[] base = values(rng, 3 + h2);
                float[] w3 = values(rng, h2);
                float[] lanes = values(rng, h2 * B);
                float[] want = new float[B];
                float[] got = new float[B];
                LaneKernels.scalarReluSum(base, 3, w3, h2, lanes, B, m, want);
                LaneKernels.scoreLanes(base, 3, w3, h2, lanes, m, got);
                assertSameBits(want, got, m, "scoreLanes h2 " + h2 + ", m " + m);
            }
        }
    }

    @Test
    void projectMatchesThePlainLoop() {
        SplittableRandom rng = new SplittableRandom(2);
        for (int d : new int[] {2, 5, 16, 64}) {
            for (int m : new int[] {1, 40, B}) {
                int h2 = 9;
                float[] w2a = values(rng, h2 * d);
                float[] a = values(rng, d * B);
                float[] want = new float[h2 * B];
                float[] got = new float[h2 * B];
                LaneKernels.scalarProject(w2a, h2, d, a, m, want);
                LaneKernels.project(w2a, h2, d, a, m, got);
                for (int u = 0; u < h2; u++) {
                    for (int c = 0; c < m; c++) {
                        assertEquals(Float.floatToIntBits(want[u * B + c]), Float.floatToIntBits(got[u * B + c]),
                                "project d " + d + ", unit " + u + ", lane " + c);
                    }
                }
            }
        }
    }

    @Test
    void scoreStatesMatchesThePlainLoop() {
        SplittableRandom rng = new SplittableRandom(3);
        for (int rows : new int[] {1, 64, 100}) {
            int stride = (rows + B - 1) / B * B;
            int h2 = 33;
            float[] basesT = new float[h2 * stride];
            for (int u = 0; u < h2; u++) {
                float[] v = values(rng, rows);
                System.arraycopy(v, 0, basesT, u * stride, rows);
            }
            float[] w3 = values(rng, h2);
            float[] p = values(rng, 5 + h2);
            float[] want = new float[stride];
            float[] got = new float[stride];
            LaneKernels.scalarReluSum(p, 5, w3, h2, basesT, stride, rows, want);
            LaneKernels.scoreStates(basesT, stride, rows, w3, h2, p, 5, got);
            assertSameBits(want, got, rows, "scoreStates rows " + rows);
        }
    }

    @Test
    void aUnitWhosePreActivationIsNotAboveZeroAddsNothing() {
        // the definition (CriticHead): the sum over units with z > 0; z = NaN, -0, +0 or < 0 add nothing
        float[] w3 = {1f, 2f, 4f, 8f, 16f};
        float[] base = {Float.NaN, -0f, 0f, -1f, 0.5f};
        float[] lanes = new float[w3.length * B];
        for (int u = 0; u < w3.length; u++) {
            java.util.Arrays.fill(lanes, u * B, (u + 1) * B, u == 3 ? 0.25f : 0f);
        }
        float[] vector = new float[B];
        float[] scalar = new float[B];
        LaneKernels.scoreLanes(base, 0, w3, w3.length, lanes, B, vector);
        LaneKernels.scalarReluSum(base, 0, w3, w3.length, lanes, B, B, scalar);
        for (float[] q : new float[][] {vector, scalar}) {
            for (int c = 0; c < B; c++) {
                assertEquals(Float.floatToIntBits(8f), Float.floatToIntBits(q[c]), "lane " + c);
            }
        }
    }

    /** Mostly Gaussian values, with about one in twelve a signed zero, an infinity, a NaN or a huge value. */
    private static float[] values(SplittableRandom rng, int n) {
        float[] specials = {0f, -0f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN, 3e38f, -3e38f, 1e-42f};
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = rng.nextInt(12) == 0 ? specials[rng.nextInt(specials.length)] : (float) (2 * rng.nextDouble() - 1);
        }
        return v;
    }

    private static void assertSameBits(float[] want, float[] got, int n, String what) {
        for (int i = 0; i < n; i++) {
            assertEquals(Float.floatToIntBits(want[i]), Float.floatToIntBits(got[i]), what + ", lane " + i);
        }
    }
}
