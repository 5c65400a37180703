package lab.wolpertinger.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The split critic (splitBase + scoreCandidates) equals the concat path and the batch forward. */
class CandidateScoringTest {

    static int argmax(double[] q, int k) {
        int best = 0;
        for (int i = 1; i < k; i++) {
            if (q[i] > q[best]) {
                best = i;
            }
        }
        return best;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void splitScoresEqualNaiveScoresAndForward(int d) {
        Nd4jRuntime.init();
        int o = 3, h2 = 32, k = 500;
        CriticNet critic = new CriticNet(o, d, 64, h2, 21 + d);
        critic.namedParameters().get("fc3.weight").muli(100);   // make Q differences visible
        critic.refreshHead();
        SplittableRandom rng = new SplittableRandom(d);
        int states = 3;
        INDArray obs = Nd4j.create(DataType.FLOAT, states, o);
        for (int i = 0; i < states * o; i++) {
            obs.putScalar(i, rng.nextDouble(-1, 1));
        }
        float[] base = new float[states * h2];
        critic.splitBase(obs, base);
        for (int r = 0; r < states; r++) {
            float[] cand = new float[k * d];
            for (int i = 0; i < cand.length; i++) {
                cand[i] = (float) rng.nextDouble(-1, 1);
            }
            double[] split = new double[k];
            double[] naive = new double[k];
            critic.scoreCandidates(base, r * h2, cand, k, split);
            INDArray obs1 = obs.getRow(r, true).dup();
            critic.naiveScores(obs1, cand, k, naive);
            INDArray repeated = Nd4j.create(DataType.FLOAT, k, o);
            repeated.addiRowVector(obs1);
            INDArray actions = Nd4j.create(DataType.FLOAT, k, d);
            Nd4jRuntime.copyInto(cand, actions);
            INDArray q = critic.forward(repeated, actions);
            double scale = 0;
            for (int i = 0; i < k; i++) {
                scale = Math.max(scale, Math.abs(naive[i]));
            }
            for (int i = 0; i < k; i++) {
                assertEquals(naive[i], split[i], 1e-5 * scale, "candidate " + i + " (state " + r + ")");
                assertEquals(q.getDouble(i, 0), split[i], 1e-5 * scale, "candidate " + i + " vs forward");
            }
            assertEquals(argmax(naive, k), argmax(split, k), "argmax, state " + r + ", d=" + d);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void refreshHeadFollowsParameterChanges(int d) {
        Nd4jRuntime.init();
        CriticNet critic = new CriticNet(3, d, 16, 8, 1);
        CriticNet other = new CriticNet(3, d, 16, 8, 2);
        other.namedParameters().get("fc3.weight").muli(100);
        critic.softUpdateFrom(other, 0.5);     // refreshes the head itself
        INDArray obs = Nd4j.create(new float[] {0.1f, -0.2f, 0.3f}, new long[] {1, 3});
        float[] base = new float[8];
        critic.splitBase(obs, base);
        float[] cand = new float[4 * d];
        for (int i = 0; i < cand.length; i++) {
            cand[i] = i * 0.1f - 0.3f;
        }
        double[] split = new double[4], naive = new double[4];
        critic.scoreCandidates(base, 0, cand, 4, split);
        critic.naiveScores(obs, cand, 4, naive);
        for (int i = 0; i < 4; i++) {
            assertEquals(naive[i], split[i], 1e-6 + 1e-5 * Math.abs(naive[i]));
        }
    }
}
