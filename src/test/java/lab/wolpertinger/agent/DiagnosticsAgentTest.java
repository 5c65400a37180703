package lab.wolpertinger.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import lab.wolpertinger.knn.GridActionSet;
import lab.wolpertinger.nn.Adam;
import lab.wolpertinger.nn.Nd4jRuntime;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The update's and the selection's diagnostics against hand computations on tiny cases. */
class DiagnosticsAgentTest {

    @Test
    void adamReportsTheNormOfTheGradientItChecked() {
        Nd4jRuntime.init();
        INDArray p = Nd4j.create(new float[] {1f, 2f}, new long[] {2});
        INDArray g = Nd4j.create(new float[] {3f, 4f}, new long[] {2});
        Adam plain = new Adam(p, g, 1e-3, 0);
        assertTrue(plain.nonFiniteGradient().isEmpty());
        assertTrue(Double.isNaN(plain.checkedGradientNorm()), "not measured unless asked");
        plain.measureGradientNorm();
        assertTrue(plain.nonFiniteGradient().isEmpty());
        assertEquals(5.0, plain.checkedGradientNorm(), 1e-12, "||(3, 4)||");
        Adam decayed = new Adam(p, g, 1e-3, 0.5);
        decayed.measureGradientNorm();
        decayed.nonFiniteGradient();
        assertEquals(Math.sqrt(3.5 * 3.5 + 5 * 5), decayed.checkedGradientNorm(), 1e-6, "||g + 0.5 p|| = ||(3.5, 5)||");
        g.putScalar(1, Float.NaN);
        assertTrue(plain.nonFiniteGradient().isPresent());
        assertTrue(Double.isNaN(plain.checkedGradientNorm()), "no norm of a bad gradient");
    }

    @Test
    void anUpdateOnOneTransitionReportsItsTdErrorQAndActorGradient() {
        GridActionSet actions = new GridActionSet(2001, 1, new double[] {-2}, new double[] {2});
        WolpertingerAgent agent = new WolpertingerAgent(WolpertingerAgentTest.small(8, 1), 3, actions);
        agent.setBatchSize(1); // the batch is the one stored transition, so everything can be computed by hand
        double[] obs = {0.6, -0.8, 0.3};
        double[] next = {0.5, -0.86, 0.7};
        double reward = -1.7;
        int action = agent.act(obs, true); // warm-up: a random action
        assertTrue(Double.isNaN(agent.lastTdError()), "before the first update");

        // Q(s, a) and y = r + gamma Q'(s', a') from the nets as they are before the update
        float[] a = {(float) actions.coordinate(action, 0)};
        INDArray s = Nd4j.create(new float[] {0.6f, -0.8f, 0.3f}, new long[] {1, 3});
        double q = agent.critic().forward(s, Nd4j.create(a, new long[] {1, 1})).getDouble(0);
        double y = agent.targets(new float[] {0.5f, -0.86f, 0.7f}, new float[] {(float) reward}, new float[] {1f}, 1)[0];

        agent.observe(obs, action, reward, next, false);
        assertEquals(1, agent.updates());
        assertEquals(Math.abs(y - q), agent.lastTdError(), 1e-6, "|delta| = |y - Q(s, a)|");
        assertEquals(q, agent.lastQMin(), 1e-7, "one Q in the batch");
        assertEquals(q, agent.lastQMax(), 1e-7);
        assertEquals(agent.lastCriticLoss(), agent.lastTdError() * agent.lastTdError(), 1e-9, "B = 1: MSE = delta^2");

        // The actor's gradient is left in its gradient array after the step (weight decay 0 here).
        INDArray grads = agent.actor().gradients();
        double squares = 0;
        for (long i = 0; i < grads.length(); i++) {
            squares += grads.getDouble(i) * grads.getDouble(i);
        }
        assertTrue(squares > 0);
        assertEquals(Math.sqrt(squares), agent.lastActorGradNorm(), 1e-6 * Math.sqrt(squares));
    }

    @Test
    void theNearestActionOfALineSelectionIsTheBruteForceNearest() {
        GridActionSet actions = new GridActionSet(2001, 1, new double[] {-2}, new double[] {2});
        WolpertingerAgent agent = new WolpertingerAgent(WolpertingerAgentTest.small(2, 0), 3, actions);
        agent.setKRatio(0.1); // k = 200 >= the line solver's threshold: the fast path, no neighbour list
        SplittableRandom rng = new SplittableRandom(12);
        int overruled = 0;
        for (int t = 0; t < 200; t++) {
            double[] obs = {rng.nextDouble(-1, 1), rng.nextDouble(-1, 1), rng.nextDouble(-8, 8)};
            int chosen = agent.act(obs, true);
            int nearest = agent.policy().lastNearestIndex();
            double query = agent.lastNoisyProtoAction()[0];
            int oracle = 0;
            for (int i = 1; i < actions.size(); i++) { // (distance, index) order
                double di = Math.pow(actions.coordinate(i, 0) - query, 2);
                double dBest = Math.pow(actions.coordinate(oracle, 0) - query, 2);
                if (di < dBest) {
                    oracle = i;
                }
            }
            assertEquals(oracle, nearest, "query " + query);
            assertEquals(agent.policy().neighbours()[0], nearest, "the full list agrees");
            if (chosen != nearest) {
                overruled++;
            }
        }
        assertTrue(overruled > 0, "an untrained critic's argmax is rarely the nearest of 200");
    }
}
