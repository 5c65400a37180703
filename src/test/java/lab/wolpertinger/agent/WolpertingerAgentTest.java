package lab.wolpertinger.agent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import lab.wolpertinger.knn.GridActionSet;
import org.junit.jupiter.api.Test;

class WolpertingerAgentTest {

    static WolpertingerConfig small(long seed, int warmup) {
        WolpertingerConfig d = WolpertingerConfig.defaults();
        return new WolpertingerConfig("Pendulum-v1", 2001, 0.01, 16, 12, 1e-3, 1e-3, 0, 0, 0.99, 0.01, 8, 1000,
                warmup, "gaussian", 0.2, 0.05, 100, d.ouTheta(), d.ouSigma(), d.ouDt(), 100, 2, seed);
    }

    private static float[] run(long seed) {
        GridActionSet actions = new GridActionSet(2001, 1, new double[] {-2}, new double[] {2});
        WolpertingerAgent agent = new WolpertingerAgent(small(seed, 20), 3, actions);
        SplittableRandom rng = new SplittableRandom(99);
        double[] obs = {1, 0, 0};
        for (int t = 0; t < 80; t++) {
            int a = agent.act(obs, true);
            double[] next = {rng.nextDouble(), rng.nextDouble(), rng.nextDouble()};
            agent.observe(obs, a, -rng.nextDouble(), next, t % 17 == 16);
            obs = next;
        }
        return agent.actor().params().toFloatVector();
    }

    @Test
    void sameSeedSameWeightsBitForBit() {
        float[] a = run(5);
        float[] b = run(5);
        assertArrayEquals(a, b);
        float[] c = run(6);
        assertFalse(java.util.Arrays.equals(a, c), "another seed gives another run");
    }

    @Test
    void updatesStartAfterWarmupAndChangeTheNetworks() {
        GridActionSet actions = new GridActionSet(2001, 1, new double[] {-2}, new double[] {2});
        WolpertingerAgent agent = new WolpertingerAgent(small(1, 20), 3, actions);
        float[] before = agent.actor().params().toFloatVector();
        double[] obs = {1, 0, 0};
        for (int t = 0; t < 19; t++) {
            agent.observe(obs, agent.act(obs, true), -1, obs, false);
        }
        assertEquals(0, agent.updates());
        agent.observe(obs, agent.act(obs, true), -1, obs, false);
        assertEquals(1, agent.updates());
        assertFalse(java.util.Arrays.equals(before, agent.actor().params().toFloatVector()));
        assertTrue(Double.isFinite(agent.lastCriticLoss()));
    }

    @Test
    void targetsPairEachNextStateWithItsOwnCandidates() {
        // Targets computed for a whole batch equal targets computed one next state at a time.
        GridActionSet actions = new GridActionSet(2001, 1, new double[] {-2}, new double[] {2});
        WolpertingerAgent agent = new WolpertingerAgent(small(3, 0), 3, actions);
        SplittableRandom rng = new SplittableRandom(4);
        int b = 8;
        float[] s2 = new float[b * 3];
        float[] r = new float[b];
        float[] nt = new float[b];
        for (int i = 0; i < b; i++) {
            for (int j = 0; j < 3; j++) {
                s2[i * 3 + j] = (float) (rng.nextDouble() * 4 - 2);
            }
            r[i] = (float) -rng.nextDouble();
            nt[i] = i % 3 == 0 ? 0f : 1f;
        }
        double[] all = agent.targets(s2, r, nt, b);
        for (int i = 0; i < b; i++) {
            float[] one = java.util.Arrays.copyOfRange(s2, i * 3, i * 3 + 3);
            double[] single = agent.targets(one, new float[] {r[i]}, new float[] {nt[i]}, 1);
            assertEquals(single[0], all[i], 1e-5, "row " + i);
        }
        assertEquals(r[0], all[0], 1e-6, "a terminal transition does not bootstrap");
    }

    @Test
    void liveKRatioChangesK() {
        GridActionSet actions = new GridActionSet(2001, 1, new double[] {-2}, new double[] {2});
        WolpertingerAgent agent = new WolpertingerAgent(small(1, 0), 3, actions);
        assertEquals(20, agent.k());
        agent.setKRatio(0.1);
        assertEquals(200, agent.k());
        agent.act(new double[] {1, 0, 0}, false);
        assertEquals(200, agent.policy().k());
    }
}
