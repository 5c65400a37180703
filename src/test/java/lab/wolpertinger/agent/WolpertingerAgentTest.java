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
                warmup, "gaussian", 0.2, 0.05, 100, d.ouTheta(), d.ouSigma(), d.ouDt(), 100, 2, seed, 16, 0L, 1.0, "exact", "wolpertinger");
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
    void protoTargetsScoreTheRawProtoActionAsPlainDdpg() {
        // y = r + gamma (1 - terminated) Q'(s', mu'(s')): the target critic on the target actor's proto-action, no kNN.
        GridActionSet actions = new GridActionSet(2001, 1, new double[] {-2}, new double[] {2});
        WolpertingerAgent agent = new WolpertingerAgent(small(3, 0), 3, actions);
        int b = 6;
        float[] s2 = new float[b * 3];
        float[] r = new float[b];
        float[] nt = new float[b];
        SplittableRandom rng = new SplittableRandom(5);
        for (int i = 0; i < b; i++) {
            for (int j = 0; j < 3; j++) {
                s2[i * 3 + j] = (float) (rng.nextDouble() * 4 - 2);
            }
            r[i] = (float) -rng.nextDouble();
            nt[i] = i == 2 ? 0f : 1f;
        }
        double[] knn = agent.targets(s2, r, nt, b);
        assertEquals(WolpertingerConfig.TARGET_WOLPERTINGER, agent.targetMode(), "the default");
        agent.setTargetMode("proto");
        assertEquals(WolpertingerConfig.TARGET_PROTO, agent.targetMode());
        double[] proto = agent.targets(s2, r, nt, b);
        org.nd4j.linalg.api.ndarray.INDArray obs = org.nd4j.linalg.factory.Nd4j.create(s2, new long[] {b, 3}, 'c');
        org.nd4j.linalg.api.ndarray.INDArray mu = agent.actorTarget().forward(obs).dup();
        org.nd4j.linalg.api.ndarray.INDArray q = agent.criticTarget().forward(obs, mu);
        boolean differs = false;
        for (int i = 0; i < b; i++) {
            double want = r[i] + 0.99 * nt[i] * q.getFloat(i, 0);
            assertEquals(want, proto[i], 1e-6, "row " + i);
            differs |= Math.abs(proto[i] - knn[i]) > 1e-9;
        }
        assertEquals(r[2], proto[2], 1e-6, "a terminal transition does not bootstrap");
        assertTrue(differs, "the kNN argmax target is not the proto-action's Q");
        agent.setTargetMode("wolpertinger");
        assertArrayEquals(knn, agent.targets(s2, r, nt, b), "switching back restores the Wolpertinger target");
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> agent.setTargetMode("argmax"));
        assertEquals("targetMode must be 'wolpertinger' or 'proto', got 'argmax'", e.getMessage());
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
    private static WolpertingerConfig sized(int hidden, int buffer) {
        WolpertingerConfig d = WolpertingerConfig.defaults();
        return new WolpertingerConfig("Pendulum-v1", 2001, 0.01, hidden, hidden, 1e-3, 1e-3, 0, 0, 0.99, 0.01, 64,
                buffer, 10, "gaussian", 0.2, 0.05, 100, d.ouTheta(), d.ouSigma(), d.ouDt(), 100, 2, 1, 16, 0L, 1.0, "exact", "wolpertinger");
    }

    @Test
    void anAgentThatCannotFitIsRefusedBeforeAllocatingAndNamesTheSetting() {
        long gb = 1_000_000_000L;
        // 30,000 x 30,000 hidden units: ~1.8e9 parameters, six float32 copies ~ 43 GB > half of 24 GB.
        IllegalArgumentException nets = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> MemoryCheck.check(sized(30_000, 1000), 3, 1, 24 * gb, 2 * gb));
        assertTrue(nets.getMessage().contains("hidden1 = 30000") && nets.getMessage().contains("24.0 GB"),
                nets.getMessage());
        // 100 million transitions of Pendulum (3 + 3 + 1 + 2 floats each) = 3.6 GB > 80 % of a 2 GB heap.
        IllegalArgumentException replay = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> MemoryCheck.check(sized(64, 100_000_000), 3, 1, 24 * gb, 2 * gb));
        assertTrue(replay.getMessage().contains("bufferCapacity = 100,000,000") && replay.getMessage().contains("-Xmx"),
                replay.getMessage());
        // The presets' sizes fit with room to spare; an unknown machine size skips the nets check.
        MemoryCheck.check(sized(400, 1_000_000), 3, 1, 4 * gb, 512_000_000L);
        MemoryCheck.check(sized(30_000, 1000), 3, 1, 0, 2 * gb);
    }

    private static float[][] everything(WolpertingerAgent agent) {
        return new float[][] {agent.actor().params().toFloatVector(), agent.critic().params().toFloatVector(),
            agent.actorTarget().params().toFloatVector(), agent.criticTarget().params().toFloatVector(),
            agent.actorAdam().firstMoment().toFloatVector(), agent.actorAdam().secondMoment().toFloatVector(),
            agent.criticAdam().firstMoment().toFloatVector(), agent.criticAdam().secondMoment().toFloatVector()};
    }

    @Test
    void aDivergingUpdateStopsBeforeItReachesTheNetworks() {
        WolpertingerConfig d = small(1, 20);
        WolpertingerConfig wild = new WolpertingerConfig(d.env(), d.maxActions(), d.kRatio(), d.hidden1(), d.hidden2(),
                d.actorLr(), 1e6, 0, 0, d.gamma(), d.tau(), d.batchSize(), d.bufferCapacity(), d.warmupSteps(),
                d.noiseType(), d.noiseScale(), d.noiseFinalScale(), d.noiseDecaySteps(), d.ouTheta(), d.ouSigma(),
                d.ouDt(), d.steps(), d.evalEpisodes(), d.seed(), d.actionDim(), d.catalogSeed(), d.itemQuality(),
                d.search(), d.targetMode());
        GridActionSet actions = new GridActionSet(2001, 1, new double[] {-2}, new double[] {2});
        WolpertingerAgent agent = new WolpertingerAgent(wild, 3, actions);
        SplittableRandom rng = new SplittableRandom(7);
        double[] obs = {1, 0, 0};
        for (int t = 0; t < 500; t++) {
            float[][] before = everything(agent);
            long updates = agent.updates();
            long adamSteps = agent.criticAdam().stepCount();
            int a = agent.act(obs, true);
            double[] next = {rng.nextDouble() * 2 - 1, rng.nextDouble() * 2 - 1, rng.nextDouble() * 16 - 8};
            try {
                agent.observe(obs, a, -10 * rng.nextDouble(), next, false);
            } catch (DivergedException e) {
                assertEquals(agent.steps(), e.step());
                assertTrue(e.getMessage().startsWith("diverged at step " + e.step() + ": " + e.quantity() + " is "),
                        e.getMessage());
                assertEquals(updates, agent.updates(), "the failed update is not counted");
                assertEquals(adamSteps, agent.criticAdam().stepCount());
                float[][] after = everything(agent);
                for (int i = 0; i < before.length; i++) {
                    assertArrayEquals(before[i], after[i], "array " + i + " changed");
                    for (float v : after[i]) {
                        assertTrue(Float.isFinite(v));
                    }
                }
                return;
            }
            obs = next;
        }
        throw new AssertionError("critic lr 1e6 did not diverge in 500 steps");
    }
}
