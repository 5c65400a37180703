package lab.wolpertinger.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The blocked (SIMD-friendly) and the projected d > 1 scoring are bit-identical to scoring one candidate at a time. */
class CriticHeadBlocksTest {

    /** The definition (CriticHead's Javadoc), one candidate at a time. */
    private static double reference(CriticHead head, float[] base, int off, float[] cand, int i) {
        int d = head.actionDim();
        float q = 0f;
        for (int u = 0; u < head.hidden2(); u++) {
            float p = head.actionWeight(u, 0) * cand[i * d];
            for (int j = 1; j < d; j++) {
                p += head.actionWeight(u, j) * cand[i * d + j];
            }
            float z = base[off + u] + p;
            if (z > 0f) {
                q += head.outputWeight(u) * z;
            }
        }
        return (double) head.outputBias() + q;
    }

    @ParameterizedTest
    @CsvSource({"2, 7, 1", "3, 64, 130", "16, 128, 1000", "16, 128, 63", "64, 33, 65", "5, 1, 200", "2, 3, 0"})
    void blockedScoresEqualTheScalarDefinitionBitForBit(int d, int h2, int k) {
        SplittableRandom rng = new SplittableRandom(31L * d + h2 + k);
        CriticHead head = new CriticHead(h2, d);
        float[] w2a = new float[h2 * d];
        float[] w3 = new float[h2];
        for (int i = 0; i < w2a.length; i++) {
            // a few exact zeros and repeated values make ties and units that sit exactly at 0
            w2a[i] = i % 11 == 0 ? 0f : (float) rng.nextGaussian();
        }
        for (int u = 0; u < h2; u++) {
            w3[u] = u % 7 == 0 ? -0f : (float) rng.nextGaussian();
        }
        head.set(w2a, w3, 0.25f);
        int states = 3;
        float[] base = new float[states * h2];
        for (int i = 0; i < base.length; i++) {
            base[i] = i % 5 == 0 ? 0f : (float) (0.5 * rng.nextGaussian());
        }
        float[] cand = new float[k * d];
        for (int i = 0; i < cand.length; i++) {
            cand[i] = i % 13 == 0 ? -0f : (float) (2 * rng.nextDouble() - 1);
        }
        double[] q = new double[k];
        double[] qp = new double[k + 3];
        float[] p = new float[k * h2];
        head.project(cand, k, p);
        int[] rows = new int[k + 5];
        for (int i = 0; i < k; i++) {
            rows[5 + i] = k - 1 - i; // reversed, at an offset: rows pick projections in any order
        }
        for (int s = 0; s < states; s++) {
            head.score(base, s * h2, cand, k, q);
            head.scoreProjected(base, s * h2, p, rows, 5, k, qp, 3);
            for (int i = 0; i < k; i++) {
                long want = Double.doubleToRawLongBits(reference(head, base, s * h2, cand, i));
                assertEquals(want, Double.doubleToRawLongBits(q[i]), "state " + s + ", candidate " + i);
                assertEquals(want, Double.doubleToRawLongBits(qp[3 + k - 1 - i]), "projected, state " + s + ", candidate " + i);
            }
        }
    }
}
