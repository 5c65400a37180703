package lab.wolpertinger.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import lab.wolpertinger.knn.BruteForceSearch;
import lab.wolpertinger.knn.GridActionSet;
import lab.wolpertinger.nn.CriticNet;
import lab.wolpertinger.nn.Nd4jRuntime;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The Wolpertinger step equals the slow, obvious computation: brute-force k nearest, every
 * candidate scored by the naive k×(h1+d) critic product, argmax (first on ties).
 */
class WolpertingerPolicyTest {

    @Test
    void selectionEqualsBruteForceKnnAndNaiveCriticArgmax1d() {
        check(new GridActionSet(1001, 1, new double[] {-2}, new double[] {2}), 3, 37);
    }

    @Test
    void selectionEqualsBruteForceKnnAndNaiveCriticArgmax2d() {
        check(new GridActionSet(900, 2, new double[] {-1, -1}, new double[] {1, 1}), 4, 25);
    }

    private static void check(GridActionSet actions, int obsDim, int k) {
        Nd4jRuntime.init();
        int d = actions.dim();
        CriticNet critic = new CriticNet(obsDim, d, 16, 12, 7);
        critic.refreshHead();
        WolpertingerPolicy policy = new WolpertingerPolicy(actions, k);
        BruteForceSearch brute = new BruteForceSearch(actions);
        SplittableRandom rng = new SplittableRandom(3);
        INDArray obs = Nd4j.create(DataType.FLOAT, 1, obsDim);
        float[] obsF = new float[obsDim];
        float[] base = new float[critic.hidden2()];
        int[] idx = new int[k];
        float[] cands = new float[k * d];
        double[] q = new double[k];
        for (int trial = 0; trial < 50; trial++) {
            for (int j = 0; j < obsDim; j++) {
                obsF[j] = (float) (rng.nextDouble() * 4 - 2);
            }
            Nd4jRuntime.copyInto(obsF, obs);
            double[] proto = new double[d];
            for (int j = 0; j < d; j++) {
                proto[j] = rng.nextDouble() * 2.4 - 1.2;
            }
            critic.splitBase(obs, base);
            int chosen = policy.select(critic, base, 0, proto);

            brute.nearest(proto, k, idx);
            for (int i = 0; i < k; i++) {
                for (int j = 0; j < d; j++) {
                    cands[i * d + j] = (float) actions.coordinate(idx[i], j);
                }
            }
            critic.naiveScores(obs, cands, k, q);
            int best = 0;
            for (int i = 1; i < k; i++) {
                if (q[i] > q[best] + 1e-6) {
                    best = i;
                }
            }
            // The split and naive products round differently; accept a different argmax only
            // when the two candidates' naive scores tie to float precision.
            int chosenPos = indexOf(idx, k, chosen);
            assertEquals(q[best], q[chosenPos], 1e-5, "trial " + trial);
            for (int i = 0; i < k; i++) {
                assertEquals(idx[i], policy.neighbours()[i], "neighbour " + i + " of trial " + trial);
            }
        }
    }

    private static int indexOf(int[] a, int n, int v) {
        for (int i = 0; i < n; i++) {
            if (a[i] == v) {
                return i;
            }
        }
        throw new AssertionError("chosen action " + v + " is not among the k nearest");
    }
}
